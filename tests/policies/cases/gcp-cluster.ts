// GKE clusters and node pools (runtime kubernetes): a compliant baseline written like the
// cluster GKE's adapter builds, and a failing mutation per rule.

import { policy as deletionProtection } from "../../../policies/rules/gcp/gke/deletion-protection";
import { policy as legacyAbacOff } from "../../../policies/rules/gcp/gke/legacy-abac-off";
import { policy as logging } from "../../../policies/rules/gcp/gke/logging";
import { policy as masterAuthorizedNetworks } from "../../../policies/rules/gcp/gke/master-authorized-networks";
import { policy as networkPolicy } from "../../../policies/rules/gcp/gke/network-policy";
import { policy as nodeAutoRepair } from "../../../policies/rules/gcp/gke/node-auto-repair";
import { policy as nodeAutoUpgrade } from "../../../policies/rules/gcp/gke/node-auto-upgrade";
import { policy as nodeServiceAccount } from "../../../policies/rules/gcp/gke/node-service-account";
import { policy as privateNodes } from "../../../policies/rules/gcp/gke/private-nodes";
import { policy as releaseChannel } from "../../../policies/rules/gcp/gke/release-channel";
import { policy as secretsEncryption } from "../../../policies/rules/gcp/gke/secrets-encryption";
import { policy as secureBoot } from "../../../policies/rules/gcp/gke/secure-boot";
import { policy as shieldedNodes } from "../../../policies/rules/gcp/gke/shielded-nodes";
import { policy as workloadIdentity } from "../../../policies/rules/gcp/gke/workload-identity";
import { policy as requiredLabels } from "../../../policies/rules/gcp/resource/required-labels";
import { PolicyCase, resource, set } from "../harness";

const CLUSTER = "gcp:container/cluster:Cluster";
const NODE_POOL = "gcp:container/nodePool:NodePool";

function cluster() {
    return resource(CLUSTER, "app-cluster", {
        name: "platform-prod-gke",
        location: "us-central1",
        removeDefaultNodePool: true,
        privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: "10.0.23.0/28" },
        masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.0.10.0/24", displayName: "app subnetwork" }], gcpPublicCidrsAccessEnabled: false },
        enableLegacyAbac: false,
        enableShieldedNodes: true,
        workloadIdentityConfig: { workloadPool: "acme-platform.svc.id.goog" },
        datapathProvider: "ADVANCED_DATAPATH",
        databaseEncryption: { state: "ENCRYPTED", keyName: "projects/acme-platform/locations/us-central1/keyRings/keys/cryptoKeys/platform-prod-app-cluster" },
        releaseChannel: { channel: "REGULAR" },
        loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"] },
        deletionProtection: true,
        resourceLabels: { project: "platform", environment: "prod", tier: "production-medium", "managed-by": "pulumi" },
    });
}

function nodePool() {
    return resource(NODE_POOL, "app-node-pool", {
        name: "app-nodes",
        cluster: "platform-prod-gke",
        management: { autoRepair: true, autoUpgrade: true },
        networkConfig: { enablePrivateNodes: true },
        nodeConfig: {
            machineType: "n2-standard-4",
            serviceAccount: "platform-prod-nodes@acme-platform.iam.gserviceaccount.com",
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            workloadMetadataConfig: { mode: "GKE_METADATA" },
            resourceLabels: { project: "platform", environment: "prod", tier: "production-medium", "managed-by": "pulumi" },
        },
    });
}

const gke = () => [cluster(), nodePool()];

export const cases: PolicyCase[] = [
    {
        policy: privateNodes,
        baseline: gke,
        mutations: [
            { title: "public nodes", apply: set("app-cluster", "privateClusterConfig.enablePrivateNodes", false), message: /enablePrivateNodes is not true/ },
            { title: "a pool opts out", apply: set("app-node-pool", "networkConfig.enablePrivateNodes", false), message: /pool's nodes get external addresses/ },
        ],
    },
    {
        policy: masterAuthorizedNetworks,
        baseline: gke,
        mutations: [
            { title: "no authorized networks", apply: set("app-cluster", "masterAuthorizedNetworksConfig", undefined), message: /is not set/ },
            { title: "the whole internet", apply: set("app-cluster", "masterAuthorizedNetworksConfig.cidrBlocks.0.cidrBlock", "0.0.0.0/0"), message: /admits 0\.0\.0\.0\/0/ },
            { title: "Google Cloud's public ranges", apply: set("app-cluster", "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled", true), message: /gcpPublicCidrsAccessEnabled is true/ },
        ],
    },
    {
        policy: networkPolicy,
        baseline: gke,
        mutations: [
            { title: "legacy dataplane without the add-on", apply: set("app-cluster", "datapathProvider", "LEGACY_DATAPATH"), message: /not enforced/ },
            { title: "the add-on on the legacy dataplane", apply: (resources) => set("app-cluster", "networkPolicy", { enabled: true })(set("app-cluster", "datapathProvider", undefined)(resources) ?? resources), expectNone: true },
        ],
    },
    {
        policy: workloadIdentity,
        baseline: gke,
        mutations: [
            { title: "no workload pool", apply: set("app-cluster", "workloadIdentityConfig", undefined), message: /workloadPool is not set/ },
            { title: "pods see the node's metadata", apply: set("app-node-pool", "nodeConfig.workloadMetadataConfig.mode", "GCE_METADATA"), message: /not GKE_METADATA/ },
        ],
    },
    {
        policy: shieldedNodes,
        baseline: gke,
        mutations: [{ title: "shielded nodes off", apply: set("app-cluster", "enableShieldedNodes", false), message: /enableShieldedNodes is false/ }],
    },
    {
        policy: secureBoot,
        baseline: gke,
        mutations: [
            { title: "no shielded config", apply: set("app-node-pool", "nodeConfig.shieldedInstanceConfig", undefined), message: /enableSecureBoot is not true/ },
            { title: "integrity monitoring off", apply: set("app-node-pool", "nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring", false), message: /enableIntegrityMonitoring is false/ },
        ],
    },
    {
        policy: releaseChannel,
        baseline: gke,
        mutations: [
            { title: "no channel", apply: set("app-cluster", "releaseChannel", undefined), message: /releaseChannel.channel is null/ },
            { title: "unspecified", apply: set("app-cluster", "releaseChannel.channel", "UNSPECIFIED"), message: /"UNSPECIFIED"/ },
        ],
    },
    {
        policy: secretsEncryption,
        baseline: gke,
        mutations: [
            { title: "decrypted", apply: set("app-cluster", "databaseEncryption.state", "DECRYPTED"), message: /not ENCRYPTED with a key/ },
            { title: "no encryption block", apply: set("app-cluster", "databaseEncryption", undefined), message: /not ENCRYPTED with a key/ },
        ],
    },
    {
        policy: legacyAbacOff,
        baseline: gke,
        mutations: [{ title: "legacy ABAC on", apply: set("app-cluster", "enableLegacyAbac", true), message: /bypass RBAC/ }],
    },
    {
        policy: nodeAutoRepair,
        baseline: gke,
        mutations: [{ title: "auto-repair off", apply: set("app-node-pool", "management.autoRepair", false), message: /autoRepair is not true/ }],
    },
    {
        policy: nodeAutoUpgrade,
        baseline: gke,
        mutations: [{ title: "no management block", apply: set("app-node-pool", "management", undefined), message: /autoUpgrade is not true/ }],
    },
    {
        policy: nodeServiceAccount,
        baseline: gke,
        mutations: [
            { title: "the default compute account", apply: set("app-node-pool", "nodeConfig.serviceAccount", "123456789012-compute@developer.gserviceaccount.com"), message: /Compute Engine default account/ },
            { title: "no account", apply: set("app-node-pool", "nodeConfig.serviceAccount", undefined), message: /is null/ },
        ],
    },
    {
        policy: logging,
        baseline: gke,
        mutations: [
            { title: "workload logs dropped", apply: set("app-cluster", "loggingConfig.enableComponents", ["SYSTEM_COMPONENTS"]), message: /lacks WORKLOADS/ },
            { title: "logging off", apply: set("app-cluster", "loggingService", "none"), message: /loggingService is none/ },
        ],
    },
    {
        policy: deletionProtection,
        baseline: gke,
        tier: "production-medium",
        mutations: [
            { title: "unprotected in production", apply: set("app-cluster", "deletionProtection", false), message: /deletes the production cluster/ },
            { title: "unprotected in development", tier: "development", apply: set("app-cluster", "deletionProtection", false), expectNone: true },
        ],
    },
    {
        policy: requiredLabels,
        baseline: gke,
        mutations: [
            { title: "cluster without its resource labels", apply: set("app-cluster", "resourceLabels", undefined), message: /project/ },
            { title: "nodes without the tier", apply: set("app-node-pool", "nodeConfig.resourceLabels.tier", undefined), message: /tier/ },
        ],
    },
];
