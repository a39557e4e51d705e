// The picture of an existing cluster (cloud kubernetes): no network or subnets, so one box per
// namespace holding what runs there (the ingress, the services' Deployments, the data services,
// the controllers' Helm releases), counts of the plumbing (policies, Secrets), and the request
// path: the Internet to the Ingress to the web services, the services to PostgreSQL, Redis and
// the object store.

import type { RecordedResource } from "../synth";
import type { Dot } from "./diagram";
import { isCloudResource, StackGraph } from "./graph";

type Inputs = Record<string, unknown>;
const obj = (value: unknown): Inputs => (typeof value === "object" && value !== null ? (value as Inputs) : {});
const str = (value: unknown): string => (value === undefined || value === null ? "" : String(value));

const DATABASE = /^kubernetes:postgresql\.cnpg\.io\/v1:Cluster$/;
const POOLER = /^kubernetes:postgresql\.cnpg\.io\/v1:Pooler$/;
const CACHE = /^kubernetes:redis\.redis\.opstreelabs\.in\/[^:]+:(Redis|RedisReplication|RedisCluster)$/;
const OBJECT_STORE_CHARTS = ["seaweedfs", "minio"];

/** The namespace an object lives in, or where a Helm release installs its chart. */
export function namespaceOf(r: RecordedResource): string {
    if (r.type === "kubernetes:core/v1:Namespace") {
        return str(obj(r.inputs.metadata).name);
    }
    if (r.type === "kubernetes:helm.sh/v3:Release") {
        return str(r.inputs.namespace);
    }
    return str(obj(r.inputs.metadata).namespace);
}

function kind(r: RecordedResource): string {
    return r.type.slice(r.type.lastIndexOf(":") + 1);
}

function label(r: RecordedResource): string {
    const i = r.inputs;
    const spec = obj(i.spec);
    const name = str(obj(i.metadata).name) || r.name;
    switch (kind(r)) {
        case "Deployment": {
            const container = obj(((obj(obj(spec.template).spec).containers as unknown[]) ?? [])[0]);
            return `${name}\nDeployment x ${str(spec.replicas)}\n${str(container.image)}`;
        }
        case "Release":
            return `${str(i.name)}\n${str(i.chart)} ${str(i.version)}`;
        case "Ingress":
            return `${name}\nIngress (${str(spec.ingressClassName)})`;
        case "Cluster":
            return `${name}\nCloudNativePG x ${str(spec.instances)}, ${str(obj(spec.storage).size)}`;
        case "Pooler":
            return `${name}\nPgBouncer x ${str(spec.instances)}, ${str(obj(spec.pgbouncer).poolMode)}`;
        case "StatefulSet": {
            const claim = obj(((spec.volumeClaimTemplates as unknown[]) ?? [])[0]);
            return `${name}\nStatefulSet x ${str(spec.replicas)}, ${str(obj(obj(obj(claim.spec).resources).requests).storage)}`;
        }
        default:
            return `${name}\n${kind(r)}`;
    }
}

const SHOWN = new Set(["Deployment", "StatefulSet", "Ingress", "Release", "Cluster", "Pooler", "Redis", "RedisReplication", "RedisCluster", "RedisSentinel", "PrometheusRule"]);

export function kubernetesBody(dot: Dot, graph: StackGraph): void {
    const objects = graph.resources.filter((r) => isCloudResource(r) && r.type.startsWith("kubernetes:"));
    const namespaces = [...new Set(objects.map(namespaceOf).filter(Boolean))].sort();
    const ingresses = objects.filter((r) => kind(r) === "Ingress");
    const deployments = objects.filter((r) => kind(r) === "Deployment" && graph.componentOf(r) === "AppFleet");
    const databases = objects.filter((r) => DATABASE.test(r.type));
    const poolers = objects.filter((r) => POOLER.test(r.type));
    const caches = objects.filter((r) => CACHE.test(r.type));
    const stores = objects.filter((r) => kind(r) === "Release" && OBJECT_STORE_CHARTS.includes(str(r.inputs.chart)));

    dot.node("internet", "Internet", { shape: "ellipse", fillcolor: "#f9fafb" });
    dot.cluster("cluster", "existing cluster", () => {
        namespaces.forEach((namespace, index) =>
            dot.cluster(`ns_${index}`, `namespace ${namespace}`, () => {
                const inside = objects.filter((r) => namespaceOf(r) === namespace && r.type !== "kubernetes:core/v1:Namespace");
                for (const r of inside.filter((o) => SHOWN.has(kind(o)))) {
                    const data = DATABASE.test(r.type) || CACHE.test(r.type) || stores.includes(r);
                    dot.node(r.urn, label(r), { fillcolor: data ? "#fef3c7" : kind(r) === "Ingress" ? "#dbeafe" : kind(r) === "Deployment" ? "#dcfce7" : "#ffffff", ...(data ? { shape: "cylinder", style: "filled" } : {}) });
                }
                const counts = new Map<string, number>();
                inside.filter((o) => !SHOWN.has(kind(o))).forEach((o) => counts.set(kind(o), (counts.get(kind(o)) ?? 0) + 1));
                if (counts.size) {
                    dot.node(`plumbing_${namespace}`, [...counts.entries()].map(([k, n]) => `${n} ${k}`).join("\n"), { shape: "note", fontsize: "8" });
                }
            }),
        );
    });
    for (const ingress of ingresses) {
        dot.edge("internet", ingress.urn, { label: "HTTPS" });
        const backends = JSON.stringify(ingress.inputs.spec ?? {});
        deployments.filter((d) => backends.includes(`"name":"${str(obj(d.inputs.metadata).name)}"`)).forEach((d) => dot.edge(ingress.urn, d.urn, { label: "HTTP" }));
    }
    poolers.forEach((pooler) => databases.forEach((db) => dot.edge(pooler.urn, db.urn, { label: "pooled (TLS)" })));
    // Traces: every service to the shared collector, the collector to the trace store.
    const collector = objects.find((r) => kind(r) === "Release" && str(r.inputs.chart) === "opentelemetry-collector");
    const traceStores = objects.filter((r) => kind(r) === "StatefulSet" && graph.componentOf(r) === "Telemetry");
    if (collector) {
        deployments.forEach((d) => dot.edge(d.urn, collector.urn, { label: "OTLP", style: "dashed" }));
        traceStores.forEach((store) => dot.edge(collector.urn, store.urn, { label: "OTLP", style: "dashed" }));
    }
    for (const deployment of deployments) {
        // With a Pooler the services reach the database through it.
        (poolers.length ? poolers : databases).forEach((target) => dot.edge(deployment.urn, target.urn, { label: "SQL (TLS)" }));
        caches.forEach((cache) => dot.edge(deployment.urn, cache.urn, { label: "Redis (TLS)" }));
        stores.forEach((store) => dot.edge(deployment.urn, store.urn, { label: "S3 (TLS)" }));
    }
}
