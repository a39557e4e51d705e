import { PlatformPolicy } from "../../../lib/types";
import { policy as coverage } from "./coverage";

export const diagnosticSettingPolicies: PlatformPolicy[] = [coverage];
