// Builds stacks offline once per process and looks resources up in what was recorded.
import { expect } from "chai";
import { readStackFile } from "../../tools/stackFile";
import { RecordedResource, StackConfig, synthesize, SynthResult } from "../../tools/synth";

const cache = new Map<string, Promise<SynthResult>>();

export const WEB_SERVICE = { name: "web", image: "ghcr.io/acme/web:1.0.0", port: 3000, healthPath: "/api/health", readyPath: "/api/ready" };
export const WORKER_SERVICE = { name: "worker", kind: "worker", image: "ghcr.io/acme/web:1.0.0" };

/** A stack of the given tier on AWS with a web service and a worker. */
export function tierConfig(tier: string, extra: StackConfig = {}): StackConfig {
    return { cloud: "aws", tier, region: "us-east-1", alertEmail: "ops@example.com", domain: "acme-lms.com", services: [WEB_SERVICE, WORKER_SERVICE], ...extra };
}

/** Where each cloud's test stacks deploy: the regions the price books list. */
export const CLOUD_PLACEMENT: Record<string, StackConfig> = {
    aws: { cloud: "aws", region: "us-east-1" },
    gcp: { cloud: "gcp", region: "us-central1", gcpProject: "acme-platform" },
    azure: { cloud: "azure", region: "eastus" },
    // An existing cluster is already somewhere: no region.
    kubernetes: { cloud: "kubernetes", region: undefined },
};

/** `tierConfig` on the given cloud: the same stack, one key (and its placement) changed. */
export function cloudTierConfig(cloud: string, tier: string, extra: StackConfig = {}): StackConfig {
    const config = tierConfig(tier, { ...CLOUD_PLACEMENT[cloud], ...extra });
    return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}

/** One synthesis per cloud and tier per process, whichever test asks first. */
export function buildTier(cloud: string, tier: string): Promise<SynthResult> {
    return build(`t-${tier}`, cloudTierConfig(cloud, tier));
}

/** The same tier with its services on a Kubernetes cluster: the cloud's managed one, or an existing one for cloud kubernetes. */
export function buildClusterTier(cloud: string, tier: string): Promise<SynthResult> {
    return build(`k-${tier}`, cloudTierConfig(cloud, tier, cloud === "kubernetes" ? {} : { runtime: "kubernetes" }));
}

export function build(stack: string, config: StackConfig): Promise<SynthResult> {
    const key = `${stack}:${JSON.stringify(config)}`;
    if (!cache.has(key)) {
        cache.set(key, synthesize(stack, config));
    }
    return cache.get(key)!;
}

/** One of the shipped stack files, Pulumi.<stack>.yaml. */
export function buildStackFile(stack: string): Promise<SynthResult> {
    return build(stack, readStackFile(`Pulumi.${stack}.yaml`));
}

export function ofType(result: SynthResult, type: string): RecordedResource[] {
    return result.resources.filter((r) => r.type === type);
}

/** The single resource of a type (optionally whose name ends with `suffix`). */
export function one(result: SynthResult, type: string, suffix = ""): RecordedResource {
    const found = ofType(result, type).filter((r) => r.name.endsWith(suffix));
    expect(found, `${type} *${suffix}`).to.have.length(1);
    return found[0];
}

export interface PolicyStatement {
    Sid?: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Principal?: unknown;
    Condition?: Record<string, Record<string, unknown>>;
}

export function statements(policy: unknown): PolicyStatement[] {
    expect(policy, "policy document").to.be.a("string");
    return (JSON.parse(policy as string) as { Statement: PolicyStatement[] }).Statement;
}

export function list<T>(value: T | T[]): T[] {
    return Array.isArray(value) ? value : [value];
}

export type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function inputs(resource: RecordedResource): Inputs {
    return resource.inputs as Inputs;
}
