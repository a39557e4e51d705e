// The application's credentials on Azure: its own PostgreSQL roles and login, and its own
// secrets, generated where nobody sees them and rotated without downtime.
//
// A container group in a subnet of its own (it must reach the private server and the vault's
// private endpoint) runs the credentials job (functions/azure/job.ts). It starts as soon as it is
// created, so the bootstrap happens on the deploy that creates the database, as the AWS column's
// invocation does; then it stays up and every 30 days moves the application's login to the other
// login role. A scheduled Container Apps job would rotate without an always-on container, but it
// does not run on creation, and it needs a managed environment and a /27 of its own anyway.
//
// The job's identity may read the administrator's password and write the application's secrets,
// nothing else: role assignments on those secrets only. The deployment creates each of them as a
// disabled placeholder (a disabled version reads as an error), so the role assignments have a
// scope, nobody can mistake a placeholder for a credential, and the job's first write is the first
// readable version. Instances read the secrets at boot and keep retrying until they are there.

import * as containerinstance from "@pulumi/azure-native/containerinstance";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { join } from "path";
import { gzipSync } from "zlib";
import { fromInt, parseIpv4Cidr, toInt } from "../../config/cidr";
import { bundleFunction } from "../../functions/bundle";
import { AdapterContext, AppFleetDeps } from "../adapter";
import { createIdentity, grant } from "./access";
import { childName, childOpts, ROLES, tagsFor } from "./common";
import { AzureDatabaseNative, AzureNetworkNative, nativeOf } from "./native";
import type { AzureSearchNative } from "./search";
import type { DerivedName } from "./alertRules";
import { securityRule } from "./network";

const JOB_ENTRY = join(__dirname, "..", "..", "functions", "azure", "job.ts");
/** Node.js 22 (the bundle's target) on Alpine, pinned; the image has sh and gunzip. */
export const JOB_IMAGE = "docker.io/library/node:22.12.0-alpine3.21";
const CODE_MOUNT = "/mnt/credentials";

/** The idea-management document's extensions, created by the administrator for the application. */
export const DATABASE_EXTENSIONS = ["uuid-ossp", "pg_trgm"];
export const ROTATION_DAYS = 30;

/** Application secrets the platform generates: contract variable, Key Vault secret name, length. */
export const APPLICATION_SECRETS = [
    { variable: "JWT_SECRET", secretName: "jwt-secret", length: 64 },
    { variable: "API_KEY", secretName: "api-key", length: 40 },
] as const;

/** The job's subnet: the last /27 of the network, outside the layout's /24 blocks, which end at 20 + zones. */
export const JOB_SUBNET_PREFIX = 27;
export function jobSubnetCidr(networkCidr: string): string {
    const parsed = parseIpv4Cidr(networkCidr);
    if (!parsed) {
        throw new Error(`not an IPv4 CIDR: ${networkCidr}`);
    }
    const size = 2 ** (32 - parsed.prefix);
    const blockSize = 2 ** (32 - JOB_SUBNET_PREFIX);
    return `${fromInt(toInt(parsed.address) + size - blockSize).toString()}/${JOB_SUBNET_PREFIX}`;
}

/** Container group names: 1-63 lowercase letters, digits and single hyphens, edges alphanumeric. */
export function credentialsNames(platformName: string): { containerGroup: DerivedName } {
    return { containerGroup: { what: "credentials container group", name: `${platformName}-credentials`, max: 63, pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/ } };
}

export interface ApplicationCredentials {
    /** The application's own secrets (JWT_SECRET, API_KEY): contract variable and the Key Vault secret name holding it. */
    secrets: { variable: string; secretName: string }[];
    /** What instances must not boot before: the first run of the job that writes the app's login. */
    ready: pulumi.Resource[];
    /** The job's container group and identity. */
    job?: containerinstance.ContainerGroup;
    identity?: managedidentity.UserAssignedIdentity;
}

function jobSubnet(ctx: AdapterContext, net: AzureNetworkNative): network.Subnet {
    const rule = (name: string, priority: number, direction: "Inbound" | "Outbound", access: "Allow" | "Deny", ports: string, destination: pulumi.Input<string>) => ({
        name,
        priority,
        direction,
        access,
        protocol: ports === "*" ? "*" : "Tcp",
        sourceAddressPrefix: "*",
        sourcePortRange: "*",
        destinationPortRange: ports,
        destinationAddressPrefix: destination,
    });
    const nsg = new network.NetworkSecurityGroup(
        childName(ctx, "credentials-nsg"),
        {
            networkSecurityGroupName: `${ctx.platform.name}-credentials`,
            resourceGroupName: net.resourceGroup.name,
            location: net.location,
            securityRules: [
                // Nothing connects to the job.
                rule("deny-all-inbound", 4095, "Inbound", "Deny", "*", "*"),
                rule("postgres", 100, "Outbound", "Allow", String(ctx.platform.database.port), net.databaseSubnet.addressPrefix.apply((cidr) => cidr ?? "VirtualNetwork")),
                // Key Vault's private endpoint inside the network.
                rule("https-vnet", 110, "Outbound", "Allow", "443", "VirtualNetwork"),
                // The image registry and Entra ID.
                rule("https-out", 120, "Outbound", "Allow", "443", "Internet"),
                rule("deny-all-outbound", 4096, "Outbound", "Deny", "*", "*"),
            ],
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    // The data subnets' groups deny everything they do not name: they name the job.
    const cidr = jobSubnetCidr(ctx.platform.network.cidr);
    const { database, endpoints } = net.securityGroups;
    securityRule(ctx, database, "db", net.resourceGroup, {
        name: "credentials-postgres",
        priority: 120,
        sources: [cidr],
        ports: [String(ctx.platform.database.port)],
        description: "PostgreSQL from the credentials job",
    });
    securityRule(ctx, endpoints, "endpoints", net.resourceGroup, { name: "credentials-https", priority: 120, sources: [cidr], ports: ["443"], description: "Key Vault from the credentials job" });
    const nat = net.appEgress.find((resource): resource is network.NatGateway => resource instanceof network.NatGateway);
    return new network.Subnet(
        childName(ctx, "credentials-subnet"),
        {
            subnetName: `${ctx.platform.name}-credentials`,
            resourceGroupName: net.resourceGroup.name,
            virtualNetworkName: net.vnet.name,
            addressPrefix: cidr,
            delegations: [{ name: "container-groups", serviceName: "Microsoft.ContainerInstance/containerGroups" }],
            networkSecurityGroup: { id: nsg.id },
            natGateway: nat ? { id: nat.id } : undefined,
            defaultOutboundAccess: false,
        },
        childOpts(ctx),
    );
}

export function createApplicationCredentials(ctx: AdapterContext, deps: AppFleetDeps): ApplicationCredentials {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const database = nativeOf<AzureDatabaseNative>(deps.database);
    const dbSpec = ctx.platform.database;
    const resourceGroupName = net.resourceGroup.name;

    const identity = createIdentity(ctx, net, "credentials-identity");
    const placeholder = (role: string, secretName: string, contentType: string) =>
        new keyvault.Secret(
            childName(ctx, role),
            {
                secretName,
                resourceGroupName,
                vaultName: net.keyVault.name,
                // No credential, but a secret's value all the same: kept out of plans and state in clear.
                properties: { value: pulumi.secret("written by the credentials job"), contentType, attributes: { enabled: false } },
                tags: tagsFor(ctx),
            },
            // Written once: any later update would put the disabled placeholder back as the current version.
            childOpts(ctx, { dependsOn: net.keyVaultAccess, ignoreChanges: ["properties", "tags"] }),
        );
    const written = [
        placeholder("db-app-secret", database.appSecretName, "application/json"),
        ...APPLICATION_SECRETS.map((secret) => placeholder(secret.secretName, secret.secretName, "text/plain")),
    ];
    const role = (name: string, roleId: string, scope: pulumi.Input<string>) =>
        grant(ctx, net, name, { principalId: identity.principalId, role: roleId, scope, servicePrincipal: true, description: `${ctx.platform.name} credentials job` });
    const access = [
        role("credentials-reads-admin", ROLES.keyVaultSecretsUser, database.adminSecret.id),
        ...written.map((secret, index) =>
            role(`credentials-writes-${index === 0 ? "db-app" : APPLICATION_SECRETS[index - 1].secretName}`, ROLES.keyVaultSecretsOfficer, secret.id),
        ),
    ];

    const code = gzipSync(bundleFunction(JOB_ENTRY), { level: 9 }).toString("base64");
    const env: Record<string, pulumi.Input<string>> = {
        KEY_VAULT_URL: net.keyVaultUri,
        AZURE_CLIENT_ID: identity.clientId,
        DB_HOST: deps.database.outputs.host,
        DB_PORT: String(dbSpec.port),
        DB_NAME: dbSpec.databaseName,
        DB_ADMIN_USER: dbSpec.username,
        DB_ADMIN_SECRET_NAME: database.adminSecret.name,
        DB_OWNER: dbSpec.appRole,
        DB_EXTENSIONS: DATABASE_EXTENSIONS.join(","),
        APP_DB_SECRET_NAME: database.appSecretName,
        // Names of the secrets to generate, each with its length: no value passes through here.
        GENERATED_VAULT_ITEMS: JSON.stringify(APPLICATION_SECRETS.map(({ secretName, length }) => ({ name: secretName, length }))),
        ROTATION_DAYS: String(ROTATION_DAYS),
    };
    const job = new containerinstance.ContainerGroup(
        childName(ctx, "credentials-job"),
        {
            containerGroupName: credentialsNames(ctx.platform.name).containerGroup.name,
            resourceGroupName,
            location: net.location,
            osType: "Linux",
            sku: "Standard",
            // A crash restarts the job, which bootstraps again (idempotent) and resumes its schedule.
            restartPolicy: "OnFailure",
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            subnetIds: [{ id: jobSubnet(ctx, net).id }],
            containers: [
                {
                    name: "credentials",
                    image: JOB_IMAGE,
                    command: ["sh", "-c", `gunzip -c ${CODE_MOUNT}/job.js.gz > /tmp/job.js && exec node /tmp/job.js`],
                    environmentVariables: Object.entries(env).map(([name, value]) => ({ name, value })),
                    resources: { requests: { cpu: 0.5, memoryInGB: 0.5 } },
                    volumeMounts: [{ name: "code", mountPath: CODE_MOUNT, readOnly: true }],
                },
            ],
            // The bundle is no secret; a secret volume is simply how a container group receives a file.
            volumes: [{ name: "code", secret: { "job.js.gz": code } }],
            tags: tagsFor(ctx),
        },
        // Started only once it may read and write what it needs: a 403 would only cost retries.
        childOpts(ctx, { dependsOn: [...access, database.server] }),
    );

    return {
        secrets: [
            ...APPLICATION_SECRETS.map(({ variable, secretName }) => ({ variable, secretName })),
            // SEARCH_URL is written whole by the search component; the job never touches it.
            ...(deps.search ? [{ variable: "SEARCH_URL", secretName: nativeOf<AzureSearchNative>(deps.search).urlSecretName }] : []),
        ],
        ready: [job],
        job,
        identity,
    };
}
