import { PlatformPolicy } from "../../../lib/types";
import { policy as authenticated } from "./authenticated";

export const schedulerJobPolicies: PlatformPolicy[] = [authenticated];
