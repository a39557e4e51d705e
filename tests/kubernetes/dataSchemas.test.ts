// Every object the data tier registers is validated against a schema: the operators' custom
// resources against trimmed copies of their CRDs (tests/kubernetes/schemas, unknown fields
// refused), the core Kubernetes objects and the core types inside the custom resources with
// kubernetes-models. A misspelled field or a wrong type fails here before a cluster sees it.
import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { bucketActions, s3IdentitiesConfig } from "../../providers/kubernetes/objectStore";
import { SynthResult } from "../../tools/synth";
import { Inputs, inputs, ofType } from "../helpers/stacks";
import { DATA_TIERS, customResources, dataResources, dataStack } from "./dataStacks";

type Schema = Record<string, unknown>;

/** Structural CRD schemas allow unknown fields (the API server prunes them); the test refuses them instead. */
function strict(schema: unknown): unknown {
    if (Array.isArray(schema)) {
        return schema.map(strict);
    }
    if (typeof schema !== "object" || schema === null) {
        return schema;
    }
    const out: Schema = {};
    for (const [key, value] of Object.entries(schema)) {
        out[key] = key === "properties" ? Object.fromEntries(Object.entries(value as Schema).map(([name, child]) => [name, strict(child)])) : strict(value);
    }
    if (out.properties && out.additionalProperties === undefined && out["x-kubernetes-preserve-unknown-fields"] !== true) {
        out.additionalProperties = false;
    }
    return out;
}

const ajv = new Ajv({ allErrors: true, nullable: true, unknownFormats: "ignore" });
const SCHEMA_FILES: Record<string, string> = {
    Cluster: "cnpg-cluster.json",
    ScheduledBackup: "cnpg-scheduledbackup.json",
    Pooler: "cnpg-pooler.json",
    ObjectStore: "barman-objectstore.json",
    Redis: "redis-standalone.json",
    RedisReplication: "redis-replication.json",
    RedisSentinel: "redis-sentinel.json",
    RedisCluster: "redis-cluster.json",
};
const validators = Object.fromEntries(
    Object.entries(SCHEMA_FILES).map(([kind, file]) => {
        const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "schemas", file), "utf8")) as Schema;
        return [kind, ajv.compile(strict(schema) as object)];
    }),
);

function problems(kind: string, object: unknown): string[] {
    const validate = validators[kind];
    return validate(object) ? [] : (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message} ${JSON.stringify(error.params)}`);
}

// kubernetes-models is ESM-only: loaded once, dynamically.
type Model = new (data: unknown) => { validate(): void };
let models: Record<string, Model>;

async function loadModels(): Promise<Record<string, Model>> {
    const [secret, configMap, job, policy, resources, podSecurity, security, claim] = await Promise.all([
        import("kubernetes-models/v1/Secret"),
        import("kubernetes-models/v1/ConfigMap"),
        import("kubernetes-models/batch/v1/Job"),
        import("kubernetes-models/networking.k8s.io/v1/NetworkPolicy"),
        import("kubernetes-models/v1/ResourceRequirements"),
        import("kubernetes-models/v1/PodSecurityContext"),
        import("kubernetes-models/v1/SecurityContext"),
        import("kubernetes-models/v1/PersistentVolumeClaimSpec"),
    ]);
    // Their declared types reach validate() through a package this project's module resolution does not follow.
    return {
        "core/v1:Secret": secret.Secret as unknown as Model,
        "core/v1:ConfigMap": configMap.ConfigMap as unknown as Model,
        "batch/v1:Job": job.Job as unknown as Model,
        "networking.k8s.io/v1:NetworkPolicy": policy.NetworkPolicy as unknown as Model,
        ResourceRequirements: resources.ResourceRequirements as unknown as Model,
        PodSecurityContext: podSecurity.PodSecurityContext as unknown as Model,
        SecurityContext: security.SecurityContext as unknown as Model,
        PersistentVolumeClaimSpec: claim.PersistentVolumeClaimSpec as unknown as Model,
    };
}

/** The core types the trimmed CRD schemas leave open, validated as what they are. */
function validateCoreParts(kind: string, spec: Inputs): number {
    const parts: [string, unknown][] = [];
    const configs = [spec.kubernetesConfig, spec.redisExporter].filter(Boolean);
    for (const config of configs) {
        if (config.resources) parts.push(["ResourceRequirements", config.resources]);
    }
    if (kind === "Cluster") parts.push(["ResourceRequirements", spec.resources]);
    if (spec.podSecurityContext) parts.push(["PodSecurityContext", spec.podSecurityContext]);
    if (spec.securityContext) parts.push(["SecurityContext", spec.securityContext]);
    for (const template of [spec.storage?.volumeClaimTemplate, spec.storage?.nodeConfVolumeClaimTemplate].filter(Boolean)) {
        parts.push(["PersistentVolumeClaimSpec", template.spec]);
    }
    for (const [model, value] of parts) {
        new models[model](value).validate();
    }
    return parts.length;
}

describe("kubernetes data tier schemas", function () {
    const stacks: Partial<Record<(typeof DATA_TIERS)[number], SynthResult>> = {};

    before(async () => {
        models = await loadModels();
        for (const tier of DATA_TIERS) {
            stacks[tier] = await dataStack(tier);
        }
    });

    it("refuses a misspelled field, a wrong type and a value outside an enum", () => {
        const cluster = inputs(customResources(stacks.development!, "Cluster")[0]);
        expect(problems("Cluster", cluster)).to.deep.equal([]);
        expect(problems("Cluster", { ...cluster, spec: { ...cluster.spec, instancess: 2 } }).join()).to.include("instancess");
        expect(problems("Cluster", { ...cluster, spec: { ...cluster.spec, instances: "2" } }).join()).to.include("should be integer");
        expect(problems("Cluster", { ...cluster, spec: { ...cluster.spec, primaryUpdateStrategy: "automatic" } }).join()).to.include("allowedValues");
        const backup = inputs(customResources(stacks.development!, "ScheduledBackup")[0]);
        expect(problems("ScheduledBackup", { ...backup, spec: { ...backup.spec, method: "barman" } })).to.not.deep.equal([]);
        const store = inputs(customResources(stacks.development!, "ObjectStore")[0]);
        expect(problems("ObjectStore", { ...store, spec: { ...store.spec, retentionPolicy: "30 days" } })).to.not.deep.equal([]);
    });

    for (const tier of DATA_TIERS) {
        it(`validates every custom resource of ${tier} against its CRD schema`, () => {
            const result = stacks[tier]!;
            let checked = 0;
            for (const kind of Object.keys(SCHEMA_FILES)) {
                for (const resource of customResources(result, kind)) {
                    expect(problems(kind, inputs(resource)), `${tier} ${kind} ${resource.name}`).to.deep.equal([]);
                    checked += 1 + validateCoreParts(kind, inputs(resource).spec);
                }
            }
            // Cluster, ScheduledBackup, ObjectStore and at least one Redis resource, with their core parts.
            expect(checked).to.be.greaterThan(8);
        });

        it(`validates the core Kubernetes objects of ${tier} with kubernetes-models`, () => {
            const core = dataResources(stacks[tier]!).filter((r) => /^kubernetes:(core\/v1|batch\/v1|networking\.k8s\.io\/v1):/.test(r.type));
            expect(core.length).to.be.greaterThan(8);
            for (const resource of core) {
                const typeName = resource.type.slice("kubernetes:".length);
                const model = models[typeName];
                expect(model, typeName).to.not.equal(undefined);
                const [group, kind] = typeName.split(":");
                const body: Inputs = { apiVersion: group === "core/v1" ? "v1" : group, kind, ...inputs(resource) };
                // The plan shows secret values as "[secret]", a string in place of the map the API takes.
                const visible = body.stringData === "[secret]" ? { ...body, stringData: undefined } : body;
                expect(() => new model(visible).validate(), resource.name).to.not.throw();
            }
        });
    }

    it("gives the application and the backups each their own bucket only, and the gateway no anonymous identity", () => {
        const config = JSON.parse(
            s3IdentitiesConfig([
                { name: "application", accessKey: "A", secretKey: "a", actions: bucketActions("uploads") },
                { name: "database-backups", accessKey: "B", secretKey: "b", actions: bucketActions("backups") },
            ]),
        );
        expect(config.identities.map((identity: Inputs) => identity.name)).to.not.include("anonymous");
        expect(config.identities[0].actions).to.deep.equal(["Read:uploads", "Write:uploads", "List:uploads", "Tagging:uploads"]);
        expect(config.identities[1].actions.every((action: string) => action.endsWith(":backups"))).to.equal(true);
    });

    it("refers to the same backup credentials, CA and endpoint the object store creates", () => {
        const result = stacks.staging!;
        const store = inputs(customResources(result, "ObjectStore")[0]).spec.configuration;
        const secrets = ofType(result, "kubernetes:core/v1:Secret").map((r) => inputs(r).metadata.name);
        expect(secrets).to.include.members([store.s3Credentials.accessKeyId.name, store.s3Credentials.secretAccessKey.name, store.endpointCA.name]);
        expect(store.endpointURL).to.equal((result.outputs.objectStore as Inputs).url);
    });
});
