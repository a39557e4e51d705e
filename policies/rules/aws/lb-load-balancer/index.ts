import { PlatformPolicy } from "../../../lib/types";
import { policy as accessLogs } from "./access-logs";
import { policy as deletionProtection } from "./deletion-protection";
import { policy as desyncMitigation } from "./desync-mitigation";
import { policy as dropInvalidHeaders } from "./drop-invalid-headers";
import { policy as wafAttached } from "./waf-attached";

export const loadBalancerPolicies: PlatformPolicy[] = [wafAttached, dropInvalidHeaders, desyncMitigation, accessLogs, deletionProtection];
