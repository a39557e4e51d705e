// Builds the data tier of an existing cluster (object store, database, cache) under the SDK's
// mock engine, once per tier per process, on a stand-in network handle: the provider, two
// namespaces, a storage class and the platform CA. Every registration is recorded with its
// inputs, protect flag and dependencies.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as tls from "@pulumi/tls";
import { parseConfig } from "../../config/load";
import { AdapterContext, AdapterResult, CacheOutputs, DatabaseOutputs, NetworkOutputs, ObjectStoreOutputs } from "../../providers/adapter";
import { createCache } from "../../providers/kubernetes/cache";
import { createDatabase } from "../../providers/kubernetes/database";
import { KubernetesNetworkNative } from "../../providers/kubernetes/native";
import { createObjectStore } from "../../providers/kubernetes/objectStore";
import { PlatformSpec, resolvePlatformSpec } from "../../tiers";
import { WEB_SERVICE, WORKER_SERVICE } from "../helpers/stacks";

export const DATA_NAMESPACE = "platform-dev-data";

export interface Registered {
    type: string;
    name: string;
    protect: boolean;
    dependsOn: string[];
    inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface DataTier {
    spec: PlatformSpec;
    resources: Registered[];
    outputs: { database: Record<string, unknown>; cache: Record<string, unknown>; objectStore: Record<string, unknown> };
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getDependenciesList(): string[];
    getProtect(): boolean | undefined;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

class Recorder extends MockMonitor {
    public readonly recorded: Registered[] = [];
    constructor() {
        super({ newResource: (args) => ({ id: args.custom ? `${args.name}-id` : undefined, state: args.inputs }), call: (args) => args.inputs });
    }
    async registerResource(req: RegisterRequest, callback: (err: unknown, response: unknown) => void): Promise<void> {
        this.recorded.push({
            type: req.getType(),
            name: req.getName(),
            protect: req.getProtect() === true,
            dependsOn: req.getDependenciesList(),
            inputs: req.getObject()?.toJavaScript() ?? {},
        });
        return super.registerResource(req as never, callback);
    }
}

function standInNetwork(parent: pulumi.ComponentResource, spec: PlatformSpec): AdapterResult<NetworkOutputs> {
    const provider = new k8s.Provider(`${spec.name}-kubernetes`, {}, { parent });
    const key = new tls.PrivateKey(`${spec.name}-ca-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent });
    const cert = new tls.SelfSignedCert(`${spec.name}-ca`, { privateKeyPem: key.privateKeyPem, isCaCertificate: true, validityPeriodHours: 87600, allowedUses: ["cert_signing"], subject: { commonName: "platform CA" } }, { parent });
    const native: KubernetesNetworkNative = {
        provider,
        appNamespace: pulumi.output("platform-dev-app"),
        dataNamespace: pulumi.output(DATA_NAMESPACE),
        storageClass: "standard",
        ingressClass: "nginx",
        ca: { key, cert },
        ready: [],
    };
    const empty = pulumi.output([] as string[]);
    return { outputs: { networkId: pulumi.output(""), zones: empty, publicSubnetIds: empty, appSubnetIds: empty, dataSubnetIds: empty }, native };
}

function settled<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

async function synthesizeData(stack: string, tier: string): Promise<DataTier> {
    const config = parseConfig({ cloud: "kubernetes", tier, services: [WEB_SERVICE, WORKER_SERVICE], domain: "acme-lms.com" });
    const spec = resolvePlatformSpec(config, "platform", stack);
    const monitor = new Recorder();
    await pulumi.runtime.setMocks(monitor.mocks, "platform", stack, false);
    settings.setMockOptions(monitor, "platform", stack, false);
    let outputs: DataTier["outputs"] | undefined;
    await pulumi.runtime.runInPulumiStack(async () => {
        const platform = new pulumi.ComponentResource("platform:index:Platform", spec.name, {}, {});
        const network = standInNetwork(platform, spec);
        const ctxOf = (role: string): AdapterContext => ({ parent: new pulumi.ComponentResource(`platform:index:${role}`, `${spec.name}-${role.toLowerCase()}`, {}, { parent: platform }), name: `${spec.name}-${role === "ObjectStore" ? "storage" : role === "Database" ? "db" : "cache"}`, platform: spec });
        const objectStore: AdapterResult<ObjectStoreOutputs> = createObjectStore(ctxOf("ObjectStore"), spec.objectStore, { network });
        const database: AdapterResult<DatabaseOutputs> = createDatabase(ctxOf("Database"), spec.database, { network });
        const cache: AdapterResult<CacheOutputs> = createCache(ctxOf("Cache"), spec.cache, { network });
        outputs = {
            database: await settled(pulumi.output(database.outputs)),
            cache: await settled(pulumi.output(cache.outputs)),
            objectStore: await settled(pulumi.output(objectStore.outputs)),
        };
    });
    const { waitForRPCs } = settings as unknown as { waitForRPCs: () => Promise<void> };
    await waitForRPCs();
    return { spec, resources: monitor.recorded, outputs: outputs! };
}

const cache = new Map<string, Promise<DataTier>>();

/** One synthesis per tier per process. */
export function buildDataTier(tier: string): Promise<DataTier> {
    if (!cache.has(tier)) {
        cache.set(tier, synthesizeData(`k-${tier}`, tier));
    }
    return cache.get(tier)!;
}

export function customResources(tier: DataTier, kind: string): Registered[] {
    return tier.resources.filter((r) => r.type === `kubernetes:${String(r.inputs.apiVersion)}:${kind}`);
}

export function ofType(tier: DataTier, type: string): Registered[] {
    return tier.resources.filter((r) => r.type === type);
}
