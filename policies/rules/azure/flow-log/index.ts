import { PlatformPolicy } from "../../../lib/types";
import { policy as retention } from "./retention";

export const flowLogPolicies: PlatformPolicy[] = [retention];
