// Stack config -> PlatformConfig. Each key is checked against its schema (schema.ts), then the
// rules that involve several keys run on the keys that passed, so one run reports every problem.
// parseConfig is pure; only readRawConfig touches the Pulumi runtime.

import * as pulumi from "@pulumi/pulumi";
import { isProductionTier, TIERS } from "../tiers/table";
import { blockCount, blocksNeeded, cidrsOverlap, MAX_LAYOUT_ZONES, parseAnyCidr, parseIpv4Cidr } from "./cidr";
import { cloudsWithRegion, isRegionalCloud, REGION_EXAMPLES, REGIONS } from "./regions";
import {
    adminCidrEntry,
    budgetFields,
    kubernetesFields,
    usageFields,
    didYouMean,
    isPlainObject,
    keyPath,
    NAMESPACE,
    networkFields,
    parseFields,
    Parsed,
    Problems,
    serviceFields,
    show,
    TOP_LEVEL_KEYS,
    topLevelFields,
} from "./schema";
import { parseFeatures } from "./features";
import { parseAlarms, parseCpuScaling } from "./thresholds";
import { Cloud, CpuScalingConfig, DEFAULT_BUDGET, DEFAULT_INGRESS_CLASS, DEFAULT_VPC_CIDR, Overrides, PlatformConfig, ServiceConfig, TierName } from "./types";

/** Every problem of the stack config at once; Pulumi prints a RunError without a stack trace. */
export class ConfigError extends pulumi.RunError {
    readonly problems: string[];

    constructor(problems: string[]) {
        const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
        super([`Invalid stack configuration (${count}):`, ...problems.map((problem) => `  - ${problem}`)].join("\n"));
        this.name = "ConfigError";
        this.problems = problems;
    }
}

/** Three zones is what every region of the three clouds offers; the layout itself holds more. */
const MAX_ZONES = Math.min(3, MAX_LAYOUT_ZONES);

/** Zone counts per cloud: AWS load balancers and RDS subnet groups need two zones. */
const ZONE_RANGE: Record<Exclude<Cloud, "kubernetes">, { min: number; max: number; why?: string }> = {
    aws: { min: 2, max: MAX_ZONES, why: "managed load balancers and RDS subnet groups need two zones" },
    gcp: { min: 1, max: MAX_ZONES },
    azure: { min: 1, max: MAX_ZONES },
};

/** AWS VPCs accept /16 to /28. */
const AWS_MIN_VPC_PREFIX = 16;

/** The longest prefix whose range holds the subnet layout of `zones` zones. */
export function largestPrefixFor(zones: number): number {
    return 24 - Math.ceil(Math.log2(blocksNeeded(zones)));
}

/** "an aws", "a gcp", "an azure": how the names are read aloud. */
function withArticle(cloud: Cloud): string {
    return `${cloud === "gcp" ? "a" : "an"} ${cloud}`;
}

function checkRegion(cloud: Cloud | undefined, region: string | undefined, problems: Problems): void {
    if (cloud === "kubernetes") {
        if (region !== undefined) {
            problems.add(["region"], `${show(region)}: region is not used with cloud kubernetes (the cluster already runs somewhere); remove it`);
        }
        return;
    }
    if (cloud === undefined) {
        if (region !== undefined && cloudsWithRegion(region).length === 0) {
            problems.add(["region"], `${show(region)} is not a region of aws, gcp or azure`);
        }
        return;
    }
    const regions = REGIONS[cloud];
    if (region === undefined) {
        problems.add(["region"], `missing; cloud ${cloud} needs a region, e.g. ${REGION_EXAMPLES[cloud]}`);
    } else if (!regions.includes(region)) {
        const elsewhere = cloudsWithRegion(region);
        const hint = elsewhere.length > 0 ? ` (it is ${elsewhere.map(withArticle).join(" and ")} region; ${cloud} regions look like ${REGION_EXAMPLES[cloud]})` : "";
        problems.add(["region"], `${show(region)} is not ${withArticle(cloud)} region${hint}${didYouMean(region, regions)}; allowed: ${regions.join(", ")}`);
    }
}

function checkZones(cloud: Cloud | undefined, tier: TierName | undefined, zones: number | undefined, problems: Problems): void {
    if (zones === undefined) {
        return;
    }
    if (cloud === "kubernetes") {
        problems.add(["network", "zones"], `${show(zones)}: zones are not used with cloud kubernetes (the cluster's nodes are already placed); remove it`);
        return;
    }
    const range = cloud ? ZONE_RANGE[cloud] : { min: 1, max: MAX_ZONES, why: undefined };
    if (zones < range.min || zones > range.max) {
        problems.add(["network", "zones"], `${show(zones)} is out of range${cloud ? ` for cloud ${cloud}` : ""}; allowed: ${range.min} to ${range.max}${range.why ? ` (${range.why})` : ""}`);
    } else if (tier && isProductionTier(tier) && zones < 2) {
        problems.add(["network", "zones"], `${show(zones)} is too few for tier ${tier}: production tiers need at least 2 zones for high availability`);
    }
}

/** Checks of network.cidr that depend on the cloud and on the number of zones. */
function checkVpcSize(cloud: Cloud | undefined, cidr: string, zones: number | undefined, problems: Problems): void {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed) {
        return;
    }
    if (cloud === "aws" && parsed.prefix < AWS_MIN_VPC_PREFIX) {
        problems.add(["network", "cidr"], `${show(cidr)} is too large for an AWS VPC: AWS accepts /${AWS_MIN_VPC_PREFIX} to /28; use a /${AWS_MIN_VPC_PREFIX} or narrower range`);
    }
    if (zones !== undefined && Number.isInteger(zones) && zones >= 1 && zones <= MAX_LAYOUT_ZONES && blockCount(parsed.prefix) < blocksNeeded(zones)) {
        problems.add(
            ["network", "cidr"],
            `${show(cidr)} is too small for the subnet layout: needs at least a /${largestPrefixFor(zones)} for ${zones} zone${zones === 1 ? "" : "s"} (${blocksNeeded(zones)} /24 blocks for public, app and data subnets)`,
        );
    }
}

function canonicalCidr(cidr: string): string | undefined {
    const parsed = parseAnyCidr(cidr);
    return parsed && `${parsed[0].toString()}/${parsed[1]}`;
}

/** Pairs of valid admin CIDRs (with their list index) that share addresses: both are named. */
function checkAdminCidrOverlaps(entries: readonly { index: number; cidr: string }[], problems: Problems): void {
    entries.forEach((later, position) => {
        for (const earlier of entries.slice(0, position)) {
            if (!cidrsOverlap(earlier.cidr, later.cidr)) {
                continue;
            }
            const same = canonicalCidr(earlier.cidr) === canonicalCidr(later.cidr);
            const other = `${keyPath(["adminCidrs", earlier.index])} ${show(earlier.cidr)}`;
            problems.add(
                ["adminCidrs", later.index],
                same ? `${show(later.cidr)} duplicates ${other}; remove one` : `${show(later.cidr)} overlaps ${other}; keep only the wider range`,
            );
        }
    });
}

/**
 * The AWS network is IPv4 only: the bastion has no IPv6 address, so a rule for an IPv6 range
 * would be accepted by AWS and admit nobody.
 */
function checkAdminCidrFamily(entries: readonly { index: number; cidr: string }[], problems: Problems): void {
    for (const { index, cidr } of entries.filter((entry) => entry.cidr.includes(":"))) {
        problems.add(["adminCidrs", index], `${show(cidr)} is an IPv6 range, but the aws network is IPv4 only (the bastion has no IPv6 address) and it would admit nobody; allowed: IPv4 ranges such as 203.0.113.0/24`);
    }
}

interface CheckedService {
    value: Parsed<typeof serviceFields>;
    kind?: ServiceConfig["kind"];
    cpuScaling?: CpuScalingConfig;
}

function checkService(raw: unknown, index: number, problems: Problems): CheckedService | undefined {
    const path = ["services", index];
    if (!isPlainObject(raw)) {
        problems.add(path, `${show(raw)} is not a service; expected an object like {"name": "web", "image": "ghcr.io/acme/app:1.0", "port": 3000}`);
        return undefined;
    }
    const { value, failed } = parseFields(serviceFields, raw, path, problems);
    const kind = failed.has("kind") ? undefined : (value.kind ?? "web");
    if (kind === "web" && raw.port === undefined) {
        problems.add([...path, "port"], "missing; web services need a port (an integer from 1 to 65535)");
    }
    if (kind === "worker" && raw.port !== undefined) {
        problems.add([...path, "port"], `${show(raw.port)}: port is not allowed for a worker (workers take no traffic); remove it or use kind web`);
    }
    if (kind === "worker" && value.public === true) {
        problems.add([...path, "public"], "true: a worker cannot be public (workers take no traffic); remove it or use kind web");
    }
    if (value.minReplicas !== undefined && value.maxReplicas !== undefined && value.minReplicas > value.maxReplicas) {
        problems.add(
            [...path, "minReplicas"],
            `${value.minReplicas} is greater than ${keyPath([...path, "maxReplicas"])} ${value.maxReplicas}; allowed: minReplicas <= maxReplicas`,
        );
    }
    const cpuScaling = value.cpuScaling && parseCpuScaling(value.cpuScaling, kind, [...path, "cpuScaling"], problems);
    return { value, kind, cpuScaling };
}

/** With a domain, the platform publishes db.<domain> and cache.<domain>: no service host may take those names. */
export const RESERVED_HOST_LABELS = ["db", "cache"] as const;

function checkServiceNames(services: readonly (CheckedService | undefined)[], domain: string | undefined, problems: Problems): void {
    const firstIndex = new Map<string, number>();
    services.forEach((service, index) => {
        const name = service?.value.name;
        if (name === undefined) {
            return;
        }
        if (domain && (RESERVED_HOST_LABELS as readonly string[]).includes(name)) {
            problems.add(["services", index, "name"], `${show(name)} would be served at ${name}.${domain}, the record the platform keeps for the ${name === "db" ? "database" : "cache"}; allowed: any other name`);
        }
        const first = firstIndex.get(name);
        if (first === undefined) {
            firstIndex.set(name, index);
        } else {
            problems.add(["services", index, "name"], `${show(name)} is already the name of ${keyPath(["services", first])}; service names must be unique`);
        }
    });
}

/**
 * `calls` declares the only paths between services: each must name another web service of the
 * stack (workers take no traffic), once.
 */
function checkServiceCalls(services: readonly (CheckedService | undefined)[], problems: Problems): void {
    const kindOf = new Map<string, CheckedService["kind"]>();
    for (const service of services) {
        if (service?.value.name !== undefined && !kindOf.has(service.value.name)) {
            kindOf.set(service.value.name, service.kind);
        }
    }
    const webNames = [...kindOf].filter(([, kind]) => kind === "web").map(([name]) => name);
    services.forEach((service, index) => {
        const caller = service?.value.name;
        const targets = webNames.filter((name) => name !== caller);
        const allowed = targets.length > 0 ? `allowed: another web service of this stack: ${targets.join(", ")}` : "this stack has no other web service to call";
        const seen = new Map<string, number>();
        (service?.value.calls ?? []).forEach((callee, position) => {
            const path = ["services", index, "calls", position];
            const first = seen.get(callee);
            if (first !== undefined) {
                problems.add(path, `${show(callee)} is already listed at ${keyPath(["services", index, "calls", first])}; list each service once`);
                return;
            }
            seen.set(callee, position);
            if (callee === caller) {
                problems.add(path, `${show(callee)} is this service itself; a service needs no path to itself; ${allowed}`);
            } else if (!kindOf.has(callee)) {
                problems.add(path, `${show(callee)} is not a service of this stack${didYouMean(callee, targets)}; ${allowed}`);
            } else if (kindOf.get(callee) === "worker") {
                problems.add(path, `${show(callee)} is a worker, and workers take no traffic; ${allowed}`);
            }
        });
    });
}

/**
 * Spot capacity can be taken back at any time, so only workers (which re-read their queue) may
 * use it, above a base that stays on regular capacity.
 */
function checkServiceCapacity(services: readonly (CheckedService | undefined)[], cloud: Cloud | undefined, problems: Problems): void {
    services.forEach((service, index) => {
        if (!service) {
            return;
        }
        const { spot, onDemandBase, minReplicas, architecture } = service.value;
        const path = ["services", index];
        if (spot === true && service.kind === "web") {
            problems.add([...path, "spot"], "true: web services answer users and would lose requests when spot capacity is reclaimed; spot is for workers (kind worker) only");
        }
        if (spot === true && cloud === "kubernetes") {
            problems.add([...path, "spot"], "true: on cloud kubernetes the cluster's node pools are not the platform's; schedule onto spot nodes with your cluster's tooling; remove it");
        }
        if (onDemandBase !== undefined && spot !== true) {
            problems.add([...path, "onDemandBase"], `${show(onDemandBase)}: onDemandBase only applies with spot: true; remove it or turn spot on`);
        }
        if (onDemandBase !== undefined && minReplicas !== undefined && onDemandBase > minReplicas) {
            problems.add([...path, "onDemandBase"], `${show(onDemandBase)} is greater than ${keyPath([...path, "minReplicas"])} ${minReplicas}; allowed: at most minReplicas`);
        }
        if (architecture === "arm64" && cloud === "kubernetes") {
            problems.add([...path, "architecture"], `"arm64": on cloud kubernetes the nodes are the cluster's own; remove it`);
        }
    });
}

function checkRuntime(cloud: Cloud | undefined, runtime: string | undefined, problems: Problems): void {
    if (cloud === "kubernetes" && runtime === "vm") {
        problems.add(["runtime"], `"vm": cloud kubernetes runs services as Kubernetes workloads, runtime vm is not available there; omit runtime or set kubernetes`);
    }
}

function toServiceConfig({ value, kind = "web", cpuScaling }: CheckedService): ServiceConfig {
    const optional = {
        port: value.port,
        command: value.command,
        minReplicas: value.minReplicas,
        maxReplicas: value.maxReplicas,
        size: value.size,
        cpuScaling,
        calls: value.calls,
        spot: value.spot,
        onDemandBase: value.onDemandBase,
        architecture: value.architecture,
    };
    return {
        name: value.name as string,
        image: value.image as string,
        kind,
        healthPath: value.healthPath ?? "/health",
        readyPath: value.readyPath ?? "/ready",
        public: value.public ?? kind === "web",
        ...withoutUndefined(optional),
    };
}

function withoutUndefined<T extends object>(values: T): Partial<T> {
    return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Validates the stack config (keys without the "platform:" namespace; values as Pulumi gives them,
 * strings and JSON text, or already parsed) and fills the defaults. Throws ConfigError listing
 * every problem.
 */
export function parseConfig(raw: Record<string, unknown>): PlatformConfig {
    const problems = new Problems(TOP_LEVEL_KEYS);
    if (!isPlainObject(raw)) {
        throw new ConfigError([`${NAMESPACE}: ${show(raw)} is not a set of config keys`]);
    }
    const { value: top, failed } = parseFields(topLevelFields, raw, [], problems);
    const network = top.network ? parseFields(networkFields, top.network, ["network"], problems).value : {};
    const kubernetes = top.kubernetes ? parseFields(kubernetesFields, top.kubernetes, ["kubernetes"], problems).value : {};
    const budget = top.budget ? parseFields(budgetFields, top.budget, ["budget"], problems).value : {};
    const usage = top.usage ? parseFields(usageFields, top.usage, ["usage"], problems).value : {};
    const alarms = top.alarms ? parseAlarms(top.alarms, problems) : {};
    const services = (top.services ?? []).map((service, index) => checkService(service, index, problems));
    const adminCidrs = (top.adminCidrs ?? []).flatMap((entry, index) => {
        const result = adminCidrEntry.safeParse(entry);
        if (!result.success) {
            problems.addIssues(["adminCidrs", index], result.error.issues);
            return [];
        }
        return [{ index, cidr: result.data.trim() }];
    });
    const { cloud, tier } = top;

    if (!failed.has("region")) {
        checkRegion(cloud, top.region, problems);
    }
    if (cloud === "gcp" && raw.gcpProject === undefined) {
        problems.add(["gcpProject"], "missing; cloud gcp needs the id of the project to deploy into, e.g. acme-platform-prod");
    } else if (cloud && cloud !== "gcp" && raw.gcpProject !== undefined) {
        problems.add(["gcpProject"], `${show(raw.gcpProject)}: gcpProject is only used with cloud gcp; remove it`);
    }
    if (cloud && cloud !== "gcp" && raw.gcpBillingAccount !== undefined) {
        problems.add(["gcpBillingAccount"], `${show(raw.gcpBillingAccount)}: gcpBillingAccount is only used with cloud gcp; remove it`);
    }
    checkRuntime(cloud, top.runtime, problems);
    if (cloud && cloud !== "kubernetes" && raw.kubernetes !== undefined) {
        problems.add(["kubernetes"], `${show(raw.kubernetes)}: kubernetes (context, storageClass, ingressClass) is only used with cloud kubernetes, where the platform goes into a cluster you already have; with runtime kubernetes on ${cloud} the program creates the cluster; remove it`);
    }
    checkZones(cloud, tier, network.zones, problems);
    if (network.cidr !== undefined) {
        // The tier's zone count when none is given; none at all when the given one is invalid.
        const layoutZones = top.network?.zones !== undefined ? network.zones : tier && TIERS[tier].zones;
        checkVpcSize(cloud, network.cidr, layoutZones, problems);
    }
    if (tier && isProductionTier(tier) && raw.alertEmail === undefined) {
        problems.add(["alertEmail"], `missing; production tiers need alertEmail: alarms and budget alerts would reach no one`);
    }
    checkAdminCidrOverlaps(adminCidrs, problems);
    if (cloud === "aws") {
        checkAdminCidrFamily(adminCidrs, problems);
    }
    checkServiceNames(services, failed.has("domain") ? undefined : top.domain, problems);
    checkServiceCalls(services, problems);
    checkServiceCapacity(services, cloud, problems);
    const features = parseFeatures(top, { cloud, tier, region: failed.has("region") ? undefined : top.region, networkCidr: network.cidr?.trim() ?? DEFAULT_VPC_CIDR }, problems);

    if (problems.count > 0 || !cloud || !tier || services.some((service) => !service)) {
        throw new ConfigError(problems.messages());
    }
    const runtime = top.runtime ?? (cloud === "kubernetes" ? "kubernetes" : "vm");
    return {
        cloud,
        tier,
        ...withoutUndefined({
            region: isRegionalCloud(cloud) ? top.region : undefined,
            gcpProject: cloud === "gcp" ? top.gcpProject : undefined,
            gcpBillingAccount: cloud === "gcp" ? top.gcpBillingAccount : undefined,
        }),
        services: services.map((service) => toServiceConfig(service as CheckedService)),
        ...withoutUndefined({ domain: top.domain }),
        network: { cidr: network.cidr?.trim() ?? DEFAULT_VPC_CIDR, ...withoutUndefined({ zones: network.zones }) },
        adminCidrs: adminCidrs.map((entry) => entry.cidr),
        ...withoutUndefined({ alertEmail: top.alertEmail }),
        budget: { ...DEFAULT_BUDGET, ...budget },
        ...withoutUndefined({ concurrentUsers: top.concurrentUsers }),
        runtime,
        ...(cloud === "kubernetes" ? { kubernetes: { ingressClass: DEFAULT_INGRESS_CLASS, ...kubernetes } } : {}),
        overrides: (top.overrides ?? {}) as Overrides,
        usage: usage as PlatformConfig["usage"],
        alarms,
        features,
    };
}

/** The "platform:" keys of the stack config, namespace stripped; other namespaces (aws:, gcp:...) are ignored. */
export function readRawConfig(): Record<string, unknown> {
    const prefix = `${NAMESPACE}:`;
    return Object.fromEntries(
        Object.entries(pulumi.runtime.allConfig())
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, value]) => [key.slice(prefix.length), value]),
    );
}

export function loadConfig(): PlatformConfig {
    return parseConfig(readRawConfig());
}
