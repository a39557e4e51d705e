// The shared workload manifests, built by their pure functions and validated strictly against
// the Kubernetes OpenAPI schemas (kubernetes-models) and the operators' CRD schemas. The
// documents' numbers are stated here, never read from the program's tables.

import { expect } from "chai";
import { spawnSync } from "child_process";
import { mkdtempSync, utimesSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ServiceSpec } from "../../tiers";
import {
    callsPolicyManifest,
    defaultDenyManifest,
    deploymentManifest,
    dnsEgressManifest,
    egressPolicyManifest,
    horizontalPodAutoscalerManifest,
    ingressManifest,
    ingressPolicyManifest,
    limitRangeManifest,
    localCertificateManifest,
    namespaceManifest,
    podDisruptionBudgetManifest,
    queueScaling,
    resourceQuotaManifest,
    scaledObjectManifest,
    serviceAccountManifest,
    serviceManifest,
} from "./manifests";
import { DEV, IDEATION, LMS, NGINX, PLACEMENT, platformOf, scopeFor } from "./fixtures";
import { SchemaModel, schemaProblems } from "./schema";
import { tierConfig } from "../helpers/stacks";

interface Models {
    [kind: string]: SchemaModel;
}

/** The schema models by kind, loaded once (the packages are ES modules). */
async function models(): Promise<Models> {
    const [core, apps, autoscaling, policy, networking, keda, certManager] = await Promise.all([
        import("kubernetes-models/v1"),
        import("kubernetes-models/apps/v1"),
        import("kubernetes-models/autoscaling/v2"),
        import("kubernetes-models/policy/v1"),
        import("kubernetes-models/networking.k8s.io/v1"),
        import("@kubernetes-models/keda/keda.sh/v1alpha1"),
        import("@kubernetes-models/cert-manager/cert-manager.io/v1"),
    ]);
    return {
        Namespace: core.Namespace,
        ResourceQuota: core.ResourceQuota,
        LimitRange: core.LimitRange,
        ServiceAccount: core.ServiceAccount,
        Service: core.Service,
        Deployment: apps.Deployment,
        HorizontalPodAutoscaler: autoscaling.HorizontalPodAutoscaler,
        PodDisruptionBudget: policy.PodDisruptionBudget,
        NetworkPolicy: networking.NetworkPolicy,
        Ingress: networking.Ingress,
        ScaledObject: keda.ScaledObject,
        Certificate: certManager.Certificate,
    };
}

function serviceOf(services: ServiceSpec[], name: string): ServiceSpec {
    const found = services.find((service) => service.name === name);
    expect(found, name).to.not.equal(undefined);
    return found!;
}

type Manifest = { kind?: string; apiVersion?: string };

function expectValid(schemas: Models, manifest: Manifest | undefined): void {
    expect(manifest, "manifest").to.not.equal(undefined);
    const model = schemas[manifest!.kind ?? ""];
    expect(model, `a schema for ${manifest!.kind}`).to.not.equal(undefined);
    expect(schemaProblems(model, manifest), `${manifest!.kind} against ${manifest!.apiVersion}`).to.deep.equal([]);
}

describe("kubernetes workloads: manifests", function () {
    let schemas: Models;
    before(async () => {
        schemas = await models();
    });

    const lms = LMS.appFleet;
    const lmsWeb = serviceOf(lms.services, "web");
    const lmsWorker = serviceOf(lms.services, "worker");
    const ideation = IDEATION.appFleet;
    const api = serviceOf(ideation.services, "api");
    const celery = serviceOf(ideation.services, "worker");
    const scope = scopeFor(LMS);

    describe("schema validation", () => {
        it("accepts every object of the app namespace", () => {
            for (const manifest of [namespaceManifest("platform-prod", scope.labels), resourceQuotaManifest(scope, lms.kubernetes.quota), limitRangeManifest(scope), defaultDenyManifest(scope), dnsEgressManifest(scope)]) {
                expectValid(schemas, manifest);
            }
        });

        it("accepts a web service's and a worker's objects (LMS production-large and idea-management)", () => {
            for (const [fleet, web, worker] of [
                [lms, lmsWeb, lmsWorker],
                [ideation, api, celery],
            ] as const) {
                const s = scopeFor(fleet === lms ? LMS : IDEATION);
                expectValid(schemas, serviceAccountManifest(s, web, PLACEMENT.identity(web)));
                expectValid(schemas, deploymentManifest(s, fleet, web, PLACEMENT));
                expectValid(schemas, deploymentManifest(s, fleet, worker, PLACEMENT));
                expectValid(schemas, serviceManifest(s, web));
                expectValid(schemas, horizontalPodAutoscalerManifest(s, fleet, web));
                expectValid(schemas, podDisruptionBudgetManifest(s, web));
                expectValid(schemas, podDisruptionBudgetManifest(s, worker));
                expectValid(schemas, scaledObjectManifest(s, fleet, worker, { type: "aws-sqs-queue", metadata: { queueURL: "https://sqs.us-east-1.amazonaws.com/123456789012/q", queueLength: "100", activationQueueLength: "10" }, authenticationRef: { name: "sqs" } }));
                expectValid(schemas, ingressPolicyManifest(s, fleet, web, NGINX.sources));
                expectValid(schemas, egressPolicyManifest(s, { purpose: "database", to: [{ ipBlock: { cidr: "10.0.20.0/22" } }], ports: [{ port: 5432 }] }));
                expectValid(schemas, ingressManifest(s, fleet, NGINX));
            }
        });

        it("accepts the Ingress and its Certificate without a domain, and a caller's egress", () => {
            const calling = platformOf("calls", tierConfig("staging", { runtime: "kubernetes", services: [{ name: "web", image: "ghcr.io/acme/web:1.0.0", port: 3000, calls: ["pricing"] }, { name: "pricing", image: "ghcr.io/acme/pricing:1.0.0", port: 8080, public: false }] }));
            const s = scopeFor(calling);
            expectValid(schemas, callsPolicyManifest(s, calling.appFleet, serviceOf(calling.appFleet.services, "web")));
            expectValid(schemas, ingressPolicyManifest(s, calling.appFleet, serviceOf(calling.appFleet.services, "pricing"), NGINX.sources));
            expectValid(schemas, ingressManifest(scopeFor(DEV), DEV.appFleet, NGINX));
            expectValid(schemas, localCertificateManifest(scopeFor(DEV), NGINX));
        });

        it("fails a misspelled field and a wrong type, so the check can fail", () => {
            const deployment = deploymentManifest(scope, lms, lmsWeb, PLACEMENT) as unknown as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
            const container = deployment.spec.template.spec.containers[0];
            const misspelled = { ...container, securityContext: { ...(container.securityContext as object), readOnlyRootFileSystem: true } };
            const wrongType = { ...container, ports: [{ name: "http", containerPort: "3000" }] };
            const withContainer = (replacement: Record<string, unknown>) => ({ ...deployment, spec: { ...deployment.spec, template: { ...deployment.spec.template, spec: { ...deployment.spec.template.spec, containers: [replacement] } } } });
            expect(schemaProblems(schemas.Deployment, withContainer(misspelled))).to.deep.equal(["/spec/template/spec/containers/0/securityContext/readOnlyRootFileSystem: not a field of the schema"]);
            expect(schemaProblems(schemas.Deployment, withContainer(wrongType)).join()).to.contain("containerPort").and.contain("integer");
            const scaled = scaledObjectManifest(scope, lms, lmsWorker, { type: "aws-sqs-queue", metadata: {} });
            expect(schemaProblems(schemas.ScaledObject, { ...scaled, spec: { ...scaled.spec, maxReplicaCout: 3 } })).to.deep.equal(["/spec/maxReplicaCout: not a field of the schema"]);
        });
    });

    describe("the documents' numbers", () => {
        it("holds the production-large namespace to the LMS document's ResourceQuota", () => {
            expect(resourceQuotaManifest(scope, lms.kubernetes.quota).spec!.hard).to.deep.equal({
                "requests.cpu": "100",
                "requests.memory": "200Gi",
                "limits.cpu": "200",
                "limits.memory": "400Gi",
                persistentvolumeclaims: "10",
            });
        });

        it("gives the LMS web pod 2 CPU / 4Gi requested, 4 CPU / 8Gi limits, probes on /api/health (30 s, every 10 s) and /api/ready (5 s, every 5 s)", () => {
            const container = deploymentManifest(scope, lms, lmsWeb, PLACEMENT).spec!.template.spec!.containers[0] as Record<string, unknown>;
            expect(container.resources).to.deep.equal({ requests: { cpu: "2000m", memory: "4096Mi" }, limits: { cpu: "4000m", memory: "8192Mi" } });
            expect(container.livenessProbe).to.include({ initialDelaySeconds: 30, periodSeconds: 10 });
            expect(container.livenessProbe).to.have.nested.property("httpGet.path", "/api/health");
            expect(container.readinessProbe).to.include({ initialDelaySeconds: 5, periodSeconds: 5 });
            expect(container.readinessProbe).to.have.nested.property("httpGet.path", "/api/ready");
        });

        it("gives the idea-management API pod 500m / 1Gi requested and 1000m / 2Gi limits, probes on /health and /ready", () => {
            const container = deploymentManifest(scopeFor(IDEATION), ideation, api, PLACEMENT).spec!.template.spec!.containers[0] as Record<string, unknown>;
            expect(container.resources).to.deep.equal({ requests: { cpu: "500m", memory: "1024Mi" }, limits: { cpu: "1000m", memory: "2048Mi" } });
            expect(container.livenessProbe).to.have.nested.property("httpGet.path", "/health");
            expect(container.readinessProbe).to.have.nested.property("httpGet.path", "/ready");
            expect(container.ports).to.deep.equal([{ name: "http", containerPort: 8000, protocol: "TCP" }]);
        });

        it("scales web services at 70 % CPU between the tier's bounds, at least 2 pods in production", () => {
            expect(horizontalPodAutoscalerManifest(scope, lms, lmsWeb).spec).to.deep.include({ minReplicas: 5, maxReplicas: 10 });
            expect(horizontalPodAutoscalerManifest(scope, lms, lmsWeb).spec!.metrics).to.deep.equal([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }]);
            const single = { ...api, minReplicas: 1, maxReplicas: 1 };
            expect(horizontalPodAutoscalerManifest(scope, ideation, single).spec).to.deep.include({ minReplicas: 2, maxReplicas: 2 });
            const dev = serviceOf(DEV.appFleet.services, "web");
            expect(horizontalPodAutoscalerManifest(scopeFor(DEV), DEV.appFleet, dev).spec).to.deep.include({ minReplicas: 1 });
        });

        it("scales workers on their queue: a pod per 100 messages, none added below 10", () => {
            expect(queueScaling(ideation)).to.deep.equal({ targetPerReplica: "100", activation: "10" });
            const trigger = { type: "aws-sqs-queue", metadata: { queueLength: "100" }, authenticationRef: { name: "sqs", kind: "ClusterTriggerAuthentication" as const } };
            const spec = scaledObjectManifest(scopeFor(IDEATION), ideation, celery, trigger).spec as Record<string, unknown>;
            expect(spec).to.deep.include({ minReplicaCount: 2, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "worker" } });
            expect(spec.triggers).to.deep.equal([trigger]);
        });
    });

    describe("the pod", () => {
        const pod = deploymentManifest(scope, lms, lmsWeb, PLACEMENT).spec!.template.spec! as Record<string, unknown> & { containers: Record<string, unknown>[] };
        const container = pod.containers[0];

        it("runs non-root (numeric user), read-only, without privilege escalation or capabilities, under RuntimeDefault seccomp", () => {
            expect(container.securityContext).to.deep.equal({
                runAsNonRoot: true,
                runAsUser: 10001,
                runAsGroup: 10001,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                privileged: false,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
            });
            expect(pod.securityContext).to.deep.include({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        });

        it("gets SERVICE_NAME and PORT plainly and everything else from the environment Secret", () => {
            expect(container.env).to.deep.equal([
                { name: "SERVICE_NAME", value: "web" },
                { name: "PORT", value: "3000" },
            ]);
            expect(container.envFrom).to.deep.equal([{ secretRef: { name: "web-env" } }]);
        });

        it("mounts the CA bundles read-only at /etc/platform/certs and a writable /tmp", () => {
            expect(container.volumeMounts).to.deep.equal([
                { name: "tmp", mountPath: "/tmp" },
                { name: "certificates", mountPath: "/etc/platform/certs", readOnly: true },
            ]);
            expect(pod.volumes).to.deep.include({ name: "certificates", configMap: { name: "platform-certs", defaultMode: 0o444 } });
        });

        it("leaves replicas to its autoscaler and spreads pods across zones (required where there are several) and nodes", () => {
            expect(deploymentManifest(scope, lms, lmsWeb, PLACEMENT).spec).to.not.have.property("replicas");
            expect(pod.topologySpreadConstraints).to.deep.equal([
                { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": LMS.name } } },
                { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": LMS.name } } },
            ]);
            const local = deploymentManifest(scope, lms, lmsWeb, { ...PLACEMENT, zones: undefined }).spec!.template.spec!.topologySpreadConstraints as { whenUnsatisfiable: string }[];
            expect(local[0].whenUnsatisfiable).to.equal("ScheduleAnyway");
        });

        it("checks a worker's liveness and readiness with a heartbeat file instead of HTTP, and runs its command", () => {
            const worker = deploymentManifest(scopeFor(IDEATION), ideation, celery, PLACEMENT).spec!.template.spec!.containers[0] as Record<string, unknown>;
            expect(worker).to.not.have.property("ports");
            expect(worker.livenessProbe).to.have.nested.property("exec.command[0]", "/bin/sh");
            expect(worker.readinessProbe).to.have.nested.property("exec.command[2]").that.contains("/tmp/worker-heartbeat");
            expect(worker.command).to.deep.equal(["celery", "-A", "app.celery", "worker", "--loglevel=info", "--concurrency=4"]);
            expect(worker.env).to.deep.equal([{ name: "SERVICE_NAME", value: "worker" }]);
        });

        it("restarts a worker whose heartbeat file went stale, and only then", () => {
            const command = (deploymentManifest(scopeFor(IDEATION), ideation, celery, PLACEMENT).spec!.template.spec!.containers[0].livenessProbe!.exec!.command as string[]).slice();
            const dir = mkdtempSync(join(tmpdir(), "heartbeat-"));
            const file = join(dir, "worker-heartbeat");
            const probe = () => spawnSync(command[0], [command[1], command[2].replace("/tmp/worker-heartbeat", file)]).status;
            expect(probe(), "no heartbeat file: alive").to.equal(0);
            writeFileSync(file, "");
            expect(probe(), "fresh heartbeat").to.equal(0);
            const old = new Date(Date.now() - 10 * 60 * 1000);
            utimesSync(file, old, old);
            expect(probe(), "heartbeat 10 minutes old").to.equal(1);
        });

        it("mounts the service account token only where the identity needs it", () => {
            const off = deploymentManifest(scope, lms, lmsWeb, { ...PLACEMENT, identity: () => ({ serviceAccountAnnotations: {}, podLabels: { "azure.workload.identity/use": "true" }, automountServiceAccountToken: false }) }).spec!.template;
            expect(off.spec).to.include({ automountServiceAccountToken: false });
            expect(off.metadata!.labels).to.include({ "azure.workload.identity/use": "true" });
            expect(serviceAccountManifest(scope, lmsWeb, PLACEMENT.identity(lmsWeb)).metadata!.annotations).to.deep.equal({ "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/platform-prod-web-web" });
        });

        it("lets a node drain: one pod of each service may go at a time", () => {
            expect(podDisruptionBudgetManifest(scope, lmsWeb).spec).to.deep.include({ maxUnavailable: 1 });
        });
    });
});
