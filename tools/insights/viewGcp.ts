// The GCP resource types in the platform's picture (see views.ts). Subnetworks are regional on
// GCP, so the picture has one "regional" box holding the public, app and data subnetworks.

import type { RecordedResource } from "../synth";
import { StackGraph } from "./graph";
import type { CloudView, Role } from "./views";

const T = {
    template: "gcp:compute/instanceTemplate:InstanceTemplate",
    autoscaler: "gcp:compute/regionAutoscaler:RegionAutoscaler",
    backendService: "gcp:compute/backendService:BackendService",
    sql: "gcp:sql/databaseInstance:DatabaseInstance",
    nodePool: "gcp:container/nodePool:NodePool",
};

type Inputs = Record<string, unknown>;
const str = (value: unknown): string => (value === undefined || value === null ? "" : String(value));
const obj = (value: unknown): Inputs => (typeof value === "object" && value !== null ? (value as Inputs) : {});
const lastSegment = (value: string): string => value.slice(value.lastIndexOf("/") + 1);

function gcpDetail(role: Role, r: RecordedResource, graph: StackGraph): string {
    const i = r.inputs;
    switch (role) {
        case "network":
            return `custom-mode VPC ${str(i.name)}`;
        case "fleet": {
            if (r.type === T.nodePool) {
                const autoscaling = obj(i.autoscaling);
                return `GKE nodes ${str(autoscaling.totalMinNodeCount)}-${str(autoscaling.totalMaxNodeCount)} x ${str(obj(i.nodeConfig).machineType) || "?"} in ${((i.nodeLocations as unknown[]) ?? []).length} zones`;
            }
            const template = graph.dependenciesOfType(r, T.template)[0];
            const policy = obj(graph.dependents(r).find((d) => d.type === T.autoscaler)?.inputs.autoscalingPolicy);
            const spot = str(obj(template?.inputs.scheduling).provisioningModel) === "SPOT";
            return `${str(policy.minReplicas)}-${str(policy.maxReplicas)} x ${lastSegment(str(template?.inputs.machineType)) || "?"}, ${spot ? "spot" : "standard"}`;
        }
        case "database": {
            const settings = obj(i.settings);
            const mode = i.masterInstanceName ? "read replica" : str(settings.availabilityType) || "ZONAL";
            const pooled = ((settings.connectionPoolConfigs as unknown[] | undefined) ?? []).some((config) => obj(config).connectionPoolingEnabled === true);
            return `${str(settings.tier)} ${mode}, ${str(settings.diskSize)} GB ${str(settings.diskType)}${pooled ? ", managed pooling :6432" : ""}`;
        }
        case "cache":
            return r.type === "gcp:redis/cluster:Cluster"
                ? `${str(i.shardCount)} shards x ${1 + Number(i.replicaCount ?? 0)} ${str(i.nodeType)}`
                : `${str(i.tier)} ${str(i.memorySizeGb)} GB, ${str(i.replicaCount ?? 0)} replicas`;
        case "loadBalancer":
            return "global external Application Load Balancer";
        case "waf":
            return `${((i.rules as unknown[]) ?? []).length} rules`;
        case "budget":
            return `${str(obj(obj(i.amount).specifiedAmount).units)} ${str(obj(obj(i.amount).specifiedAmount).currencyCode) || "USD"} / month`;
        case "dashboard": {
            // The telemetry dashboards are PromQL over Managed Service for Prometheus; the observability one mixes metrics.
            const body = ((): Inputs => {
                try {
                    return obj(JSON.parse(str(i.dashboardJson)));
                } catch {
                    return {};
                }
            })();
            return obj(body.labels).dashboard ? `${str(body.displayName)} (PromQL)` : str(body.displayName);
        }
        case "nat":
        case "bucket":
        case "queue":
            return str(i.name);
        default:
            return "";
    }
}

export const GCP_VIEW: CloudView = {
    roles: {
        "gcp:compute/network:Network": "network",
        "gcp:compute/subnetwork:Subnetwork": "subnet",
        "gcp:compute/routerNat:RouterNat": "nat",
        "gcp:compute/targetHttpsProxy:TargetHttpsProxy": "loadBalancer",
        "gcp:compute/securityPolicy:SecurityPolicy": "waf",
        "gcp:compute/managedSslCertificate:ManagedSslCertificate": "certificate",
        "gcp:compute/sSLCertificate:SSLCertificate": "certificate",
        "gcp:dns/recordSet:RecordSet": "dns",
        "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": "fleet",
        "gcp:compute/instance:Instance": "fleet",
        // runtime kubernetes: the cluster's nodes are the app fleet; its workloads run on them.
        "gcp:container/nodePool:NodePool": "fleet",
        "gcp:sql/databaseInstance:DatabaseInstance": "database",
        "gcp:redis/instance:Instance": "cache",
        "gcp:redis/cluster:Cluster": "cache",
        "gcp:storage/bucket:Bucket": "bucket",
        "gcp:pubsub/topic:Topic": "queue",
        "gcp:monitoring/alertPolicy:AlertPolicy": "alarm",
        "gcp:monitoring/notificationChannel:NotificationChannel": "topic",
        "gcp:monitoring/dashboard:Dashboard": "dashboard",
        "gcp:billing/budget:Budget": "budget",
        "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": "healthCheck",
        "gcp:cloudrunv2/job:Job": "credentials",
        "gcp:secretmanager/secret:Secret": "secret",
        "gcp:compute/haVpnGateway:HaVpnGateway": "vpnGateway",
        "gcp:workflows/workflow:Workflow": "backupJob",
    },
    subnet: (r) => ({ zone: `regional ${str(r.inputs.region)}`.trim(), tier: /(public|app|data)/.exec(r.name)?.[1] ?? "subnet", cidr: str(r.inputs.ipCidrRange) }),
    detail: gcpDetail,
    replicaOf: (r, graph) => (r.inputs.masterInstanceName ? graph.dependenciesOfType(r, T.sql)[0] : undefined),
    servedPort: (fleet, graph) => {
        const served = graph.dependents(fleet).some((d) => d.type === T.backendService);
        const port = ((fleet.inputs.namedPorts as { port?: unknown }[] | undefined) ?? [])[0]?.port;
        return served ? `HTTP :${str(port)}` : undefined;
    },
    uses: (fleet, graph) => {
        const template = graph.dependenciesOfType(fleet, T.template)[0];
        const used = new Set(["gcp:pubsub/topic:Topic", "gcp:storage/bucket:Bucket"]);
        return template ? graph.dependencies(template).filter((dep) => used.has(dep.type)) : [];
    },
};
