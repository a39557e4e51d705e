import { PlatformPolicy } from "../../../lib/types";
import { policy as noUserManagedKeys } from "./no-user-managed-keys";

export const serviceAccountPolicies: PlatformPolicy[] = [noUserManagedKeys];
