// The search cluster's rules: a compliant OpenSearch domain and one failing mutation per rule.

import { policy as dedicatedMasters } from "../../../policies/rules/aws/opensearch-domain/dedicated-masters";
import { policy as encryptedAtRest } from "../../../policies/rules/aws/opensearch-domain/encrypted-at-rest";
import { policy as fineGrainedAccess } from "../../../policies/rules/aws/opensearch-domain/fine-grained-access";
import { policy as httpsTls12 } from "../../../policies/rules/aws/opensearch-domain/https-tls-1-2";
import { policy as inVpc } from "../../../policies/rules/aws/opensearch-domain/in-vpc";
import { policy as logsPublished } from "../../../policies/rules/aws/opensearch-domain/logs-published";
import { policy as nodeToNode } from "../../../policies/rules/aws/opensearch-domain/node-to-node-encryption";
import { policy as gcpDiskCmek } from "../../../policies/rules/gcp/compute-disk/encrypted-with-cmek";
import { policy as azureDisk } from "../../../policies/rules/azure/managed-disk/encrypted-private";
import { policy as azureNicNoPublicIp } from "../../../policies/rules/azure/network-interface/no-public-ip";
import { policy as azureVmDisks } from "../../../policies/rules/azure/virtual-machine/disks-encrypted";
import { policy as azureVmSsh } from "../../../policies/rules/azure/virtual-machine/ssh-keys-only";
import { TAGS } from "../fixtures/aws";
import { PolicyCase, resource, set } from "../harness";

const DOMAIN = "aws:opensearch/domain:Domain";

const domain = () => [
    resource(
        DOMAIN,
        "search",
        {
            domainName: "platform-test-search",
            engineVersion: "OpenSearch_2.19",
            clusterConfig: {
                instanceType: "m7g.2xlarge.search",
                instanceCount: 3,
                dedicatedMasterEnabled: true,
                dedicatedMasterCount: 3,
                dedicatedMasterType: "m7g.large.search",
                zoneAwarenessEnabled: true,
                zoneAwarenessConfig: { availabilityZoneCount: 3 },
            },
            vpcOptions: { subnetIds: ["subnet-a", "subnet-b", "subnet-c"], securityGroupIds: ["sg-search"] },
            encryptAtRest: { enabled: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/key-test" },
            nodeToNodeEncryption: { enabled: true },
            domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
            advancedSecurityOptions: { enabled: true, internalUserDatabaseEnabled: false, anonymousAuthEnabled: false, masterUserOptions: { masterUserArn: "arn:aws:iam::123456789012:role/search-admin" } },
            logPublishingOptions: ["AUDIT_LOGS", "ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"].map((logType) => ({ logType, cloudwatchLogGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${logType}`, enabled: true })),
            tags: TAGS,
        },
        { protect: true },
    ),
];

/** The self-run nodes' pieces on GCP and Azure: a data disk, a VM and its interface. */
const gcpDisk = () => [resource("gcp:compute/disk:Disk", "search-data-1-data", { zone: "us-central1-a", type: "pd-ssd", size: 500, diskEncryptionKey: { kmsKeySelfLink: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/search" } }, { protect: true })];
const DES = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/search";
const azureNode = () => [
    resource(
        "azure-native:compute:VirtualMachine",
        "search-data-1",
        {
            osProfile: { linuxConfiguration: { disablePasswordAuthentication: true } },
            storageProfile: { osDisk: { managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: DES } } } },
        },
        { protect: true },
    ),
    resource("azure-native:compute:Disk", "search-data-1-data", { encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: DES }, networkAccessPolicy: "DenyAll" }, { protect: true }),
    resource("azure-native:network:NetworkInterface", "search-data-1-nic", { ipConfigurations: [{ name: "primary", subnet: { id: "app" }, privateIPAllocationMethod: "Dynamic" }] }),
];

export const cases: PolicyCase[] = [
    {
        policy: gcpDiskCmek,
        baseline: gcpDisk,
        mutations: [{ title: "Google-managed key", apply: set("search-data-1-data", "diskEncryptionKey", undefined), message: /kmsKeySelfLink is not set/ }],
    },
    {
        policy: azureVmDisks,
        baseline: azureNode,
        mutations: [{ title: "platform-managed key", apply: set("search-data-1", "storageProfile.osDisk.managedDisk.diskEncryptionSet", undefined), message: /neither securityProfile.encryptionAtHost nor a disk encryption set/ }],
    },
    {
        policy: azureVmSsh,
        baseline: azureNode,
        mutations: [{ title: "passwords allowed", apply: set("search-data-1", "osProfile.linuxConfiguration.disablePasswordAuthentication", false), message: /password logins are possible/ }],
    },
    {
        policy: azureDisk,
        baseline: azureNode,
        mutations: [
            { title: "platform-managed key", apply: set("search-data-1-data", "encryption.diskEncryptionSetId", undefined), message: /diskEncryptionSetId is not set/ },
            { title: "exportable", apply: set("search-data-1-data", "networkAccessPolicy", "AllowAll"), message: /networkAccessPolicy is "AllowAll"/ },
        ],
    },
    {
        policy: azureNicNoPublicIp,
        baseline: azureNode,
        mutations: [{ title: "public address", apply: set("search-data-1-nic", "ipConfigurations.0.publicIPAddress", { id: "pip" }), message: /publicIPAddress is set/ }],
    },
    {
        policy: encryptedAtRest,
        baseline: domain,
        mutations: [
            { title: "at rest off", apply: set("search", "encryptAtRest.enabled", false), message: /encryptAtRest.enabled is not true/ },
            { title: "no CMK", apply: set("search", "encryptAtRest.kmsKeyId", undefined), message: /kmsKeyId is not set/ },
        ],
    },
    {
        policy: nodeToNode,
        baseline: domain,
        mutations: [{ title: "node to node off", apply: set("search", "nodeToNodeEncryption.enabled", false), message: /nodeToNodeEncryption.enabled is not true/ }],
    },
    {
        policy: httpsTls12,
        baseline: domain,
        mutations: [
            { title: "HTTP allowed", apply: set("search", "domainEndpointOptions.enforceHttps", false), message: /enforceHttps is not true/ },
            { title: "TLS 1.0", apply: set("search", "domainEndpointOptions.tlsSecurityPolicy", "Policy-Min-TLS-1-0-2019-07"), message: /TLS 1.0 and 1.1 are accepted/ },
        ],
    },
    {
        policy: inVpc,
        baseline: domain,
        mutations: [{ title: "public endpoint", apply: set("search", "vpcOptions.subnetIds", []), message: /public endpoint/ }],
    },
    {
        policy: fineGrainedAccess,
        baseline: domain,
        mutations: [
            { title: "FGAC off", apply: set("search", "advancedSecurityOptions.enabled", false), message: /advancedSecurityOptions.enabled is not true/ },
            { title: "internal users", apply: set("search", "advancedSecurityOptions.internalUserDatabaseEnabled", true), message: /internalUserDatabaseEnabled is true/ },
            { title: "no master role", apply: set("search", "advancedSecurityOptions.masterUserOptions.masterUserArn", undefined), message: /masterUserArn is not set/ },
        ],
    },
    {
        policy: logsPublished,
        baseline: domain,
        mutations: [{ title: "no audit logs", apply: set("search", "logPublishingOptions.0.enabled", false), message: /does not publish AUDIT_LOGS/ }],
    },
    {
        policy: dedicatedMasters,
        baseline: domain,
        mutations: [
            { title: "no dedicated managers", tier: "production-large", apply: set("search", "clusterConfig.dedicatedMasterEnabled", false), message: /dedicatedMasterEnabled is not true/ },
            { title: "one zone", tier: "production-large", apply: set("search", "clusterConfig.zoneAwarenessEnabled", false), message: /zoneAwarenessEnabled is not true/ },
            { title: "smaller tiers may share the manager role", tier: "staging", apply: set("search", "clusterConfig.dedicatedMasterEnabled", false), expectNone: true },
        ],
    },
];
