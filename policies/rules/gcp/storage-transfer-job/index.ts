import { PlatformPolicy } from "../../../lib/types";
import { policy as keepsSource } from "./keeps-source";

export const transferJobPolicies: PlatformPolicy[] = [keepsSource];
