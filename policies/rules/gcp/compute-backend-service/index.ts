import { PlatformPolicy } from "../../../lib/types";
import { policy as logging } from "./logging";
import { policy as wafAttached } from "./waf-attached";

export const backendServicePolicies: PlatformPolicy[] = [wafAttached, logging];
