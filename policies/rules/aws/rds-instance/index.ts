import { PlatformPolicy } from "../../../lib/types";
import { policy as autoMinorVersionUpgrade } from "./auto-minor-version-upgrade";
import { policy as backupRetention } from "./backup-retention";
import { policy as copyTagsToSnapshot } from "./copy-tags-to-snapshot";
import { policy as deletionProtection } from "./deletion-protection";
import { policy as enhancedMonitoring } from "./enhanced-monitoring";
import { policy as iamAuthentication } from "./iam-authentication";
import { policy as logsExported } from "./logs-exported";
import { policy as multiAz } from "./multi-az";
import { policy as notPubliclyAccessible } from "./not-publicly-accessible";
import { policy as performanceInsights } from "./performance-insights";
import { policy as protectedInstance } from "./protected";
import { policy as storageEncrypted } from "./storage-encrypted";
import { policy as tlsEnforced } from "./tls-enforced";

export const rdsInstancePolicies: PlatformPolicy[] = [
    storageEncrypted,
    notPubliclyAccessible,
    backupRetention,
    multiAz,
    deletionProtection,
    protectedInstance,
    autoMinorVersionUpgrade,
    tlsEnforced,
    logsExported,
    performanceInsights,
    iamAuthentication,
    enhancedMonitoring,
    copyTagsToSnapshot,
];
