import { PlatformPolicy } from "../../../lib/types";
import { policy as apiServerRestricted } from "./api-server-restricted";
import { policy as autoUpgrade } from "./auto-upgrade";
import { policy as controlPlaneLogs } from "./control-plane-logs";
import { policy as diskEncryption } from "./disk-encryption";
import { policy as entraRbac } from "./entra-rbac";
import { policy as etcdKms } from "./etcd-kms";
import { policy as localAccountsDisabled } from "./local-accounts-disabled";
import { policy as networkPolicy } from "./network-policy";
import { policy as systemPoolCriticalOnly } from "./system-pool-critical-only";
import { policy as uptimeSla } from "./uptime-sla";
import { policy as workloadIdentity } from "./workload-identity";

export const aksPolicies: PlatformPolicy[] = [
    apiServerRestricted,
    networkPolicy,
    entraRbac,
    localAccountsDisabled,
    workloadIdentity,
    etcdKms,
    diskEncryption,
    autoUpgrade,
    systemPoolCriticalOnly,
    uptimeSla,
    controlPlaneLogs,
];
