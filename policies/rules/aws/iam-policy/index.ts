import { PlatformPolicy } from "../../../lib/types";
import { policy as noWildcardActions } from "./no-wildcard-actions";
import { policy as noWildcardResources } from "./no-wildcard-resources";

export const iamPolicyPolicies: PlatformPolicy[] = [noWildcardActions, noWildcardResources];
