// Every GCP name the network and data layers derive from the platform name (`${project}-${stack}`),
// with the length and characters GCP accepts for it. Checked before any resource is registered:
// a stack name GCP would refuse halfway through `pulumi up` is a config error instead. Names
// that cannot fail (service account and Memorystore ids) are bounded with a hash instead.
// Pure: plain values in, messages out.

import { createHash } from "crypto";
import { AppFleetSpec, PlatformSpec } from "../../tiers/types";
import { clusterRangesFor } from "./network";
import { vpnProblems } from "./vpn";

export interface NameRule {
    max: number;
    /** One character accepted. */
    char: RegExp;
    /** The accepted characters, for messages. */
    allowed: string;
    startsWithLetter?: boolean;
    /** Ends with a letter or digit (RFC 1035 labels, buckets). */
    endsAlphanumeric?: boolean;
    /** Begins with a letter or digit (buckets). */
    startsAlphanumeric?: boolean;
}

const rfc1035 = (max: number): NameRule => ({
    max,
    char: /[a-z0-9-]/,
    allowed: "lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit",
    startsWithLetter: true,
    endsAlphanumeric: true,
});

/** Cloud SQL counts the project id, a ":" and the instance id together. */
export const SQL_QUALIFIED_MAX = 98;

/** Sources: each API's reference (resource name fields) and the provider's own validation. */
export const NAME_RULES = {
    compute: rfc1035(63),
    networkTag: rfc1035(63),
    sqlInstance: rfc1035(SQL_QUALIFIED_MAX),
    bucket: { max: 63, char: /[a-z0-9_.-]/, allowed: "lowercase letters, digits, \"_\", \".\" and \"-\", beginning and ending with a letter or digit", startsAlphanumeric: true, endsAlphanumeric: true },
    kms: { max: 63, char: /[A-Za-z0-9_-]/, allowed: "letters, digits, \"_\" and \"-\"" },
    secretId: { max: 255, char: /[A-Za-z0-9_-]/, allowed: "letters, digits, \"_\" and \"-\"" },
    connectionPolicy: rfc1035(63),
    cluster: rfc1035(40),
    namespace: { max: 63, char: /[a-z0-9-]/, allowed: "lowercase letters, digits and hyphens, starting and ending with a letter or digit", startsAlphanumeric: true, endsAlphanumeric: true },
} satisfies Record<string, NameRule>;

/** What Pulumi appends to a resource's logical name when it names the resource: "-" and 7 hex digits. */
export const AUTO_NAME_SUFFIX = "-0a1b2c3";

export interface DerivedName {
    /** What GCP calls the name, e.g. "Cloud SQL instance id". */
    what: string;
    name: string;
    rule: NameRule;
    /** True when Pulumi names the resource: the logical name plus the suffix. */
    autoNamed?: boolean;
}

const SERVICE_ACCOUNT_ID_MAX = 30;
const REDIS_ID_MAX = 40;

function cleanId(name: string): string {
    return name.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").replace(/^[^a-z]+|-+$/g, "");
}

function shortHash(value: string): string {
    return createHash("sha256").update(value).digest("hex").slice(0, 6);
}

/**
 * A service account id (6-30 lowercase letters, digits and hyphens, starting with a letter,
 * not ending with a hyphen): `${platform}-${role}`, or, when that is too long or needs
 * cleaning, a cut prefix plus a short hash of the full name so two stacks never collide.
 */
export function serviceAccountIdFor(platformName: string, role: string): string {
    const wanted = `${platformName}-${role}`;
    const clean = cleanId(wanted);
    if (clean === wanted && clean.length <= SERVICE_ACCOUNT_ID_MAX && clean.length >= 6) {
        return clean;
    }
    const hash = shortHash(wanted);
    const prefix = clean.slice(0, SERVICE_ACCOUNT_ID_MAX - hash.length - 1).replace(/-+$/, "") || "sa";
    return `${prefix}-${hash}`;
}

/** `${platform}-gke`: fixed so alert filters, the dashboard and the log sink know it before deployment. */
export function clusterNameFor(platformName: string): string {
    return `${platformName}-gke`.toLowerCase();
}

/** The app namespace on the cluster: one per stack, named after the platform. */
export function namespaceNameFor(platformName: string): string {
    return platformName.toLowerCase();
}

/** Cloud SQL instance ids are lowercase; the fixed name lets alerts and dashboards name it before deployment. */
export function sqlInstanceNameFor(platformName: string): string {
    return `${platformName}-db`.toLowerCase();
}

/**
 * `${platform}-redis`, fixed so alert filters and dashboards know it before deployment.
 * Memorystore ids are 1-40 lowercase letters, digits and hyphens, starting with a letter and
 * ending with a letter or digit; a longer or cleaned name keeps its prefix and gains a short
 * hash of the platform name so two stacks never collide.
 */
export function redisInstanceIdFor(platformName: string): string {
    const suffix = "-redis";
    const base = cleanId(platformName);
    const id = `${base}${suffix}`;
    if (id.length <= REDIS_ID_MAX && base === platformName) {
        return id;
    }
    const hash = shortHash(platformName);
    const prefix = base.slice(0, REDIS_ID_MAX - suffix.length - hash.length - 1).replace(/-+$/, "") || "p";
    return `${prefix}-${hash}${suffix}`;
}

/**
 * Zone suffixes of regions that have no "-a" zone; every other region has at least a, b and c.
 * Plain values, not a data source: instance groups and alert filters need them before deployment.
 */
const REGION_ZONE_SUFFIXES: Record<string, string[]> = {
    "us-east1": ["b", "c", "d"],
    "europe-west1": ["b", "c", "d"],
};
const DEFAULT_ZONE_SUFFIXES = ["a", "b", "c"];

/** The first `count` zones of a region, e.g. ["us-central1-a", "us-central1-b"]. */
export function zonesFor(region: string, count: number): string[] {
    const suffixes = REGION_ZONE_SUFFIXES[region] ?? DEFAULT_ZONE_SUFFIXES;
    return suffixes.slice(0, Math.min(count, suffixes.length)).map((suffix) => `${region}-${suffix}`);
}

const named = (what: string, name: string, rule: NameRule): DerivedName => ({ what, name, rule });
const autoNamed = (what: string, logicalName: string, rule: NameRule): DerivedName => ({ what, name: `${logicalName}${AUTO_NAME_SUFFIX}`, rule, autoNamed: true });

/** The firewall rules firewall.ts creates for this stack, by role. */
function firewallRoles(spec: PlatformSpec): string[] {
    const web = spec.appFleet.services.filter((service) => service.kind === "web" && service.port !== undefined);
    const publicPorts = spec.network.servicePorts;
    return [
        ...(publicPorts.length > 0 ? ["lb"] : []),
        ...(web.some((service) => !publicPorts.includes(service.port!)) ? ["health-checks"] : []),
        ...(spec.network.adminCidrs.some((cidr) => !cidr.includes(":")) ? ["ssh-admin", "ssh-bastion", "bastion-egress"] : ["ssh-iap"]),
        "deny-ingress",
        "data-egress",
        "https-egress",
        ...(spec.runtime === "kubernetes" ? ["cluster-egress", "master-egress"] : []),
        "deny-egress",
    ];
}

/** Every name the network, object store, database and cache derive from the platform name. */
export function derivedNames(spec: PlatformSpec): DerivedName[] {
    const component = (suffix: string) => `${spec.name}-${suffix}`;
    const network = component("network");
    const storage = component("storage");
    const db = component("db");
    const cache = component("cache");
    const sqlId = sqlInstanceNameFor(spec.name);
    // Cloud SQL's limit holds for "<project>:<instance>".
    const sqlRule = { ...NAME_RULES.sqlInstance, max: SQL_QUALIFIED_MAX - (spec.gcpProject ? spec.gcpProject.length + 1 : 0) };
    const bastion = spec.network.adminCidrs.length > 0;
    return [
        ...["vpc", "public", "app", "data", "router", "nat", "services-range", ...(bastion ? ["bastion"] : [])].map((role) => autoNamed("Compute Engine name", `${network}-${role}`, NAME_RULES.compute)),
        ...firewallRoles(spec).map((role) => autoNamed("firewall rule name", `${network}-fw-${role}`, NAME_RULES.compute)),
        ...["app", "bastion", "credentials"].map((tag) => named("network tag", `${spec.name}-${tag}`, NAME_RULES.networkTag)),
        autoNamed("KMS key ring name", `${network}-keys`, NAME_RULES.kms),
        ...(bastion ? [named("KMS key name", `${network}-bastion`, NAME_RULES.kms)] : []),
        autoNamed("Cloud Storage bucket name", `${storage}-bucket`, NAME_RULES.bucket),
        autoNamed("Cloud Storage bucket name", `${storage}-logs`, NAME_RULES.bucket),
        named("KMS key name", `${storage}-storage`, NAME_RULES.kms),
        named("Cloud SQL instance id", sqlId, sqlRule),
        ...Array.from({ length: spec.database.readReplicas }, (_, index) => named("Cloud SQL replica id", `${sqlId}-replica-${index + 1}`, sqlRule)),
        ...["primary", ...Array.from({ length: spec.database.readReplicas }, (_, index) => `replica-${index + 1}`)].map((role) =>
            autoNamed("Cloud DNS zone name", `${db}-${role}-zone`, NAME_RULES.compute),
        ),
        named("KMS key name", `${db}-db`, NAME_RULES.kms),
        ...["db-app", "db-master", ...(spec.database.readReplicas > 0 ? ["db-replica-hosts"] : [])].map((path) => named("Secret Manager secret id", `${spec.name}-${path}`, NAME_RULES.secretId)),
        named("KMS key name", `${cache}-cache`, NAME_RULES.kms),
        named("Secret Manager secret id", `${spec.name}-cache-auth-token`, NAME_RULES.secretId),
        ...(spec.cache.shards > 1 ? [autoNamed("service connection policy name", `${cache}-psc-policy`, NAME_RULES.connectionPolicy)] : []),
        ...(spec.runtime === "kubernetes"
            ? [named("GKE cluster name", clusterNameFor(spec.name), NAME_RULES.cluster), named("Kubernetes namespace name", namespaceNameFor(spec.name), NAME_RULES.namespace)]
            : []),
    ];
}

function characterProblem(name: string, rule: NameRule): string | undefined {
    const refused = [...new Set([...name].filter((c) => !rule.char.test(c)))];
    if (refused.length > 0) {
        return `it contains ${refused.map((c) => (/[A-Z]/.test(c) ? `upper case ${JSON.stringify(c)}` : JSON.stringify(c))).join(", ")}`;
    }
    if (rule.startsWithLetter && !/^[a-z]/.test(name)) {
        return "it does not start with a letter";
    }
    if (rule.startsAlphanumeric && !/^[a-z0-9]/.test(name)) {
        return "it does not start with a letter or digit";
    }
    if (rule.endsAlphanumeric && !/[a-z0-9]$/.test(name)) {
        return "it does not end with a letter or digit";
    }
    return undefined;
}

function quoted(name: DerivedName): string {
    return name.autoNamed ? `${JSON.stringify(name.name.slice(0, -AUTO_NAME_SUFFIX.length))} plus Pulumi's suffix ("-" and 7 random hex digits)` : JSON.stringify(name.name);
}

function subjectOf(spec: PlatformSpec): { subject: string; advice: (maxPlatform: number) => string } {
    const { project, environment: stack } = spec.tags;
    const fromStack = project !== undefined && stack !== undefined && spec.name === `${project}-${stack}`;
    return {
        subject: fromStack ? `stack ${JSON.stringify(stack)}` : `platform name ${JSON.stringify(spec.name)}`,
        advice: (max) =>
            fromStack
                ? `the platform name may have at most ${max} characters, so the stack name at most ${max - project.length - 1} (the project is ${JSON.stringify(project)})`
                : `the platform name may have at most ${max} characters`,
    };
}

/** Problems the GCP network would refuse or silently ignore in what the stack asks for. */
function networkProblems(spec: PlatformSpec): string[] {
    const problems = spec.network.adminCidrs
        .map((cidr, index) => ({ cidr, index }))
        .filter(({ cidr }) => cidr.includes(":"))
        .map(({ cidr, index }) => `platform:adminCidrs[${index}]: ${JSON.stringify(cidr)} is an IPv6 range, but the gcp network is IPv4 only and it would admit nobody; allowed: IPv4 ranges such as 203.0.113.0/24`);
    return problems;
}

/**
 * What GCP would refuse, as config problems: one per kind of name for characters, and one for
 * length naming the tightest name (so the limit it gives is the real one).
 */
export function validateNames(spec: PlatformSpec): string[] {
    const { subject, advice } = subjectOf(spec);
    const what = `the platform name ${JSON.stringify(spec.name)}`;
    const characterProblems = new Map<string, string>();
    let worst: { name: DerivedName; excess: number } | undefined;
    const tooLong: string[] = [];
    for (const name of derivedNames(spec)) {
        const characters = characterProblem(name.name, name.rule);
        if (characters && !characterProblems.has(name.what)) {
            characterProblems.set(name.what, `${subject}: ${what} makes the ${name.what} ${quoted(name)} invalid (${characters}); allowed: ${name.rule.allowed}`);
        }
        const excess = name.name.length - name.rule.max;
        if (excess > 0) {
            tooLong.push(name.what);
            if (!worst || excess > worst.excess) {
                worst = { name, excess };
            }
        }
    }
    const problems = [...characterProblems.values()];
    if (worst) {
        const others = [...new Set(tooLong)].filter((kind) => kind !== worst!.name.what);
        const also = others.length > 0 ? `; also too long: the ${others.join(", the ")}` : "";
        problems.push(
            `${subject}: ${what} makes the ${worst.name.what} ${quoted(worst.name)} ${worst.name.name.length} characters long; GCP allows ${worst.name.rule.max}: ${advice(spec.name.length - worst.excess)}${also}`,
        );
    }
    return [...problems, ...networkProblems(spec), ...fleetProblems(spec.appFleet), ...(spec.runtime === "kubernetes" ? clusterProblems(spec) : []), ...vpnProblems(spec)];
}

/** What the GCP fleet cannot build yet, each naming the stack key to change; empty when it can. */
export function fleetProblems(spec: AppFleetSpec): string[] {
    return spec.services
        .filter((service) => service.calls.length > 0)
        .map((service) => `platform:services: "${service.name}" declares calls (${service.calls.join(", ")}); service-to-service paths are not available on gcp yet: remove calls`);
}

/** What the GKE cluster needs of the stack's range: room for its pods, Services and control plane, and pods for every node it may grow to. */
export function clusterProblems(spec: Pick<PlatformSpec, "network" | "appFleet">): string[] {
    const ranges = clusterRangesFor(spec.network.cidr, spec.network.zones);
    const cluster = spec.appFleet.kubernetes.cluster;
    if (!ranges) {
        return [
            `platform:network.cidr: ${JSON.stringify(spec.network.cidr)} leaves no room beside the subnets and the private services range for the GKE cluster's pods (a /21 at least), Services (a /24) and control plane (a /28); allowed: a /18 or larger, such as 10.0.0.0/16`,
        ];
    }
    const surge = spec.network.zones;
    if (cluster.maxNodes + surge > ranges.nodeCapacity) {
        return [
            `platform:network.cidr: ${JSON.stringify(spec.network.cidr)} gives the GKE pods ${ranges.pods}, room for ${ranges.nodeCapacity} nodes, but the node pool may grow to ${cluster.maxNodes} nodes plus ${surge} during upgrades; allowed: a larger range (10.0.0.0/16 holds 128 nodes), or fewer maxReplicas`,
        ];
    }
    return [];
}
