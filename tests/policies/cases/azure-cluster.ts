// The AKS cluster of runtime kubernetes: a compliant baseline shaped as the adapter plans it
// and one failing mutation per rule.

import { PlannedResource } from "../../../policies/lib/evaluate";
import { policy as apiServerRestricted } from "../../../policies/rules/azure/aks/api-server-restricted";
import { policy as autoUpgrade } from "../../../policies/rules/azure/aks/auto-upgrade";
import { policy as controlPlaneLogs } from "../../../policies/rules/azure/aks/control-plane-logs";
import { policy as diskEncryption } from "../../../policies/rules/azure/aks/disk-encryption";
import { policy as entraRbac } from "../../../policies/rules/azure/aks/entra-rbac";
import { policy as etcdKms } from "../../../policies/rules/azure/aks/etcd-kms";
import { policy as localAccounts } from "../../../policies/rules/azure/aks/local-accounts-disabled";
import { policy as networkPolicy } from "../../../policies/rules/azure/aks/network-policy";
import { policy as systemPool } from "../../../policies/rules/azure/aks/system-pool-critical-only";
import { policy as uptimeSla } from "../../../policies/rules/azure/aks/uptime-sla";
import { policy as workloadIdentity } from "../../../policies/rules/azure/aks/workload-identity";
import { T, TAGS } from "../fixtures/azure";
import { all, PolicyCase, remove, resource, set } from "../harness";

const RG = { resourceGroupName: "platform-rg-id", location: "eastus" };
const CLUSTER_ID = "/subscriptions/s/resourceGroups/platform-rg/providers/Microsoft.ContainerService/managedClusters/platform-app-aks";

function cluster(): PlannedResource[] {
    const pool = { vmSize: "Standard_D2s_v5", enableAutoScaling: true, minCount: 3, maxCount: 6, availabilityZones: ["1", "2", "3"], enableNodePublicIP: false, osType: "Linux" };
    return [
        resource(T.MANAGED_CLUSTER, "aks", {
            ...RG,
            resourceName: "platform-app-aks",
            tags: TAGS,
            sku: { name: "Base", tier: "Standard" },
            enableRBAC: true,
            disableLocalAccounts: true,
            aadProfile: { managed: true, enableAzureRBAC: true, tenantID: "tenant" },
            oidcIssuerProfile: { enabled: true },
            securityProfile: { workloadIdentity: { enabled: true }, azureKeyVaultKms: { enabled: true, keyId: "https://platformkv.vault.azure.net/keys/aks-etcd/0123", keyVaultNetworkAccess: "Private" } },
            apiServerAccessProfile: { enablePrivateCluster: true, enableVnetIntegration: true },
            networkProfile: { networkPlugin: "azure", networkDataplane: "cilium", networkPolicy: "cilium" },
            autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
            diskEncryptionSetID: "disk-encryption-id",
            agentPoolProfiles: [{ ...pool, name: "system", mode: "System", nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"] }],
        }),
        resource(T.AGENT_POOL, "aks-apps-pool", { ...RG, resourceName: "platform-app-aks", agentPoolName: "apps", mode: "User", ...pool }),
        resource(T.DIAGNOSTIC_SETTING, "aks-diagnostics", {
            name: "platform-logs",
            resourceUri: CLUSTER_ID,
            workspaceId: "workspace-id",
            logs: ["kube-apiserver", "kube-audit-admin", "guard"].map((category) => ({ category, enabled: true })),
        }),
    ];
}

export const cases: PolicyCase[] = [
    {
        policy: apiServerRestricted,
        baseline: cluster,
        mutations: [
            { title: "public API server, no ranges", apply: set("aks", "apiServerAccessProfile", { enableVnetIntegration: true }), message: /public to every address/ },
            { title: "authorized ranges include the internet", apply: set("aks", "apiServerAccessProfile", { authorizedIPRanges: ["203.0.113.0/24", "0.0.0.0/0"] }), message: /includes 0.0.0.0\/0/ },
            { title: "public API server limited to the admin range", apply: set("aks", "apiServerAccessProfile", { authorizedIPRanges: ["203.0.113.0/24"] }), expectNone: true },
        ],
    },
    {
        policy: networkPolicy,
        baseline: cluster,
        mutations: [{ title: "no network policy engine", apply: set("aks", "networkProfile.networkPolicy", undefined), message: /networkPolicy is not set/ }],
    },
    {
        policy: entraRbac,
        baseline: cluster,
        mutations: [
            { title: "Kubernetes RBAC off", apply: set("aks", "enableRBAC", false), message: /enableRBAC is false/ },
            { title: "no Azure RBAC", apply: set("aks", "aadProfile.enableAzureRBAC", false), message: /Azure RBAC/ },
        ],
    },
    {
        policy: localAccounts,
        baseline: cluster,
        mutations: [{ title: "local admin kubeconfig", apply: set("aks", "disableLocalAccounts", false), message: /disableLocalAccounts is not true/ }],
    },
    {
        policy: workloadIdentity,
        baseline: cluster,
        mutations: [{ title: "no OIDC issuer", apply: set("aks", "oidcIssuerProfile.enabled", false), message: /OIDC issuer or workload identity is off/ }],
    },
    {
        policy: etcdKms,
        baseline: cluster,
        mutations: [{ title: "KMS off", apply: set("aks", "securityProfile.azureKeyVaultKms", undefined), message: /azureKeyVaultKms is not enabled/ }],
    },
    {
        policy: diskEncryption,
        baseline: cluster,
        mutations: [
            { title: "no disk encryption set", apply: set("aks", "diskEncryptionSetID", undefined), message: /no diskEncryptionSetID/ },
            {
                title: "host encryption on every pool instead",
                apply: all(set("aks", "diskEncryptionSetID", undefined), set("aks", "agentPoolProfiles.0.enableEncryptionAtHost", true), set("aks-apps-pool", "enableEncryptionAtHost", true)),
                expectNone: true,
            },
        ],
    },
    {
        policy: autoUpgrade,
        baseline: cluster,
        mutations: [
            { title: "no upgrade channel", apply: set("aks", "autoUpgradeProfile.upgradeChannel", "none"), message: /upgradeChannel is "none"/ },
            { title: "node images unmanaged", apply: set("aks", "autoUpgradeProfile.nodeOSUpgradeChannel", "Unmanaged"), message: /nodeOSUpgradeChannel is "Unmanaged"/ },
        ],
    },
    {
        policy: systemPool,
        baseline: cluster,
        mutations: [{ title: "system pool without the taint", apply: set("aks", "agentPoolProfiles.0.nodeTaints", []), message: /no CriticalAddonsOnly taint/ }],
    },
    {
        policy: uptimeSla,
        baseline: cluster,
        mutations: [
            { title: "Free tier in production", apply: set("aks", "sku.tier", "Free"), message: /sku.tier is "Free"/ },
            { title: "Free tier in development", apply: set("aks", "sku.tier", "Free"), tier: "development", expectNone: true },
        ],
    },
    {
        policy: controlPlaneLogs,
        baseline: cluster,
        mutations: [
            { title: "no diagnostic setting", apply: remove("aks-diagnostics"), message: /does not send kube-apiserver, kube-audit or kube-audit-admin logs/ },
            { title: "API server logs only", apply: set("aks-diagnostics", "logs", [{ category: "kube-apiserver", enabled: true }]), message: /kube-audit or kube-audit-admin/ },
        ],
    },
];
