import { PlatformPolicy } from "../../../lib/types";
import { policy as edgeOnly } from "./edge-only";

export const publicIpPolicies: PlatformPolicy[] = [edgeOnly];
