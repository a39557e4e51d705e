// The LMS document's daily logical dump on Azure. The flexible server's automated backups and
// point-in-time restore cover the daily full and the WAL; what they do not give is a copy
// outside the server that restores anywhere pg_restore runs. Azure Backup's vaulted backups of
// a flexible server stay in Azure's own format and vault, so the dump is a Container Apps job
// on a cron schedule instead: an init container (the PostgreSQL client of the server's major
// version) dumps, custom format and compressed, over TLS as the administrator whose password
// the job reads from Key Vault with its own identity; the main container (the Azure CLI)
// uploads `daily/<date>.dump` with that identity. The storage account is the platform's secure
// kind (private endpoint only, platform HSM key, Entra ID only, TLS 1.2), versioned with soft
// delete, and deletes dumps after the retention. The job runs in a /27 of its own, the second
// of the layout's free block 0, behind an NSG that admits nothing in.

import * as app from "@pulumi/azure-native/app";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, BackupsOutputs, ObservabilityDeps } from "../adapter";
import { LogicalBackupSpec } from "../../tiers/types";
import { clientMajor, dailyCron, DUMP_PREFIX } from "../logicalDump";
import { createIdentity, grant } from "./access";
import { boundedName, childName, childOpts, locationOf, ROLES, tagsFor } from "./common";
import { AzureDatabaseNative, AzureNetworkNative, nativeOf } from "./native";
import { layoutBlock, securityRule } from "./network";
import { createSecureAccount, protectBlobs, storageSkuFor } from "./objectStore";

const CONTAINER = "dumps";
const JOB_NAME_MAX = 32;
/** A Container Apps environment with workload profiles takes a /27 at least. */
export const DUMP_SUBNET_PREFIX = 27;
export const DUMP_JOB = { cpu: 0.5, memory: "1Gi", timeoutSeconds: 3600, retries: 1 };
const AZURE_CLI_IMAGE = "mcr.microsoft.com/azure-cli:2.67.0";
const postgresImage = (major: string): string => `docker.io/library/postgres:${major}`;

/** The job's subnet: the second /27 of block 0, beside the VPN's GatewaySubnet (the first). */
export function dumpSubnetCidr(networkCidr: string): string {
    const [address] = layoutBlock(networkCidr, 0).split("/");
    const parts = address.split(".").map(Number);
    parts[3] += 2 ** (32 - DUMP_SUBNET_PREFIX);
    return `${parts.join(".")}/${DUMP_SUBNET_PREFIX}`;
}

function createSubnet(ctx: AdapterContext, net: AzureNetworkNative, cidr: string): network.Subnet {
    const resourceGroupName = net.resourceGroup.name;
    const nsg = new network.NetworkSecurityGroup(childName(ctx, "nsg"), { resourceGroupName, location: net.location, tags: tagsFor(ctx) }, childOpts(ctx));
    const dbPort = String(ctx.platform.database.port);
    securityRule(ctx, net.securityGroups.database, "db", net.resourceGroup, { name: "dump-postgres", priority: 130, sources: [cidr], ports: [dbPort], description: "PostgreSQL from the logical dump job" });
    securityRule(ctx, net.securityGroups.endpoints, "endpoints", net.resourceGroup, { name: "dump-https", priority: 130, sources: [cidr], ports: ["443"], description: "Key Vault and the backups account from the logical dump job" });
    const nat = net.appEgress.find((resource): resource is network.NatGateway => resource instanceof network.NatGateway);
    return new network.Subnet(
        childName(ctx, "subnet"),
        {
            subnetName: `${ctx.platform.name}-dump`,
            resourceGroupName,
            virtualNetworkName: net.vnet.name,
            addressPrefix: cidr,
            delegations: [{ name: "container-apps", serviceName: "Microsoft.App/environments" }],
            networkSecurityGroup: { id: nsg.id },
            // Image pulls go out through the platform's NAT, never a default outbound address.
            natGateway: nat ? { id: nat.id } : undefined,
            defaultOutboundAccess: false,
        },
        childOpts(ctx, { dependsOn: [net.endpointSubnet] }),
    );
}

export function createBackups(ctx: AdapterContext, spec: LogicalBackupSpec, deps: ObservabilityDeps): AdapterResult<BackupsOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const database = nativeOf<AzureDatabaseNative>(deps.database);
    const location = locationOf(ctx);
    const resourceGroupName = net.resourceGroup.name;
    const db = ctx.platform.database;

    const { account } = createSecureAccount(ctx, net, {
        role: "backups",
        sku: storageSkuFor({ geoReadable: false, redundant: ctx.platform.protectData }),
        description: `${ctx.platform.name} logical dumps`,
        privateBlobEndpoint: true,
    });
    // Versions and soft delete: an overwritten or deleted dump stays restorable for a week.
    protectBlobs(ctx, net, "backups", account, { versionDays: 7, deleteAfterDays: spec.retentionDays });
    // Who read, wrote or deleted a dump: the blob service's logs go to the flow-log account, a
    // protected account of its own (the workspace belongs to observability, built independently).
    if (net.flowLogStorage) {
        new monitor.DiagnosticSetting(
            childName(ctx, "blob-diagnostics"),
            {
                name: `${ctx.platform.name}-dump-audit`,
                resourceUri: pulumi.interpolate`${account.id}/blobServices/default`,
                storageAccountId: net.flowLogStorage.id,
                logs: [{ categoryGroup: "audit", enabled: true }],
                metrics: [{ category: "Transaction", enabled: true }],
            },
            childOpts(ctx),
        );
    }
    const container = new storage.BlobContainer(
        childName(ctx, "container"),
        { resourceGroupName, accountName: account.name, containerName: CONTAINER, publicAccess: "None" },
        childOpts(ctx),
    );

    const identity = createIdentity(ctx, net, "dump-identity");
    const mayWrite = grant(ctx, net, "dump-blob-access", {
        principalId: identity.principalId,
        role: ROLES.storageBlobDataContributor,
        scope: container.id,
        servicePrincipal: true,
        description: "The logical dump job uploads to the dumps container only",
    });
    const mayRead = grant(ctx, net, "dump-secret-access", {
        principalId: identity.principalId,
        role: ROLES.keyVaultSecretsUser,
        scope: database.adminSecret.id,
        servicePrincipal: true,
        description: "The logical dump job reads the database administrator's login",
    });

    const subnet = createSubnet(ctx, net, dumpSubnetCidr(ctx.platform.network.cidr));
    const environment = new app.ManagedEnvironment(
        childName(ctx, "environment"),
        {
            resourceGroupName,
            location,
            environmentName: boundedName(`${ctx.platform.name}-dump`.toLowerCase().replace(/[^a-z0-9-]/g, "-"), JOB_NAME_MAX),
            vnetConfiguration: { infrastructureSubnetId: subnet.id, internal: true },
            workloadProfiles: [{ name: "Consumption", workloadProfileType: "Consumption" }],
            zoneRedundant: false,
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );

    const schedule = dailyCron(spec.timeUtc);
    const adminSecretUrl = pulumi.interpolate`${net.keyVaultUri}secrets/${database.adminSecret.name}`;
    // The administrator's secret is JSON; the dump needs its password alone.
    const dump = [
        'PGPASSWORD="$(printf %s "$ADMIN_LOGIN" | sed -n \'s/.*"password":"\\([^"]*\\)".*/\\1/p\')"',
        "export PGPASSWORD",
        "exec pg_dump --format=custom --compress=9 --no-password --file=/backup/dump",
    ].join("\n");
    const upload = pulumi.interpolate`az login --identity --client-id "$AZURE_CLIENT_ID" --allow-no-subscriptions --output none && az storage blob upload --auth-mode login --account-name ${account.name} --container-name ${CONTAINER} --name "${DUMP_PREFIX}$(date -u +%F).dump" --file /backup/dump --only-show-errors --output none`;
    const resources = { cpu: DUMP_JOB.cpu, memory: DUMP_JOB.memory };
    new app.Job(
        childName(ctx, "job"),
        {
            resourceGroupName,
            location,
            jobName: boundedName(`${ctx.platform.name}-dump`.toLowerCase().replace(/[^a-z0-9-]/g, "-"), JOB_NAME_MAX),
            environmentId: environment.id,
            workloadProfileName: "Consumption",
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            configuration: {
                triggerType: "Schedule",
                scheduleTriggerConfig: { cronExpression: schedule, parallelism: 1, replicaCompletionCount: 1 },
                replicaTimeout: DUMP_JOB.timeoutSeconds,
                replicaRetryLimit: DUMP_JOB.retries,
                secrets: [{ name: "admin-login", keyVaultUrl: adminSecretUrl, identity: identity.id }],
            },
            template: {
                volumes: [{ name: "backup", storageType: "EmptyDir" }],
                initContainers: [
                    {
                        name: "dump",
                        image: postgresImage(clientMajor(db.engineVersion)),
                        command: ["/bin/sh", "-c", dump],
                        env: [
                            { name: "PGHOST", value: database.host },
                            { name: "PGPORT", value: String(db.port) },
                            { name: "PGDATABASE", value: db.databaseName },
                            { name: "PGUSER", value: db.username },
                            // The server requires TLS (require_secure_transport); the client insists too.
                            { name: "PGSSLMODE", value: "require" },
                            { name: "ADMIN_LOGIN", secretRef: "admin-login" },
                        ],
                        resources,
                        volumeMounts: [{ volumeName: "backup", mountPath: "/backup" }],
                    },
                ],
                containers: [
                    {
                        name: "upload",
                        image: AZURE_CLI_IMAGE,
                        command: ["/bin/sh", "-c", upload],
                        env: [{ name: "AZURE_CLIENT_ID", value: identity.clientId }],
                        resources,
                        volumeMounts: [{ volumeName: "backup", mountPath: "/backup" }],
                    },
                ],
            },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [mayWrite, mayRead] }),
    );

    return {
        outputs: { bucketName: pulumi.interpolate`${account.name}/${CONTAINER}`, schedule: pulumi.output(schedule), retentionDays: pulumi.output(spec.retentionDays) },
        native: { account, container },
        logGroups: [],
    };
}
