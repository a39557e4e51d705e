// The controllers every cluster runs under the workloads, each a Helm release of a pinned chart
// (one resource the engine installs; nothing fetched at plan time): KEDA (workers scaled on
// their queues), External Secrets (the contract environment from the cloud's secret store),
// cert-manager (Ingress certificates where TLS ends in the cluster) and metrics-server (CPU for
// the HorizontalPodAutoscalers; GKE and AKS ship their own). Values harden them: requests on
// every pod, replicas and PodDisruptionBudgets from production on (the charts' pods already run
// non-root with a read-only root filesystem and no capabilities).

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../../adapter";
import { deepMerge } from "../../overrides";
import { childName } from "../common";
import { k8sOpts } from "./common";

export interface AddonChart {
    chart: string;
    version: string;
    repo: string;
    namespace: string;
}

export const ADDON_CHARTS = {
    keda: { chart: "keda", version: "2.21.1", repo: "https://kedacore.github.io/charts", namespace: "keda" },
    externalSecrets: { chart: "external-secrets", version: "0.20.4", repo: "https://charts.external-secrets.io", namespace: "external-secrets" },
    certManager: { chart: "cert-manager", version: "v1.19.1", repo: "https://charts.jetstack.io", namespace: "cert-manager" },
    metricsServer: { chart: "metrics-server", version: "3.13.0", repo: "https://kubernetes-sigs.github.io/metrics-server/", namespace: "kube-system" },
} as const satisfies Record<string, AddonChart>;

export type AddonValues = Record<string, unknown>;
export interface AddonOptions {
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

const SMALL = { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } };
const MEDIUM = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } };

/** Two of each controller from production on, so a node drain never stops one. */
function replicasOf(ctx: AdapterContext): number {
    return Math.max(1, ctx.platform.appFleet.kubernetes.productionMinReplicas);
}

export function kedaValues(replicas: number): AddonValues {
    const pdb = replicas > 1 ? { minAvailable: 1 } : {};
    return {
        operator: { replicaCount: replicas },
        metricsServer: { replicaCount: replicas },
        webhooks: { replicaCount: replicas },
        resources: { operator: MEDIUM, metricServer: MEDIUM, webhooks: SMALL },
        ...(replicas > 1 ? { podDisruptionBudget: { operator: pdb, metricServer: pdb, webhooks: pdb } } : {}),
    };
}

export function externalSecretsValues(replicas: number): AddonValues {
    const pdb = { enabled: replicas > 1, minAvailable: 1 };
    return {
        installCRDs: true,
        replicaCount: replicas,
        // One active controller: the others wait on the lease.
        leaderElect: replicas > 1,
        resources: MEDIUM,
        podDisruptionBudget: pdb,
        webhook: { replicaCount: replicas, resources: SMALL, podDisruptionBudget: pdb },
        certController: { replicaCount: replicas, resources: SMALL, podDisruptionBudget: pdb },
    };
}

export function certManagerValues(replicas: number): AddonValues {
    const pdb = { enabled: replicas > 1, minAvailable: 1 };
    return {
        crds: { enabled: true, keep: true },
        replicaCount: replicas,
        resources: MEDIUM,
        podDisruptionBudget: pdb,
        webhook: { replicaCount: replicas, resources: SMALL, podDisruptionBudget: pdb },
        cainjector: { replicaCount: replicas, resources: MEDIUM, podDisruptionBudget: pdb },
    };
}

export function metricsServerValues(replicas: number): AddonValues {
    return {
        replicas,
        resources: SMALL,
        podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
    };
}

function release(ctx: AdapterContext, provider: k8s.Provider, role: string, chart: AddonChart, values: AddonValues, extra: AddonValues | undefined, opts: AddonOptions | undefined): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        childName(ctx, role),
        {
            name: chart.chart,
            chart: chart.chart,
            version: chart.version,
            repositoryOpts: { repo: chart.repo },
            namespace: chart.namespace,
            createNamespace: chart.namespace !== "kube-system",
            values: extra ? deepMerge(values, extra) : values,
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 5,
            timeout: 600,
        },
        k8sOpts(ctx, provider, opts?.dependsOn ? { dependsOn: opts.dependsOn } : {}),
    );
}

export function installKeda(ctx: AdapterContext, provider: k8s.Provider, values?: AddonValues, opts?: AddonOptions): k8s.helm.v3.Release {
    return release(ctx, provider, "keda", ADDON_CHARTS.keda, kedaValues(replicasOf(ctx)), values, opts);
}

export function installExternalSecrets(ctx: AdapterContext, provider: k8s.Provider, values?: AddonValues, opts?: AddonOptions): k8s.helm.v3.Release {
    return release(ctx, provider, "external-secrets", ADDON_CHARTS.externalSecrets, externalSecretsValues(replicasOf(ctx)), values, opts);
}

export function installCertManager(ctx: AdapterContext, provider: k8s.Provider, values?: AddonValues, opts?: AddonOptions): k8s.helm.v3.Release {
    return release(ctx, provider, "cert-manager", ADDON_CHARTS.certManager, certManagerValues(replicasOf(ctx)), values, opts);
}

export function installMetricsServer(ctx: AdapterContext, provider: k8s.Provider, values?: AddonValues, opts?: AddonOptions): k8s.helm.v3.Release {
    return release(ctx, provider, "metrics-server", ADDON_CHARTS.metricsServer, metricsServerValues(replicasOf(ctx)), values, opts);
}
