// Joins between Azure resources. An input names another resource by its id: under the engine
// `propertyDependencies` says so; an offline plan shows the id (`${name}-id`), a child URI built
// on it (`<account id>/blobServices/default`), or an ARM id spelled out from names
// (`/subscriptions/.../providers/Microsoft.KeyVault/vaults/<vault>`).

import type { PolicyResource } from "@pulumi/policy";
import { identifiersOf, ofType } from "../../lib/graph";
import { asArray, at, read } from "../../lib/values";
import * as T from "./types";

/** The input that holds a resource's own name, and its ARM collection segment. */
const NAMING: Record<string, { key: string; collection: string }> = {
    [T.APPLICATION_GATEWAY]: { key: "applicationGatewayName", collection: "applicationGateways" },
    [T.BASTION_HOST]: { key: "bastionHostName", collection: "bastionHosts" },
    [T.KEY_VAULT]: { key: "vaultName", collection: "vaults" },
    [T.LOG_ANALYTICS_WORKSPACE]: { key: "workspaceName", collection: "workspaces" },
    [T.MANAGED_CLUSTER]: { key: "resourceName", collection: "managedClusters" },
    [T.NAT_GATEWAY]: { key: "natGatewayName", collection: "natGateways" },
    [T.NETWORK_SECURITY_GROUP]: { key: "networkSecurityGroupName", collection: "networkSecurityGroups" },
    [T.POSTGRES_SERVER]: { key: "serverName", collection: "flexibleServers" },
    [T.PUBLIC_IP]: { key: "publicIpAddressName", collection: "publicIPAddresses" },
    [T.REDIS]: { key: "name", collection: "redis" },
    [T.SERVICE_BUS_NAMESPACE]: { key: "namespaceName", collection: "namespaces" },
    [T.STORAGE_ACCOUNT]: { key: "accountName", collection: "storageAccounts" },
    [T.SUBNET]: { key: "subnetName", collection: "subnets" },
    [T.VIRTUAL_NETWORK]: { key: "virtualNetworkName", collection: "virtualNetworks" },
    [T.VMSS]: { key: "vmScaleSetName", collection: "virtualMachineScaleSets" },
    [T.WAF_POLICY]: { key: "policyName", collection: "ApplicationGatewayWebApplicationFirewallPolicies" },
};

/** The name Azure knows a resource by: its name input, else the Pulumi name. */
export function azureNameOf(resource: PolicyResource): string {
    const key = NAMING[resource.type]?.key;
    const value = key ? read(() => resource.props[key]) : undefined;
    return typeof value === "string" && value !== "" ? value : resource.name;
}

function strings(value: unknown): string[] {
    return asArray(value).filter((item): item is string => typeof item === "string");
}

/** Whether one id-like string names `target` (itself or a child URI under it). */
export function namesResource(value: string, target: PolicyResource): boolean {
    const ids = identifiersOf(target);
    if (value === azureNameOf(target) || ids.has(value) || [...ids].some((id) => id.length > 3 && value.startsWith(`${id}/`))) {
        return true;
    }
    const naming = NAMING[target.type];
    if (!naming || !value.startsWith("/")) {
        return false;
    }
    const segment = `/${naming.collection}/${azureNameOf(target)}`.toLowerCase();
    const lower = value.toLowerCase();
    return lower.endsWith(segment) || lower.includes(`${segment}/`);
}

/**
 * Whether `source`'s input at `path` (dotted; arrays are searched) refers to `target`; the
 * engine's property dependencies decide for the top-level key when they name the target.
 */
export function refersToResource(source: PolicyResource, path: string, target: PolicyResource): boolean {
    const top = path.split(".")[0];
    if (source.propertyDependencies?.[top]?.some((dependency) => dependency.urn === target.urn)) {
        return true;
    }
    return valuesAt(source.props, path).some((value) => namesResource(value, target));
}

/** Every string at a dotted path, descending into arrays on the way. */
export function valuesAt(props: unknown, path: string): string[] {
    let nodes: unknown[] = [props];
    for (const key of path.split(".")) {
        nodes = nodes.flatMap((node) => asArray(node)).map((node) => at(node, key));
    }
    return nodes.flatMap((node) => strings(node));
}

/** The management locks (CanNotDelete or ReadOnly) that cover `target`. */
export function locksOn(resources: PolicyResource[], target: PolicyResource): PolicyResource[] {
    const name = azureNameOf(target);
    return ofType(resources, ...T.LOCKS).filter((lock) => {
        const level = String(read(() => lock.props.level) ?? "");
        if (!["CanNotDelete", "ReadOnly"].includes(level)) {
            return false;
        }
        if (lock.type === T.LOCK_BY_SCOPE) {
            return refersToResource(lock, "scope", target);
        }
        const resourceName = read(() => lock.props.resourceName);
        return resourceName === name || refersToResource(lock, "resourceName", target);
    });
}

/**
 * Whether a storage account is where Azure Cache for Redis writes its persistence files: the
 * service rewrites them on its own schedule and keeps its own count of snapshots, and Microsoft
 * warns that soft delete on that account multiplies its storage cost.
 */
export function isRedisPersistenceTarget(resources: PolicyResource[], account: PolicyResource): boolean {
    const endpoint = `https://${azureNameOf(account).toLowerCase()}.blob.core.windows.net`;
    return ofType(resources, T.REDIS).some((cache) =>
        ["rdbStorageConnectionString", "aofStorageConnectionString0", "aofStorageConnectionString1"].some((key) => {
            const value = at(cache.props, `redisConfiguration.${key}`);
            return typeof value === "string" && value.toLowerCase().includes(endpoint);
        }),
    );
}
