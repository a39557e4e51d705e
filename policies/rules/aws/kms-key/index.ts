import { PlatformPolicy } from "../../../lib/types";
import { policy as policyNotPublic } from "./policy-not-public";
import { policy as rotation } from "./rotation";

export const kmsKeyPolicies: PlatformPolicy[] = [policyNotPublic, rotation];
