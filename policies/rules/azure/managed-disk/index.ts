import { PlatformPolicy } from "../../../lib/types";
import { policy as encryptedPrivate } from "./encrypted-private";

export const managedDiskPolicies: PlatformPolicy[] = [encryptedPrivate];
