import { PlatformPolicy } from "../../../lib/types";
import { policy as privateVault } from "./private";
import { policy as rbacAuthorization } from "./rbac-authorization";
import { policy as recoverable } from "./recoverable";

export const keyVaultPolicies: PlatformPolicy[] = [recoverable, privateVault, rbacAuthorization];
