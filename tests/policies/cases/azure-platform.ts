// Scale sets, identities, messaging, the credentials job, monitoring, tags and plain-text
// secrets on Azure: a compliant baseline and one failing mutation per rule.

import { policy as groupPrivate } from "../../../policies/rules/azure/container-group/private";
import { policy as groupEnvironment } from "../../../policies/rules/azure/container-group/secure-environment";
import { policy as diagnostics } from "../../../policies/rules/azure/diagnostic-setting/coverage";
import { policy as workspaceRetention } from "../../../policies/rules/azure/log-analytics-workspace/retention";
import { policy as alertActions } from "../../../policies/rules/azure/metric-alert/actions-enabled";
import { policy as requiredTags } from "../../../policies/rules/azure/resource/required-tags";
import { policy as leastPrivilege } from "../../../policies/rules/azure/role-assignment/least-privilege";
import { policy as busCmk } from "../../../policies/rules/azure/service-bus-namespace/encrypted-with-cmk";
import { policy as busPrivate } from "../../../policies/rules/azure/service-bus-namespace/private";
import { policy as busAccess } from "../../../policies/rules/azure/service-bus-namespace/secure-access";
import { policy as noPlaintextSecrets } from "../../../policies/rules/azure/stack/no-plaintext-secrets";
import { policy as vmssRepairs } from "../../../policies/rules/azure/virtual-machine-scale-set/automatic-repairs";
import { policy as vmssDisks } from "../../../policies/rules/azure/virtual-machine-scale-set/disks-encrypted";
import { policy as vmssPublicIp } from "../../../policies/rules/azure/virtual-machine-scale-set/no-public-ip";
import { policy as vmssCustomData } from "../../../policies/rules/azure/virtual-machine-scale-set/no-secrets-in-custom-data";
import { policy as vmssSsh } from "../../../policies/rules/azure/virtual-machine-scale-set/ssh-keys-only";
import { platform, stack, T, TAGS } from "../fixtures/azure";
import { add, PolicyCase, remove, resource, set } from "../harness";

const OWNER = "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const CONTRIBUTOR = "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42dd-ab88-20427eea1f5c";

export const cases: PolicyCase[] = [
    {
        policy: vmssSsh,
        baseline: platform,
        mutations: [
            { title: "password logins allowed", apply: set("web", "virtualMachineProfile.osProfile.linuxConfiguration.disablePasswordAuthentication", false), message: /disablePasswordAuthentication is not true/ },
            { title: "admin password set", apply: set("web", "virtualMachineProfile.osProfile.adminPassword", "[secret]"), message: /adminPassword is set/ },
        ],
    },
    {
        policy: vmssDisks,
        baseline: platform,
        mutations: [
            { title: "no host encryption nor disk encryption set", apply: set("web", "virtualMachineProfile.securityProfile.encryptionAtHost", false), message: /neither securityProfile.encryptionAtHost nor a disk encryption set/ },
            {
                title: "a disk encryption set instead",
                apply: (r) => {
                    set("web", "virtualMachineProfile.securityProfile.encryptionAtHost", false)(r);
                    set("web", "virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet", { id: "disk-keys-id" })(r);
                },
                expectNone: true,
            },
        ],
    },
    {
        policy: vmssPublicIp,
        baseline: platform,
        mutations: [
            {
                title: "public IP per instance",
                apply: set("web", "virtualMachineProfile.networkProfile.networkInterfaceConfigurations.0.ipConfigurations.0.publicIPAddressConfiguration", { name: "pip" }),
                message: /networkInterfaceConfigurations\[0\].ipConfigurations\[0\] has a publicIPAddressConfiguration/,
            },
        ],
    },
    {
        policy: vmssCustomData,
        baseline: platform,
        mutations: [
            { title: "password in custom data", apply: set("web", "virtualMachineProfile.osProfile.customData", Buffer.from("#!/bin/sh\nexport DB_PASSWORD=hunter2hunter2\n").toString("base64")), message: /contains a password or token assignment/ },
            { title: "custom data built from a secret", apply: set("web", "virtualMachineProfile.osProfile.customData", "[secret]"), message: /built from a secret value/ },
            { title: "private key in user data", apply: set("web", "virtualMachineProfile.userData", Buffer.from("-----BEGIN RSA PRIVATE KEY-----\nMII\n").toString("base64")), message: /contains a private key/ },
        ],
    },
    {
        policy: vmssRepairs,
        baseline: platform,
        mutations: [
            { title: "repairs off", apply: set("web", "automaticRepairsPolicy.enabled", false), message: /automaticRepairsPolicy.enabled is not true/ },
            { title: "no health extension", apply: set("web", "virtualMachineProfile.extensionProfile", undefined), message: /no Application Health extension/ },
        ],
    },
    {
        policy: leastPrivilege,
        baseline: platform,
        mutations: [
            { title: "Owner", apply: set("web-blob-access", "roleDefinitionId", OWNER), message: /grants Owner/ },
            { title: "Contributor", apply: set("web-blob-access", "roleDefinitionId", CONTRIBUTOR), message: /grants Contributor/ },
            { title: "subscription scope", apply: set("web-blob-access", "scope", "/subscriptions/0000"), message: /a whole subscription or management group/ },
            { title: "resource group scope is fine", apply: set("web-blob-access", "scope", "/subscriptions/0000/resourceGroups/platform-rg"), expectNone: true },
        ],
    },
    {
        policy: busAccess,
        baseline: platform,
        mutations: [
            { title: "TLS 1.0", apply: set("bus", "minimumTlsVersion", "1.0"), message: /minimumTlsVersion is "1.0"/ },
            { title: "shared access keys", apply: set("bus", "disableLocalAuth", false), message: /disableLocalAuth is not true/ },
        ],
    },
    {
        policy: busPrivate,
        baseline: platform,
        mutations: [{ title: "public endpoint", apply: set("bus", "publicNetworkAccess", "Enabled"), message: /publicNetworkAccess is "Enabled"/ }],
    },
    {
        policy: busCmk,
        baseline: platform,
        mutations: [{ title: "Microsoft-managed key", apply: set("bus", "encryption", undefined), message: /does not name a Key Vault key/ }],
    },
    {
        policy: groupPrivate,
        baseline: platform,
        mutations: [
            { title: "public IP", apply: set("credentials", "ipAddress.type", "Public"), message: /ipAddress.type is "Public"/ },
            { title: "outside the VNet", apply: set("credentials", "subnetIds", undefined), message: /subnetIds is empty/ },
        ],
    },
    {
        policy: groupEnvironment,
        baseline: platform,
        mutations: [
            { title: "password as a plain value", apply: set("credentials", "containers.0.environmentVariables.1", { name: "ADMIN_PASSWORD", value: "hunter2" }), message: /sets ADMIN_PASSWORD as a plain value/ },
            { title: "as a secure value", apply: set("credentials", "containers.0.environmentVariables.1", { name: "ADMIN_PASSWORD", secureValue: "[secret]" }), expectNone: true },
            { title: "a Key Vault secret's name", apply: set("credentials", "containers.0.environmentVariables.1", { name: "DB_ADMIN_SECRET", value: "platform-prod-db-admin" }), expectNone: true },
            { title: "which secrets to generate", apply: set("credentials", "containers.0.environmentVariables.1", { name: "GENERATED_SECRETS", value: '[{"name":"jwt-secret","length":64}]' }), expectNone: true },
            { title: "a JSON document with a password", apply: set("credentials", "containers.0.environmentVariables.1", { name: "DB_SECRET", value: '{"user":"app","password":"hunter2"}' }), message: /sets DB_SECRET as a plain value/ },
        ],
    },
    {
        policy: workspaceRetention,
        baseline: platform,
        mutations: [
            { title: "30 days in production", apply: set("workspace", "retentionInDays", 30), message: /is 30; the production-medium tier keeps logs at least 365/ },
            { title: "default in staging is enough", tier: "staging", apply: set("workspace", "retentionInDays", undefined), expectNone: true },
            { title: "the 30-day default is enough in development", tier: "development", apply: set("workspace", "retentionInDays", undefined), expectNone: true },
            { title: "7 days in development", tier: "development", apply: set("workspace", "retentionInDays", 7), message: /is 7; the development tier keeps logs at least 14/ },
        ],
    },
    {
        policy: alertActions,
        baseline: platform,
        mutations: [
            { title: "alert disabled", apply: set("web-cpu", "enabled", false), message: /enabled is false/ },
            { title: "no action group", apply: set("web-cpu", "actions", []), message: /has no action group/ },
            { title: "log alert without action group", apply: set("gateway-5xx", "actions", { actionGroups: [] }), message: /has no action group/ },
        ],
    },
    {
        policy: diagnostics,
        baseline: stack,
        mutations: [
            { title: "Key Vault not logged", apply: remove("vault-diagnostics"), message: /Vault "vault" has no diagnostic setting/ },
            { title: "blob service not logged", apply: remove("files-diagnostics"), message: /StorageAccount "files" has no diagnostic setting/ },
            { title: "metrics only", apply: set("db-diagnostics", "logs", []), message: /Server "db": its diagnostic settings enable no log category/ },
        ],
    },
    {
        policy: requiredTags,
        baseline: stack,
        mutations: [
            { title: "no tier tag", apply: set("vault", "tags", { project: "platform", environment: "test", "managed-by": "pulumi" }), message: /missing required tag\(s\) tier/ },
            { title: "no tags at all", apply: set("db", "tags", undefined), message: /project, environment, tier, managed-by/ },
            { title: "unknown tier", apply: set("redis", "tags", { ...TAGS, tier: "prod" }), message: /tag tier is "prod"/ },
            { title: "untaggable types are skipped", apply: add(resource(T.POSTGRES_CONFIGURATION, "db-extra", { configurationName: "log_checkpoints", value: "on" })), expectNone: true },
        ],
    },
    {
        policy: noPlaintextSecrets,
        baseline: stack,
        mutations: [
            { title: "literal Key Vault secret value", apply: set("db-admin", "properties.value", "hunter2hunter2"), message: /properties.value of azure-native:keyvault:Secret "db-admin" is written in plain text/ },
            { title: "literal administrator password", apply: set("db", "administratorLoginPassword", "hunter2hunter2"), message: /administratorLoginPassword .* "db"/ },
            { title: "literal container secure value", apply: set("credentials", "containers.0.environmentVariables.1", { name: "TOKEN", secureValue: "abc123abc123" }), message: /containers\[\].environmentVariables\[\].secureValue/ },
            { title: "literal scale set password", apply: set("web", "virtualMachineProfile.osProfile.adminPassword", "Passw0rd!Passw0rd!"), message: /virtualMachineProfile.osProfile.adminPassword/ },
            { title: "no secret at all is fine", apply: remove("db-admin"), expectNone: true },
            { title: "a disabled placeholder version", apply: (r) => { set("db-admin", "properties.value", "written by the credentials job")(r); set("db-admin", "properties.attributes.enabled", false)(r); }, expectNone: true },
            { title: "a persistence connection string with an account key", apply: set("redis", "redisConfiguration.rdbStorageConnectionString", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc123=="), message: /rdbStorageConnectionString/ },
            { title: "a managed-identity connection string carries no key", apply: set("redis", "redisConfiguration.rdbStorageConnectionString", "BlobEndpoint=https://x.blob.core.windows.net/;"), expectNone: true },
        ],
    },
];
