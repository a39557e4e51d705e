// GKE clusters and node pools (runtime kubernetes on gcp).

import { PlatformPolicy } from "../../../lib/types";
import { policy as privateNodes } from "./private-nodes";
import { policy as masterAuthorizedNetworks } from "./master-authorized-networks";
import { policy as networkPolicy } from "./network-policy";
import { policy as workloadIdentity } from "./workload-identity";
import { policy as shieldedNodes } from "./shielded-nodes";
import { policy as secureBoot } from "./secure-boot";
import { policy as releaseChannel } from "./release-channel";
import { policy as secretsEncryption } from "./secrets-encryption";
import { policy as legacyAbacOff } from "./legacy-abac-off";
import { policy as nodeAutoRepair } from "./node-auto-repair";
import { policy as nodeAutoUpgrade } from "./node-auto-upgrade";
import { policy as nodeServiceAccount } from "./node-service-account";
import { policy as logging } from "./logging";
import { policy as deletionProtection } from "./deletion-protection";

export const gkePolicies: PlatformPolicy[] = [
    privateNodes,
    masterAuthorizedNetworks,
    networkPolicy,
    workloadIdentity,
    shieldedNodes,
    secureBoot,
    releaseChannel,
    secretsEncryption,
    legacyAbacOff,
    nodeAutoRepair,
    nodeAutoUpgrade,
    nodeServiceAccount,
    logging,
    deletionProtection,
];
