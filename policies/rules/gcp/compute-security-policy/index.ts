import { PlatformPolicy } from "../../../lib/types";
import { policy as log4j } from "./log4j";
import { policy as owaspRules } from "./owasp-rules";
import { policy as rateLimit } from "./rate-limit";

export const securityPolicyPolicies: PlatformPolicy[] = [owaspRules, log4j, rateLimit];
