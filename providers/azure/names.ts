// Every Azure name the data layer derives from the platform name (`${project}-${stack}`), with
// the length and characters Azure accepts for it. Checked before any resource is registered, so
// a stack name Azure would refuse halfway through `pulumi up` is a config error instead. The
// global names (Key Vault, storage, PostgreSQL, Redis) are cut to fit and carry a hash, so they
// only fail on characters; the others fail on length too.

import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../adapter";
import { PlatformSpec } from "../../tiers/types";
import { identityNameFor } from "./access";
import { observabilityNames } from "./alertRules";
import { credentialsNames } from "./credentials";
import { redisNameFor } from "./cache";
import { childName } from "./common";
import { poolingProblems, postgresServerNameFor } from "./database";
import { CLUSTER_MIN_VNET_PREFIX, clusterNameFor, dnsPrefixFor, MAX_PODS, nodeResourceGroupFor, POD_SUBNET, SERVICE_CIDR } from "./cluster";
import { cidrsOverlap } from "../../config/cidr";
import { geoVaultNameFor, pairedRegionOf } from "./geoKey";
import { keyVaultNameFor } from "./keyVault";
import { postgresZoneFor } from "./network";
import { vpnProblems } from "./vpn";
import { storageAccountNameFor } from "./objectStore";

export interface NameRule {
    min?: number;
    max: number;
    /** The whole name. */
    pattern: RegExp;
    allowed: string;
}

/** Sources: Azure's "naming rules and restrictions for Azure resources" per resource provider. */
export const NAME_RULES = {
    resourceGroup: { max: 90, pattern: /^[-\w.()]*[-\w()]$/, allowed: "letters, digits, \"_\", \"-\", \".\" and parentheses, not ending in \".\"" },
    keyVault: { min: 3, max: 24, pattern: /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$/, allowed: "letters, digits and single hyphens, starting with a letter and ending with a letter or digit" },
    storageAccount: { min: 3, max: 24, pattern: /^[a-z0-9]+$/, allowed: "lowercase letters and digits" },
    postgresServer: { min: 3, max: 63, pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, allowed: "lowercase letters, digits and hyphens, not at either end" },
    redis: { min: 1, max: 63, pattern: /^[a-zA-Z0-9](?!.*--)(?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, allowed: "letters, digits and single hyphens, not at either end" },
    networkName: { max: 80, pattern: /^[a-zA-Z0-9](?:[\w.-]*\w)?$/, allowed: "letters, digits, \"_\", \".\" and \"-\", starting with a letter or digit and ending with a letter, digit or \"_\"" },
    virtualNetwork: { min: 2, max: 64, pattern: /^[a-zA-Z0-9](?:[\w.-]*\w)?$/, allowed: "letters, digits, \"_\", \".\" and \"-\", starting with a letter or digit and ending with a letter, digit or \"_\"" },
    privateEndpoint: { min: 2, max: 64, pattern: /^[a-zA-Z0-9](?:[\w.-]*\w)?$/, allowed: "letters, digits, \"_\", \".\" and \"-\", starting with a letter or digit and ending with a letter, digit or \"_\"" },
    dnsLabel: { max: 63, pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, allowed: "lowercase letters, digits and hyphens, not at either end" },
    aksCluster: { min: 1, max: 63, pattern: /^[a-zA-Z0-9](?:[\w-]*[a-zA-Z0-9])?$/, allowed: "letters, digits, \"_\" and \"-\", starting and ending with a letter or digit" },
    aksDnsPrefix: { min: 1, max: 54, pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, allowed: "letters, digits and hyphens, starting and ending with a letter or digit" },
    identity: { min: 3, max: 128, pattern: /^[a-zA-Z0-9][\w-]*$/, allowed: "letters, digits, \"_\" and \"-\", starting with a letter or digit" },
} satisfies Record<string, NameRule>;

export interface DerivedName {
    what: string;
    name: string;
    rule: NameRule;
}

/** The context a component's adapter function gets, for the pure name functions. */
function contextOf(spec: PlatformSpec, component: string): AdapterContext {
    return { platform: spec, name: `${spec.name}-${component}`, parent: undefined as unknown as pulumi.ComponentResource };
}

export function derivedNames(spec: PlatformSpec): DerivedName[] {
    const network = contextOf(spec, "network");
    const storage = contextOf(spec, "storage");
    const database = contextOf(spec, "db");
    const cache = contextOf(spec, "cache");
    const server = postgresServerNameFor(database);
    const names: DerivedName[] = [
        { what: "resource group", name: `${spec.name}-rg`, rule: NAME_RULES.resourceGroup },
        { what: "Key Vault", name: keyVaultNameFor(network), rule: NAME_RULES.keyVault },
        { what: "virtual network", name: childName(network, "vnet"), rule: NAME_RULES.virtualNetwork },
        ...["gateway", "app", "db", "endpoints"].map((role) => ({ what: "network security group", name: childName(network, `${role}-nsg`), rule: NAME_RULES.networkName })),
        { what: "NAT gateway", name: childName(network, "nat"), rule: NAME_RULES.networkName },
        { what: "flow log", name: childName(network, "flow-log"), rule: NAME_RULES.networkName },
        { what: "private DNS zone label", name: postgresZoneFor(spec.name).split(".")[0], rule: NAME_RULES.dnsLabel },
        { what: "Key Vault private endpoint", name: childName(network, "vault-endpoint"), rule: NAME_RULES.privateEndpoint },
        { what: "documents storage account", name: storageAccountNameFor(storage, "documents"), rule: NAME_RULES.storageAccount },
        { what: "flow-log storage account", name: storageAccountNameFor(network, "flowlogs"), rule: NAME_RULES.storageAccount },
        { what: "storage private endpoint", name: childName(storage, "documents-blob-endpoint"), rule: NAME_RULES.privateEndpoint },
        { what: "storage identity", name: identityNameFor(storage, "documents-identity"), rule: NAME_RULES.identity },
        { what: "PostgreSQL server", name: server, rule: NAME_RULES.postgresServer },
        ...Array.from({ length: spec.database.readReplicas }, (_, index) => ({
            what: "PostgreSQL replica",
            name: `${server.slice(0, 63 - 10)}-replica-${index + 1}`,
            rule: NAME_RULES.postgresServer,
        })),
        { what: "database identity", name: identityNameFor(database, "identity"), rule: NAME_RULES.identity },
        { what: "Redis cache", name: redisNameFor(cache), rule: NAME_RULES.redis },
        { what: "Redis identity", name: identityNameFor(cache, "redis-identity"), rule: NAME_RULES.identity },
        { what: "Redis private endpoint", name: childName(cache, "redis-endpoint"), rule: NAME_RULES.privateEndpoint },
        { what: "Redis snapshot storage account", name: storageAccountNameFor(cache, "snapshots"), rule: NAME_RULES.storageAccount },
    ];
    if (spec.runtime === "kubernetes") {
        const app = contextOf(spec, "app");
        names.push(
            { what: "AKS cluster", name: clusterNameFor(app), rule: NAME_RULES.aksCluster },
            { what: "AKS DNS prefix", name: dnsPrefixFor(app), rule: NAME_RULES.aksDnsPrefix },
            { what: "AKS node resource group", name: nodeResourceGroupFor(app), rule: NAME_RULES.resourceGroup },
        );
    }
    if (spec.database.deletionProtection) {
        names.push({ what: "geo-backup Key Vault", name: geoVaultNameFor(database), rule: NAME_RULES.keyVault });
    }
    return names;
}

export function nameProblem(name: DerivedName): string | undefined {
    const { rule } = name;
    if (name.name.length > rule.max) {
        return `${name.name.length} characters long; Azure allows ${rule.max}`;
    }
    if (name.name.length < (rule.min ?? 1)) {
        return `${name.name.length} characters long; Azure needs at least ${rule.min}`;
    }
    return rule.pattern.test(name.name) ? undefined : `allowed: ${rule.allowed}`;
}

const STACK_ADVICE = "use a project and stack name of lowercase letters, digits and single hyphens, starting with a letter";

/**
 * What Azure would refuse: one problem per kind of name for characters, and one for length that
 * names the tightest limit (so the length it gives is the one that makes every name fit).
 */
export function validateNames(spec: PlatformSpec): string[] {
    const problems: string[] = [];
    const tooLong: { name: DerivedName; excess: number }[] = [];
    for (const name of derivedNames(spec)) {
        const excess = name.name.length - name.rule.max;
        if (excess > 0) {
            tooLong.push({ name, excess });
            continue;
        }
        const problem = nameProblem(name);
        if (problem) {
            problems.push(`stack name: project and stack "${spec.name}" make the ${name.what} "${name.name}" invalid (${problem}); ${STACK_ADVICE}`);
        }
    }
    if (tooLong.length > 0) {
        const worst = tooLong.reduce((a, b) => (b.excess > a.excess ? b : a));
        const others = [...new Set(tooLong.map((fault) => fault.name.what))].filter((what) => what !== worst.name.what);
        const also = others.length > 0 ? `; also too long: the ${others.join(", the ")}` : "";
        problems.push(
            `stack name: project and stack "${spec.name}" make the ${worst.name.what} "${worst.name.name}" ${worst.name.name.length} characters long; Azure allows ${worst.name.rule.max}: keep "<project>-<stack>" within ${spec.name.length - worst.excess} characters${also}`,
        );
    }
    // The workspace, budget and credentials job take the platform name as it is: characters a
    // stack name may have but these names may not are refused here (their length is bounded by
    // the 32-character rule above).
    const { workspace, budget } = observabilityNames(spec.name);
    const characters = [workspace, budget, credentialsNames(spec.name).containerGroup].filter((name) => !name.pattern.test(name.name));
    problems.push(...characters.map((name) => `stack name: project and stack "${spec.name}" make the ${name.what} "${name.name}" invalid (characters Azure refuses); ${STACK_ADVICE}`));
    problems.push(...clusterNetworkProblems(spec), ...vpnProblems(spec));
    problems.push(...poolingProblems(spec.database));
    if (spec.database.deletionProtection && spec.region && !pairedRegionOf(spec.region)) {
        problems.push(`platform:region: "${spec.region}" has no paired region known to the program, and production keeps geo-redundant database backups there; use a region with a pair (e.g. eastus, westeurope)`);
    }
    return problems;
}

/** runtime kubernetes: the VNet must hold the pod and API server subnets, and stay clear of the Services' range. */
export function clusterNetworkProblems(spec: PlatformSpec): string[] {
    if (spec.runtime !== "kubernetes") {
        return [];
    }
    const cidr = spec.network.cidr;
    const prefix = Number(cidr.split("/")[1]);
    const problems: string[] = [];
    if (prefix > CLUSTER_MIN_VNET_PREFIX) {
        problems.push(
            `platform:network.cidr: "${cidr}" is a /${prefix}; runtime kubernetes on azure needs a /${CLUSTER_MIN_VNET_PREFIX} or larger (the layout's subnets, the AKS API server's /28 and the pods' /20), e.g. 10.0.0.0/16`,
        );
    }
    // Dynamic pod IP allocation hands each node blocks of 16 addresses, enough for its maxPods.
    const nodes = spec.appFleet.kubernetes.cluster.maxNodes + 2 * spec.appFleet.kubernetes.cluster.zones;
    const podAddresses = nodes * Math.ceil(MAX_PODS / 16) * 16;
    if (podAddresses > 2 ** (32 - POD_SUBNET.prefix)) {
        problems.push(
            `platform:services: at their maxReplicas the services need up to ${nodes} AKS nodes, whose pods would take ${podAddresses} addresses, more than the pod subnet's /${POD_SUBNET.prefix} holds; lower maxReplicas or use larger node shapes`,
        );
    }
    if (cidrsOverlap(cidr, SERVICE_CIDR)) {
        problems.push(`platform:network.cidr: "${cidr}" overlaps ${SERVICE_CIDR}, the cluster's Kubernetes Service range; choose a VNet range clear of it, e.g. 10.0.0.0/16`);
    }
    return problems;
}
