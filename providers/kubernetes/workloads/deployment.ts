// One service's pods: ServiceAccount, Deployment, ClusterIP Service, and what keeps it sized and
// available (HorizontalPodAutoscaler for web services, a KEDA ScaledObject on the queue for
// workers, a PodDisruptionBudget). Pure functions: plain manifests from the spec.
//
// The Deployment carries no `replicas`: the autoscaler owns it (server-side apply would otherwise
// conflict with the HPA controller on every update, or reset a busy service to its minimum), and
// the autoscaler's minimum is the floor, at least two pods from production on.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CERTS_DIR } from "../../vm/serviceEnvironment";
import { AppFleetSpec, ServiceSpec } from "../../../tiers/types";
import { ManifestScope, metadataOf, replicaRange, selectorOf } from "./common";
import { QueueTrigger, ServiceIdentity, WorkloadCluster } from "./types";

type Manifest<T> = T & { apiVersion: string; kind: string };

/** The non-root user and group every container runs as (numeric, so the kubelet can verify it). */
export const RUN_AS_USER = 10001;
/** A worker that touches this file at least every WORKER_HEARTBEAT_SECONDS is restarted once it stops. */
export const WORKER_HEARTBEAT_FILE = "/tmp/worker-heartbeat";
export const WORKER_HEARTBEAT_SECONDS = 120;

/** What the pod template needs from the cluster it runs on. */
export type PodPlacement = Pick<WorkloadCluster, "zoneTopologyKey" | "identity" | "environmentSecret" | "certificates" | "zones">;

export function serviceAccountManifest(scope: ManifestScope, service: ServiceSpec, identity: ServiceIdentity): Manifest<k8s.types.input.core.v1.ServiceAccount> {
    return {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: metadataOf(scope, service.name, selectorOf(scope, service), identity.serviceAccountAnnotations),
        automountServiceAccountToken: identity.automountServiceAccountToken,
    };
}

function probes(fleet: AppFleetSpec, service: ServiceSpec): Pick<k8s.types.input.core.v1.Container, "livenessProbe" | "readinessProbe"> {
    const { liveness, readiness } = fleet.kubernetes;
    if (service.kind === "web" && service.port) {
        return {
            livenessProbe: { httpGet: { path: service.healthPath, port: "http" }, initialDelaySeconds: liveness.initialDelaySeconds, periodSeconds: liveness.periodSeconds, timeoutSeconds: 5, failureThreshold: 3 },
            readinessProbe: { httpGet: { path: service.readyPath, port: "http" }, initialDelaySeconds: readiness.initialDelaySeconds, periodSeconds: readiness.periodSeconds, timeoutSeconds: 5, failureThreshold: 3 },
        };
    }
    // A worker has no port. `celery inspect ping` costs an interpreter start and a broker round
    // trip per probe, so the check is a heartbeat file the worker may touch (e.g. on Celery's
    // heartbeat_sent signal): stale means hung and the container restarts; a worker that never
    // creates it is only required to keep its process alive, as on a VM. The same check gates
    // readiness, so a rollout replaces a worker only once its successor runs.
    const exec = { command: ["/bin/sh", "-c", `f=${WORKER_HEARTBEAT_FILE}; [ ! -e "$f" ] || [ $(( $(date +%s) - $(stat -c %Y "$f") )) -lt ${WORKER_HEARTBEAT_SECONDS} ]`] };
    return {
        livenessProbe: { exec, initialDelaySeconds: liveness.initialDelaySeconds, periodSeconds: Math.max(liveness.periodSeconds, 30), timeoutSeconds: 5, failureThreshold: 3 },
        readinessProbe: { exec, initialDelaySeconds: readiness.initialDelaySeconds, periodSeconds: Math.max(readiness.periodSeconds, 30), timeoutSeconds: 5, failureThreshold: 3 },
    };
}

function topologySpread(selector: Record<string, string>, placement: PodPlacement): k8s.types.input.core.v1.TopologySpreadConstraint[] {
    return [
        // Hard across zones only where the nodes span several: otherwise a missing zone would leave pods pending.
        { maxSkew: 1, topologyKey: placement.zoneTopologyKey, whenUnsatisfiable: (placement.zones ?? 1) > 1 ? "DoNotSchedule" : "ScheduleAnyway", labelSelector: { matchLabels: selector } },
        { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } },
    ];
}

export function deploymentManifest(scope: ManifestScope, fleet: AppFleetSpec, service: ServiceSpec, placement: PodPlacement): Manifest<k8s.types.input.apps.v1.Deployment> {
    const selector = selectorOf(scope, service);
    const identity = placement.identity(service);
    const web = service.kind === "web" && service.port !== undefined;
    const env: k8s.types.input.core.v1.EnvVar[] = [{ name: "SERVICE_NAME", value: service.name }, ...(web ? [{ name: "PORT", value: String(service.port) }] : [])];
    const certificates: k8s.types.input.core.v1.Volume =
        placement.certificates.kind === "ConfigMap"
            ? { name: "certificates", configMap: { name: placement.certificates.name, defaultMode: 0o444 } }
            : { name: "certificates", secret: { secretName: placement.certificates.name, defaultMode: 0o444 } };
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: metadataOf(scope, service.name, selector),
        spec: {
            selector: { matchLabels: selector },
            revisionHistoryLimit: 5,
            strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
            template: {
                metadata: { labels: { ...scope.labels, ...selector, ...identity.podLabels } },
                spec: {
                    serviceAccountName: service.name,
                    automountServiceAccountToken: identity.automountServiceAccountToken,
                    securityContext: { runAsNonRoot: true, runAsUser: RUN_AS_USER, runAsGroup: RUN_AS_USER, fsGroup: RUN_AS_USER, seccompProfile: { type: "RuntimeDefault" } },
                    terminationGracePeriodSeconds: 30,
                    topologySpreadConstraints: topologySpread(selector, placement),
                    containers: [
                        {
                            name: service.name,
                            image: service.image,
                            // Always: the kubelet checks the tag's digest with the registry (layers stay
                            // cached), so a re-pushed tag never runs stale and every pod start passes the
                            // registry's authorization (Checkov CKV_K8S_15).
                            imagePullPolicy: "Always",
                            ...(service.command ? { command: service.command } : {}),
                            ...(web ? { ports: [{ name: "http", containerPort: service.port!, protocol: "TCP" }] } : {}),
                            env,
                            envFrom: [{ secretRef: { name: placement.environmentSecret(service) } }],
                            resources: { requests: { ...service.pod.requests }, limits: { ...service.pod.limits } },
                            ...probes(fleet, service),
                            securityContext: {
                                runAsNonRoot: true,
                                runAsUser: RUN_AS_USER,
                                runAsGroup: RUN_AS_USER,
                                readOnlyRootFilesystem: true,
                                allowPrivilegeEscalation: false,
                                privileged: false,
                                capabilities: { drop: ["ALL"] },
                                seccompProfile: { type: "RuntimeDefault" },
                            },
                            volumeMounts: [
                                { name: "tmp", mountPath: "/tmp" },
                                { name: "certificates", mountPath: CERTS_DIR, readOnly: true },
                            ],
                        },
                    ],
                    volumes: [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }, certificates],
                },
            },
        },
    };
}

export function serviceManifest(scope: ManifestScope, service: ServiceSpec): Manifest<k8s.types.input.core.v1.Service> {
    if (service.port === undefined) {
        throw new Error(`service ${service.name} has no port: only web services get a Service`);
    }
    const selector = selectorOf(scope, service);
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: metadataOf(scope, service.name, selector),
        spec: { type: "ClusterIP", selector, ports: [{ name: "http", port: service.port, targetPort: "http", protocol: "TCP" }] },
    };
}

export function horizontalPodAutoscalerManifest(scope: ManifestScope, fleet: AppFleetSpec, service: ServiceSpec): Manifest<k8s.types.input.autoscaling.v2.HorizontalPodAutoscaler> {
    const { min, max } = replicaRange(service, fleet.kubernetes.productionMinReplicas);
    return {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: metadataOf(scope, service.name, selectorOf(scope, service)),
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: service.name },
            minReplicas: min,
            maxReplicas: max,
            metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: fleet.cpuTargetPercent } } }],
        },
    };
}

/** The KEDA thresholds of a worker's queue: a pod per scaleOutQueueDepth messages, none added below scaleInQueueDepth. */
export function queueScaling(fleet: Pick<AppFleetSpec, "scaleOutQueueDepth" | "scaleInQueueDepth">): { targetPerReplica: string; activation: string } {
    return { targetPerReplica: String(fleet.scaleOutQueueDepth), activation: String(fleet.scaleInQueueDepth) };
}

export function scaledObjectManifest(scope: ManifestScope, fleet: AppFleetSpec, service: ServiceSpec, trigger: QueueTrigger): { apiVersion: string; kind: string; metadata: k8s.types.input.meta.v1.ObjectMeta; spec: Record<string, pulumi.Input<unknown>> } {
    const { min, max } = replicaRange(service, fleet.kubernetes.productionMinReplicas);
    return {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: metadataOf(scope, service.name, selectorOf(scope, service)),
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: service.name },
            minReplicaCount: min,
            maxReplicaCount: max,
            pollingInterval: 30,
            cooldownPeriod: 300,
            // Removing it leaves the Deployment at its current size rather than at one pod.
            advanced: {
                restoreToOriginalReplicaCount: false,
                horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } },
            },
            triggers: [{ type: trigger.type, metadata: trigger.metadata, ...(trigger.authenticationRef ? { authenticationRef: trigger.authenticationRef } : {}) }],
        },
    };
}

/** One pod at a time may go: a node drains even at the minimum, the rest keep serving. */
export function podDisruptionBudgetManifest(scope: ManifestScope, service: ServiceSpec): Manifest<k8s.types.input.policy.v1.PodDisruptionBudget> {
    const selector = selectorOf(scope, service);
    return {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: metadataOf(scope, service.name, selector),
        spec: { maxUnavailable: 1, selector: { matchLabels: selector }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
    };
}
