import { PlatformPolicy } from "../../../lib/types";
import { policy as hasRules } from "./has-rules";
import { policy as knownBadInputs } from "./known-bad-inputs";
import { policy as logging } from "./logging";

export const webAclPolicies: PlatformPolicy[] = [hasRules, knownBadInputs, logging];
