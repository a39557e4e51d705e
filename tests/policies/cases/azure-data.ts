// Key Vault, PostgreSQL, Redis and storage on Azure: a compliant baseline and one failing mutation per rule.

import { policy as keyHsm } from "../../../policies/rules/azure/key-vault-key/hsm-backed";
import { policy as keyRotation } from "../../../policies/rules/azure/key-vault-key/rotation";
import { policy as secretExpiration } from "../../../policies/rules/azure/key-vault-secret/expiration";
import { policy as vaultPrivate } from "../../../policies/rules/azure/key-vault/private";
import { policy as vaultRbac } from "../../../policies/rules/azure/key-vault/rbac-authorization";
import { policy as vaultRecoverable } from "../../../policies/rules/azure/key-vault/recoverable";
import { policy as pgTls } from "../../../policies/rules/azure/postgresql-configuration/tls";
import { policy as pgFirewall } from "../../../policies/rules/azure/postgresql-firewall-rule/absent";
import { policy as pgBackup } from "../../../policies/rules/azure/postgresql-server/backup-retention";
import { policy as pgLock } from "../../../policies/rules/azure/postgresql-server/delete-lock";
import { policy as pgCmk } from "../../../policies/rules/azure/postgresql-server/encrypted-with-cmk";
import { policy as pgGeo } from "../../../policies/rules/azure/postgresql-server/geo-redundant-backup";
import { policy as pgPrivate } from "../../../policies/rules/azure/postgresql-server/private";
import { policy as pgProtected } from "../../../policies/rules/azure/postgresql-server/protected";
import { policy as pgHa } from "../../../policies/rules/azure/postgresql-server/zone-redundant-ha";
import { policy as redisAuth } from "../../../policies/rules/azure/redis-cache/authentication";
import { policy as redisLock } from "../../../policies/rules/azure/redis-cache/delete-lock";
import { policy as redisPersistence } from "../../../policies/rules/azure/redis-cache/persistence";
import { policy as redisPrivate } from "../../../policies/rules/azure/redis-cache/private";
import { policy as redisProtected } from "../../../policies/rules/azure/redis-cache/protected";
import { policy as redisReplicated } from "../../../policies/rules/azure/redis-cache/replicated";
import { policy as redisTls } from "../../../policies/rules/azure/redis-cache/tls-only";
import { policy as blobPrivate } from "../../../policies/rules/azure/blob-container/private";
import { policy as storageDataProtection } from "../../../policies/rules/azure/storage-account/blob-data-protection";
import { policy as storageCmk } from "../../../policies/rules/azure/storage-account/encrypted-with-cmk";
import { policy as storageLifecycle } from "../../../policies/rules/azure/storage-account/lifecycle";
import { policy as storagePublic } from "../../../policies/rules/azure/storage-account/no-public-access";
import { policy as storageProtected } from "../../../policies/rules/azure/storage-account/protected";
import { policy as storageTransport } from "../../../policies/rules/azure/storage-account/secure-transport";
import { policy as storageSharedKey } from "../../../policies/rules/azure/storage-account/shared-key-disabled";
import { policy as storageRedundant } from "../../../policies/rules/azure/storage-account/zone-redundant";
import { cache, database, keyVault, storage, T } from "../fixtures/azure";
import { PlannedResource } from "../../../policies/lib/evaluate";
import { add, PolicyCase, remove, resource, set, setResource } from "../harness";

/** The cache, writing its persistence files to the "files" account. */
const cacheOnFiles = (): PlannedResource[] =>
    cache().map((item) => (item.name === "redis" ? { ...item, inputs: { ...item.inputs, redisConfiguration: { rdbStorageConnectionString: "BlobEndpoint=https://platformfiles.blob.core.windows.net/;" } } } : item));

export const cases: PolicyCase[] = [
    {
        policy: vaultRecoverable,
        baseline: keyVault,
        mutations: [
            { title: "purge protection off", apply: set("vault", "properties.enablePurgeProtection", false), message: /enablePurgeProtection is not true/ },
            { title: "soft delete off", apply: set("vault", "properties.enableSoftDelete", false), message: /enableSoftDelete is false/ },
            { title: "retention below 7", apply: set("vault", "properties.softDeleteRetentionInDays", 3), message: /softDeleteRetentionInDays is 3/ },
        ],
    },
    {
        policy: vaultPrivate,
        baseline: keyVault,
        mutations: [
            { title: "public and allow-all", apply: (r) => { set("vault", "properties.publicNetworkAccess", "Enabled")(r); set("vault", "properties.networkAcls.defaultAction", "Allow")(r); }, message: /answers the whole internet/ },
            { title: "public but deny by default", apply: set("vault", "properties.publicNetworkAccess", "Enabled"), expectNone: true },
        ],
    },
    {
        policy: vaultRbac,
        baseline: keyVault,
        mutations: [
            { title: "access policies model", apply: set("vault", "properties.enableRbacAuthorization", false), message: /enableRbacAuthorization is not true/ },
            { title: "access policy entries", apply: set("vault", "properties.accessPolicies", [{ objectId: "x", tenantId: "t", permissions: { secrets: ["get"] } }]), message: /accessPolicies is set/ },
        ],
    },
    {
        policy: keyRotation,
        baseline: keyVault,
        mutations: [
            { title: "no rotation policy", apply: set("data-key", "properties.rotationPolicy", undefined), message: /no Rotate lifetime action/ },
            { title: "rotation after two years", apply: set("data-key", "properties.rotationPolicy.lifetimeActions.0.trigger.timeAfterCreate", "P2Y"), message: /every 730 days; rotate at least every 365/ },
            { title: "no expiry", apply: set("data-key", "properties.rotationPolicy.attributes", undefined), message: /has no expiry/ },
            { title: "90 days is fine", apply: set("data-key", "properties.rotationPolicy.lifetimeActions.0.trigger.timeAfterCreate", "P90D"), expectNone: true },
        ],
    },
    {
        policy: keyHsm,
        baseline: keyVault,
        mutations: [{ title: "software key", apply: set("data-key", "properties.kty", "RSA"), message: /software-protected/ }],
    },
    {
        policy: secretExpiration,
        baseline: keyVault,
        mutations: [
            { title: "no expiry", apply: set("db-admin", "properties.attributes", undefined), message: /never expires/ },
            { title: "no content type", apply: set("db-admin", "properties.contentType", undefined), message: /contentType is not set/ },
        ],
    },
    {
        policy: pgPrivate,
        baseline: database,
        mutations: [
            { title: "public access", apply: set("db", "network.publicNetworkAccess", "Enabled"), message: /has a public endpoint/ },
            { title: "no delegated subnet", apply: set("db", "network", { publicNetworkAccess: "Disabled" }), message: /delegatedSubnetResourceId is not set/ },
            { title: "no private DNS zone", apply: set("db", "network.privateDnsZoneArmResourceId", undefined), message: /privateDnsZoneArmResourceId is not set/ },
        ],
    },
    {
        policy: pgCmk,
        baseline: database,
        mutations: [
            { title: "service-managed key", apply: set("db", "dataEncryption", undefined), message: /dataEncryption.type is not set/ },
            { title: "no key", apply: set("db", "dataEncryption.primaryKeyURI", undefined), message: /primaryKeyURI is not set/ },
            { title: "geo backup without geo key", apply: set("db", "dataEncryption.geoBackupKeyURI", undefined), message: /geoBackupKeyURI is not set/ },
        ],
    },
    {
        policy: pgBackup,
        baseline: database,
        mutations: [
            { title: "7 days in production", apply: set("db", "backup.backupRetentionDays", 7), message: /is 7; the production-medium tier requires at least 30/ },
            { title: "default retention in staging", tier: "staging", apply: set("db", "backup", undefined), message: /is 7 \(the default\); the staging tier requires at least 14/ },
            { title: "7 days is enough in development", tier: "development", apply: set("db", "backup.backupRetentionDays", 7), expectNone: true },
            { title: "config minimumDays wins", config: { "azure-postgresql-server-backup-retention": { minimumDays: 35 } }, apply: () => undefined, message: /at least 35/ },
        ],
    },
    {
        policy: pgGeo,
        baseline: database,
        mutations: [
            { title: "locally redundant backups", apply: set("db", "backup.geoRedundantBackup", "Disabled"), message: /geoRedundantBackup is "Disabled"/ },
            { title: "staging does not require it", tier: "staging", apply: set("db", "backup.geoRedundantBackup", "Disabled"), expectNone: true },
        ],
    },
    {
        policy: pgHa,
        baseline: database,
        mutations: [
            { title: "no standby", apply: set("db", "highAvailability", undefined), message: /highAvailability.mode is not set/ },
            { title: "same-zone standby", apply: set("db", "highAvailability.mode", "SameZone"), message: /"SameZone"/ },
            { title: "development runs one server", tier: "development", apply: set("db", "highAvailability", undefined), expectNone: true },
        ],
    },
    {
        policy: pgLock,
        baseline: database,
        mutations: [
            { title: "no lock", apply: remove("db-lock"), message: /"db" has no CanNotDelete lock/ },
            { title: "lock on another server", apply: set("db-lock", "resourceName", "other-db"), message: /"db" has no CanNotDelete lock/ },
            { title: "staging needs no lock", tier: "staging", apply: remove("db-lock"), expectNone: true },
        ],
    },
    {
        policy: pgProtected,
        baseline: database,
        mutations: [
            { title: "not protected", apply: setResource("db", "protect", false), message: /not protected/ },
            { title: "development need not protect", tier: "development", apply: setResource("db", "protect", false), expectNone: true },
        ],
    },
    {
        policy: pgTls,
        baseline: database,
        mutations: [
            { title: "secure transport off", apply: set("db-secure-transport", "value", "off"), message: /require_secure_transport is "off".*without TLS/ },
            { title: "TLS 1.1 allowed", apply: set("db-tls-minimum", "value", "TLSv1.1"), message: /ssl_min_protocol_version is "TLSv1.1"/ },
        ],
    },
    {
        policy: pgFirewall,
        baseline: database,
        mutations: [
            { title: "allow Azure services", apply: add(resource(T.POSTGRES_FIREWALL_RULE, "db-azure", { serverName: "platform-db", startIpAddress: "0.0.0.0", endIpAddress: "0.0.0.0" })), message: /every Azure service of every tenant/ },
            { title: "the whole internet", apply: add(resource(T.POSTGRES_FIREWALL_RULE, "db-all", { serverName: "platform-db", startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" })), message: /the whole internet/ },
        ],
    },
    {
        policy: redisTls,
        baseline: cache,
        mutations: [
            { title: "plain port open", apply: set("redis", "enableNonSslPort", true), message: /enableNonSslPort is true/ },
            { title: "TLS 1.0", apply: set("redis", "minimumTlsVersion", "1.0"), message: /minimumTlsVersion is "1.0"/ },
        ],
    },
    {
        policy: redisPrivate,
        baseline: cache,
        mutations: [{ title: "public endpoint", apply: set("redis", "publicNetworkAccess", undefined), message: /not set \(Enabled\)/ }],
    },
    {
        policy: redisAuth,
        baseline: cache,
        mutations: [
            { title: "auth not required", apply: set("redis", "redisConfiguration.authnotrequired", "true"), message: /authnotrequired is true/ },
            { title: "no way to authenticate", apply: set("redis", "disableAccessKeyAuthentication", true), message: /no client can authenticate/ },
        ],
    },
    {
        policy: redisReplicated,
        baseline: cache,
        mutations: [
            { title: "Standard tier", apply: set("redis", "sku", { name: "Standard", family: "C", capacity: 2 }), message: /zone-redundant failover needs Premium/ },
            { title: "one zone", apply: set("redis", "zones", ["1"]), message: /zones lists 1 zone/ },
            { title: "no replica", apply: set("redis", "replicasPerPrimary", 0), message: /replicasPerPrimary is 0/ },
            { title: "Basic in development", tier: "development", apply: set("redis", "sku", { name: "Basic", family: "C", capacity: 1 }), expectNone: true },
        ],
    },
    {
        policy: redisPersistence,
        baseline: cache,
        mutations: [
            { title: "no persistence", apply: set("redis", "redisConfiguration.rdbBackupEnabled", "false"), message: /a restart of all nodes loses every key/ },
            { title: "staging may skip it", tier: "staging", apply: set("redis", "redisConfiguration", {}), expectNone: true },
        ],
    },
    {
        policy: redisLock,
        baseline: cache,
        mutations: [
            { title: "no lock", apply: remove("redis-lock"), message: /"redis" has no CanNotDelete lock/ },
            { title: "lock level none", apply: set("redis-lock", "level", "NotSpecified"), message: /no CanNotDelete lock/ },
        ],
    },
    {
        policy: redisProtected,
        baseline: cache,
        mutations: [{ title: "not protected", apply: setResource("redis", "protect", false), message: /not protected/ }],
    },
    {
        policy: storagePublic,
        baseline: () => storage(),
        mutations: [
            { title: "anonymous blobs allowed", apply: set("files", "allowBlobPublicAccess", true), message: /allowBlobPublicAccess is true/ },
            { title: "blob public access left to the default", apply: set("files", "allowBlobPublicAccess", undefined), message: /allowBlobPublicAccess is not false/ },
            { title: "open network", apply: (r) => { set("files", "publicNetworkAccess", "Enabled")(r); set("files", "networkRuleSet.defaultAction", "Allow")(r); }, message: /accepts connections from the whole internet/ },
        ],
    },
    {
        policy: storageTransport,
        baseline: () => storage(),
        mutations: [
            { title: "HTTP allowed", apply: set("files", "enableHttpsTrafficOnly", false), message: /enableHttpsTrafficOnly is false/ },
            { title: "TLS 1.0", apply: set("files", "minimumTlsVersion", "TLS1_0"), message: /minimumTlsVersion is "TLS1_0"/ },
            { title: "TLS left to the default", apply: set("files", "minimumTlsVersion", undefined), message: /not set/ },
        ],
    },
    {
        policy: storageSharedKey,
        baseline: () => storage(),
        mutations: [{ title: "account keys allowed", apply: set("files", "allowSharedKeyAccess", true), message: /allowSharedKeyAccess is not false/ }],
    },
    {
        policy: storageCmk,
        baseline: () => storage(),
        mutations: [
            { title: "Microsoft-managed key", apply: set("files", "encryption.keySource", "Microsoft.Storage"), message: /keySource is "Microsoft.Storage"/ },
            { title: "no key name", apply: set("files", "encryption.keyVaultProperties", undefined), message: /keyName is not set/ },
            { title: "single encryption", apply: set("files", "encryption.requireInfrastructureEncryption", false), message: /requireInfrastructureEncryption is not true/ },
        ],
    },
    {
        policy: storageDataProtection,
        baseline: () => storage(),
        mutations: [
            { title: "no blob service properties", apply: remove("files-blob-service"), message: /"files" has no BlobServiceProperties/ },
            { title: "versioning off", apply: set("files-blob-service", "isVersioningEnabled", false), message: /isVersioningEnabled not true/ },
            { title: "container soft delete off", apply: set("files-blob-service", "containerDeleteRetentionPolicy.enabled", false), message: /containerDeleteRetentionPolicy.enabled not true/ },
            {
                title: "the Redis persistence account needs no soft delete",
                apply: (r) => [...r.filter((x) => x.name !== "files-blob-service"), ...cacheOnFiles()],
                expectNone: true,
            },
        ],
    },
    {
        policy: storageRedundant,
        baseline: () => storage(),
        mutations: [
            { title: "locally redundant in production", apply: set("files", "sku.name", "Standard_LRS"), message: /"Standard_LRS"/ },
            { title: "LRS in development", tier: "development", apply: set("files", "sku.name", "Standard_LRS"), expectNone: true },
        ],
    },
    {
        policy: storageProtected,
        baseline: () => storage(),
        mutations: [{ title: "not protected", apply: setResource("files", "protect", false), message: /not protected/ }],
    },
    {
        policy: storageLifecycle,
        baseline: () => storage(),
        mutations: [
            { title: "no lifecycle policy", apply: remove("files-lifecycle"), message: /"files" has no lifecycle management policy/ },
            { title: "the Redis persistence account keeps its own count", apply: (r) => [...r.filter((x) => x.name !== "files-lifecycle"), ...cacheOnFiles()], expectNone: true },
        ],
    },
    {
        policy: blobPrivate,
        baseline: () => storage(),
        mutations: [
            { title: "anonymous read", apply: set("files-uploads", "publicAccess", "Blob"), message: /publicAccess is "Blob"/ },
            { title: "anonymous list", apply: set("files-uploads", "publicAccess", "Container"), message: /read and list/ },
        ],
    },
];
