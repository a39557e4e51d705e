import { PlatformPolicy } from "../../../lib/types";
import { policy as backupRetention } from "./backup-retention";
import { policy as deleteLock } from "./delete-lock";
import { policy as encryptedWithCmk } from "./encrypted-with-cmk";
import { policy as geoRedundantBackup } from "./geo-redundant-backup";
import { policy as privateServer } from "./private";
import { policy as protectedServer } from "./protected";
import { policy as zoneRedundantHa } from "./zone-redundant-ha";

export const postgresServerPolicies: PlatformPolicy[] = [
    privateServer,
    encryptedWithCmk,
    backupRetention,
    geoRedundantBackup,
    zoneRedundantHa,
    deleteLock,
    protectedServer,
];
