import { PlatformPolicy } from "../../../lib/types";
import { policy as httpsOnly } from "./https-only";
import { policy as tlsPolicy } from "./tls-policy";
import { policy as wafEnabled } from "./waf-enabled";

export const applicationGatewayPolicies: PlatformPolicy[] = [wafEnabled, tlsPolicy, httpsOnly];
