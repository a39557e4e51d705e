// The registering side of the shared workloads under the SDK's mock engine: every object is
// registered once, named `${component}-<role>`, in the app namespace, on the cluster's
// provider, and what reaches the engine still passes the schemas.

import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { AdapterContext } from "../../providers/adapter";
import {
    contractExternalSecret,
    contractSecret,
    createAppNamespace,
    createCertificates,
    deployWorkloads,
    DeployedWorkloads,
    installCertManager,
    installExternalSecrets,
    installKeda,
    installMetricsServer,
    WorkloadCluster,
} from "../../providers/kubernetes/workloads";
import { mockOutputs } from "../../tools/mockCloud";
import { secretSig, specialSigKey } from "../../tools/redact";
import { kubernetesPolicies } from "../../policies/rules/kubernetes";
import { resource, violationsOf } from "../policies/harness";
import { IDEATION, NGINX } from "./fixtures";
import { SchemaModel, schemaProblems } from "./schema";

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

class AppFleet extends pulumi.ComponentResource {
    constructor(name: string) {
        super("platform:index:AppFleet", name);
    }
}

/** The engine's view of a value with its secrets opened (the API server sees them plainly). */
function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (value !== null && typeof value === "object") {
        const object = value as Record<string, unknown>;
        if (object[specialSigKey] === secretSig) {
            return unwrapSecrets(object.value);
        }
        return Object.fromEntries(Object.entries(object).map(([key, child]) => [key, unwrapSecrets(child)]));
    }
    return value;
}

function settle(): Promise<void> {
    return (settings as unknown as { waitForRPCs: () => Promise<void> }).waitForRPCs();
}

function outputOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("kubernetes workloads: registered under the mock engine", function () {
    const registered: Registered[] = [];
    let workloads: DeployedWorkloads;
    let endpoints: Awaited<ReturnType<typeof outputOf<DeployedWorkloads["endpoints"] extends pulumi.Output<infer T> ? T : never>>>;
    const ofType = (type: string) => registered.filter((resource) => resource.type === type);

    before(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                    return { id: `${args.name}-id`, state: mockOutputs(args.type, args.name, args.inputs, "us-east-1") };
                },
                call: (args) => args.inputs,
            },
            "platform",
            "k-workloads",
            false,
        );
        const ctx: AdapterContext = { parent: new AppFleet("platform-ideation-app"), name: "platform-ideation-app", platform: IDEATION };
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const namespace = createAppNamespace(ctx, IDEATION.appFleet, provider, "platform-ideation");
        const ref = { provider, namespace: namespace.name };
        const certificates = createCertificates(ctx, ref, { "postgres-ca.pem": "-----BEGIN CERTIFICATE-----db", "redis-ca.pem": "-----BEGIN CERTIFICATE-----cache" });
        const [api, worker] = IDEATION.appFleet.services;
        const env = {
            secretReader: ["unused"],
            database: { secret: "arn:db", rootCert: "/etc/platform/certs/postgres-ca.pem" },
            cache: { secret: "arn:cache" },
            secrets: { JWT_SECRET: "arn:jwt" },
            plain: { SERVICE_NAME: "api" },
        };
        const external = contractExternalSecret(ctx, ref, api, pulumi.output(env), { name: "aws", kind: "ClusterSecretStore" });
        const plain = contractSecret(ctx, ref, worker, { DATABASE_URL: pulumi.secret("postgresql://u:p@h:5432/d") });
        const keda = installKeda(ctx, provider);
        installExternalSecrets(ctx, provider, { serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::1:role/eso" } } });
        installCertManager(ctx, provider);
        installMetricsServer(ctx, provider);
        const cluster: WorkloadCluster = {
            provider,
            namespace: namespace.name,
            zoneTopologyKey: "topology.kubernetes.io/zone",
            zones: 2,
            ingress: NGINX,
            egress: [{ purpose: "database", to: [{ ipBlock: { cidr: "10.0.20.0/22" } }], ports: [{ port: 5432 }] }],
            identity: () => ({ serviceAccountAnnotations: {}, podLabels: {}, automountServiceAccountToken: false }),
            environmentSecret: (service) => (service.name === "api" ? external.secretName : plain.secretName),
            certificates: { kind: "ConfigMap", name: certificates.metadata.name },
            queueTrigger: () => ({ type: "redis", metadata: { listName: "celery", listLength: "100", activationListLength: "10" } }),
            dependsOn: [keda, external.resource, plain.resource, ...namespace.ready],
        };
        workloads = deployWorkloads(ctx, IDEATION.appFleet, cluster);
        endpoints = await outputOf(workloads.endpoints);
        await settle();
    });

    it("registers the namespace, its quota, defaults and policies, each named after the component", () => {
        const names = registered.filter((resource) => resource.type.startsWith("kubernetes:") && !resource.type.includes("helm")).map((resource) => resource.name);
        expect(names).to.include.members([
            "platform-ideation-app-namespace",
            "platform-ideation-app-quota",
            "platform-ideation-app-limits",
            "platform-ideation-app-default-deny",
            "platform-ideation-app-allow-dns",
            "platform-ideation-app-certificates",
            "platform-ideation-app-api-env",
            "platform-ideation-app-worker-env",
            "platform-ideation-app-api",
            "platform-ideation-app-api-service",
            "platform-ideation-app-api-autoscaler",
            "platform-ideation-app-api-disruption",
            "platform-ideation-app-api-ingress",
            "platform-ideation-app-worker",
            "platform-ideation-app-worker-scaler",
            "platform-ideation-app-egress-database",
            "platform-ideation-app-ingress",
        ]);
        expect(new Set(names).size).to.equal(names.length);
    });

    it("puts every namespaced object in the app namespace, with an explicit name", () => {
        for (const resource of registered.filter((r) => r.type.startsWith("kubernetes:") && !r.type.includes("helm") && !r.type.endsWith(":Namespace") && r.type !== "pulumi:providers:kubernetes")) {
            const metadata = resource.inputs.metadata as { name?: string; namespace?: string };
            expect(metadata?.namespace, resource.name).to.equal("platform-ideation");
            expect(metadata?.name, resource.name).to.be.a("string").and.not.equal("");
        }
    });

    it("passes the schemas with every object that reaches the engine (resolved outputs included)", async () => {
        const [apps, autoscaling, core, policy, networking, es, keda, certManager] = await Promise.all([
            import("kubernetes-models/apps/v1"),
            import("kubernetes-models/autoscaling/v2"),
            import("kubernetes-models/v1"),
            import("kubernetes-models/policy/v1"),
            import("kubernetes-models/networking.k8s.io/v1"),
            import("@kubernetes-models/external-secrets/external-secrets.io/v1"),
            import("@kubernetes-models/keda/keda.sh/v1alpha1"),
            import("@kubernetes-models/cert-manager/cert-manager.io/v1"),
        ]);
        const models: Record<string, SchemaModel> = {
            "kubernetes:apps/v1:Deployment": apps.Deployment,
            "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": autoscaling.HorizontalPodAutoscaler,
            "kubernetes:core/v1:Namespace": core.Namespace,
            "kubernetes:core/v1:ResourceQuota": core.ResourceQuota,
            "kubernetes:core/v1:LimitRange": core.LimitRange,
            "kubernetes:core/v1:ConfigMap": core.ConfigMap,
            "kubernetes:core/v1:Secret": core.Secret,
            "kubernetes:core/v1:Service": core.Service,
            "kubernetes:core/v1:ServiceAccount": core.ServiceAccount,
            "kubernetes:policy/v1:PodDisruptionBudget": policy.PodDisruptionBudget,
            "kubernetes:networking.k8s.io/v1:NetworkPolicy": networking.NetworkPolicy,
            "kubernetes:networking.k8s.io/v1:Ingress": networking.Ingress,
            "kubernetes:external-secrets.io/v1:ExternalSecret": es.ExternalSecret,
            "kubernetes:keda.sh/v1alpha1:ScaledObject": keda.ScaledObject,
            "kubernetes:cert-manager.io/v1:Certificate": certManager.Certificate,
        };
        const objects = registered.filter((resource) => resource.type.startsWith("kubernetes:") && !resource.type.startsWith("kubernetes:helm.sh/"));
        expect(objects).to.have.length.above(20);
        for (const resource of objects) {
            const model = models[resource.type];
            expect(model, `a schema for ${resource.type}`).to.not.equal(undefined);
            expect(schemaProblems(model, unwrapSecrets(resource.inputs)), `${resource.type} ${resource.name}`).to.deep.equal([]);
        }
        expect((ofType("kubernetes:external-secrets.io/v1:ExternalSecret")[0].inputs.spec as { target: { template: { data: Record<string, string> } } }).target.template.data).to.include.keys("DATABASE_URL", "PGPASSWORD", "REDIS_URL", "JWT_SECRET");
    });

    it("passes every Kubernetes rule of the policy pack, advisory ones included", async () => {
        const planned = registered.filter((r) => r.type.startsWith("kubernetes:")).map((r) => resource(r.type, r.name, unwrapSecrets(r.inputs) as Record<string, unknown>));
        const violations = [];
        for (const policy of kubernetesPolicies) {
            violations.push(...(await violationsOf(policy, planned, { tier: "production-medium" })));
        }
        expect(violations.map((v) => `${v.policy} ${v.name}: ${v.message}`)).to.deep.equal([]);
    });

    it("keeps a generated environment secret in the state", () => {
        const secret = ofType("kubernetes:core/v1:Secret").find((resource) => resource.name === "platform-ideation-app-worker-env")!;
        expect(secret.inputs.stringData).to.have.property(specialSigKey, secretSig);
    });

    it("installs the controllers from pinned chart versions of their own repositories", () => {
        const releases = ofType("kubernetes:helm.sh/v3:Release").map((release) => [release.inputs.chart, release.inputs.version, (release.inputs.repositoryOpts as { repo: string }).repo]);
        expect(releases).to.have.deep.members([
            ["keda", "2.21.1", "https://kedacore.github.io/charts"],
            ["external-secrets", "0.20.4", "https://charts.external-secrets.io"],
            ["cert-manager", "v1.19.1", "https://charts.jetstack.io"],
            ["metrics-server", "3.13.0", "https://kubernetes-sigs.github.io/metrics-server/"],
        ]);
        const eso = ofType("kubernetes:helm.sh/v3:Release").find((release) => release.inputs.chart === "external-secrets")!;
        // Production: two of each controller, the cluster's workload identity merged in.
        expect(eso.inputs.values).to.deep.include({ replicaCount: 2, serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::1:role/eso" } } });
    });

    it("reports the services as every adapter does, the URL naming the Ingress's address without a domain", () => {
        expect(endpoints).to.deep.equal([
            { name: "api", kind: "web", minReplicas: 2, maxReplicas: 10, url: "https://203.0.113.10" },
            { name: "worker", kind: "worker", minReplicas: 2, maxReplicas: 10 },
        ]);
        expect(Object.keys(workloads.deployments)).to.deep.equal(["api", "worker"]);
    });
});
