import { PlatformPolicy } from "../../../lib/types";
import { policy as backupRetention } from "./backup-retention";
import { policy as deletionProtection } from "./deletion-protection";
import { policy as encryptedWithCmek } from "./encrypted-with-cmek";
import { policy as highAvailability } from "./high-availability";
import { policy as logFlags } from "./log-flags";
import { policy as managedPool } from "./managed-pool";
import { policy as noPublicIp } from "./no-public-ip";
import { policy as tlsEnforced } from "./tls-enforced";

export const sqlInstancePolicies: PlatformPolicy[] = [encryptedWithCmek, noPublicIp, tlsEnforced, backupRetention, highAvailability, deletionProtection, logFlags, managedPool];
