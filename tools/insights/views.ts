// What each cloud's resource types are in the platform's picture, and the few facts a box
// shows (zone of a subnet, size of a fleet...). The diagram only speaks roles, so GCP, Azure
// and Kubernetes add a view here and get the same picture with their own names.

import type { RecordedResource } from "../synth";
import { StackGraph } from "./graph";
import { AZURE_VIEW } from "./viewAzure";
import { GCP_VIEW } from "./viewGcp";

export type Role =
    | "network" | "subnet" | "nat" | "loadBalancer" | "waf" | "certificate" | "dns" | "fleet"
    | "database" | "cache" | "bucket" | "queue" | "alarm" | "topic" | "dashboard" | "budget" | "healthCheck"
    // The function that creates the application's database role and rotates its credentials, and the secrets it keeps.
    | "credentials" | "secret"
    // A managed Kubernetes control plane; its node pools are the "fleet".
    | "cluster"
    // A connection pool in front of the primary database (RDS Proxy).
    | "pool"
    // Managed Prometheus (the collectors' metrics) and the tracing service (their spans).
    | "metrics" | "tracing"
    // The search cluster: a managed domain, or the self-run OpenSearch nodes (component Search).
    | "search"
    // The site-to-site VPN gateway, and the job that dumps the database to the backups bucket.
    | "vpnGateway" | "backupJob";

export interface SubnetFacts {
    zone: string;
    /** "public", "app" or "data". */
    tier: string;
    cidr: string;
}

export interface CloudView {
    roles: Record<string, Role>;
    subnet(resource: RecordedResource): SubnetFacts;
    /** One line under the name: size, count, mode. */
    detail(role: Role, resource: RecordedResource, graph: StackGraph): string;
    /** The primary a read replica copies, if this database is one. */
    replicaOf(resource: RecordedResource, graph: StackGraph): RecordedResource | undefined;
    /** The load-balancer port a fleet receives traffic on, if it is behind the load balancer. */
    servedPort(fleet: RecordedResource, graph: StackGraph): string | undefined;
    /** Buckets and queues a fleet's instances are configured to use. */
    uses(fleet: RecordedResource, graph: StackGraph): RecordedResource[];
}

const str = (value: unknown): string => (value === undefined || value === null ? "" : String(value));

const AWS_TYPES = {
    template: "aws:ec2/launchTemplate:LaunchTemplate",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    rds: "aws:rds/instance:Instance",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    backupsReplication: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
};

function awsDetail(role: Role, r: RecordedResource, graph: StackGraph): string {
    const i = r.inputs;
    switch (role) {
        case "network":
            return str(i.cidrBlock);
        case "cluster": {
            const vpc = (i.vpcConfig as { endpointPublicAccess?: boolean } | undefined) ?? {};
            return `EKS ${str(i.version)}, ${vpc.endpointPublicAccess ? "public endpoint (admin ranges)" : "private endpoint"}`;
        }
        case "fleet": {
            if (r.type === AWS_TYPES.nodeGroup) {
                const scaling = (i.scalingConfig as { minSize?: number; maxSize?: number } | undefined) ?? {};
                return `${str(scaling.minSize)}-${str(scaling.maxSize)} nodes x ${str((i.instanceTypes as unknown[] | undefined)?.[0]) || "?"}`;
            }
            const template = graph.dependenciesOfType(r, AWS_TYPES.template)[0];
            const spot = (i.mixedInstancesPolicy as { instancesDistribution?: { onDemandBaseCapacity?: number } } | undefined)?.instancesDistribution;
            const capacity = spot ? `, ${str(spot.onDemandBaseCapacity ?? 0)} on-demand then spot` : ", on-demand";
            return `${str(i.minSize)}-${str(i.maxSize)} x ${str(template?.inputs.instanceType) || "?"}${capacity}`;
        }
        case "database": {
            if (r.type === AWS_TYPES.backupsReplication) {
                return `automated backups replicated (${str(i.retentionPeriod)} days, DR region)`;
            }
            const storage = i.allocatedStorage ? `, ${str(i.allocatedStorage)} GB ${str(i.storageType)}` : "";
            const mode = i.replicateSourceDb ? "read replica" : i.multiAz ? "Multi-AZ" : "single-AZ";
            return `${str(i.instanceClass)} ${mode}${storage}`;
        }
        case "cache": {
            const sharded = i.clusterMode === "enabled";
            const nodes = sharded ? Number(i.numNodeGroups) * (1 + Number(i.replicasPerNodeGroup ?? 0)) : Number(i.numCacheClusters ?? 1);
            const shape = sharded ? `${str(i.numNodeGroups)} shards` : "1 shard";
            return `${nodes} x ${str(i.nodeType)} (${shape}${i.multiAzEnabled ? ", Multi-AZ" : ""})`;
        }
        case "loadBalancer":
            return `${str(i.loadBalancerType) || "application"}, ${i.internal ? "internal" : "internet-facing"}`;
        case "pool":
            return `${str(i.engineFamily)} pool${i.requireTls ? ", TLS required" : ""}`;
        case "search": {
            const cluster = (i.clusterConfig as Record<string, unknown> | undefined) ?? {};
            const managers = cluster.dedicatedMasterEnabled ? ` + ${str(cluster.dedicatedMasterCount)} x ${str(cluster.dedicatedMasterType)} managers` : "";
            return `${str(i.engineVersion)}: ${str(cluster.instanceCount)} x ${str(cluster.instanceType)}${managers}`;
        }
        case "waf":
            return `${((i.rules as unknown[]) ?? []).length} rules`;
        case "budget":
            return `${str(i.limitAmount)} ${str(i.limitUnit)} / ${str(i.timeUnit).toLowerCase()}`;
        case "metrics": {
            const config = graph.ofType("aws:amp/workspaceConfiguration:WorkspaceConfiguration")[0];
            return config ? `Managed Prometheus, ${str(config.inputs.retentionPeriodInDays)}-day retention` : "Managed Prometheus";
        }
        case "tracing":
            return `X-Ray: ${str(i.filterExpression)}`;
        case "nat":
        case "bucket":
        case "queue":
            return str(i.name ?? i.bucket);
        default:
            return "";
    }
}

export const AWS_VIEW: CloudView = {
    roles: {
        "aws:ec2/vpc:Vpc": "network",
        "aws:ec2/subnet:Subnet": "subnet",
        "aws:ec2/natGateway:NatGateway": "nat",
        "aws:lb/loadBalancer:LoadBalancer": "loadBalancer",
        "aws:wafv2/webAcl:WebAcl": "waf",
        "aws:acm/certificate:Certificate": "certificate",
        "aws:route53/record:Record": "dns",
        "aws:autoscaling/group:Group": "fleet",
        "aws:eks/cluster:Cluster": "cluster",
        "aws:eks/nodeGroup:NodeGroup": "fleet",
        "aws:rds/instance:Instance": "database",
        "aws:rds/proxy:Proxy": "pool",
        // The DR region's copy of the database: drawn beside it.
        "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": "database",
        "aws:elasticache/replicationGroup:ReplicationGroup": "cache",
        "aws:opensearch/domain:Domain": "search",
        "aws:s3/bucket:Bucket": "bucket",
        "aws:sqs/queue:Queue": "queue",
        "aws:cloudwatch/metricAlarm:MetricAlarm": "alarm",
        "aws:sns/topic:Topic": "topic",
        "aws:cloudwatch/dashboard:Dashboard": "dashboard",
        "aws:grafana/workspace:Workspace": "dashboard",
        "aws:amp/workspace:Workspace": "metrics",
        "aws:xray/group:Group": "tracing",
        "aws:budgets/budget:Budget": "budget",
        "aws:route53/healthCheck:HealthCheck": "healthCheck",
        "aws:lambda/function:Function": "credentials",
        "aws:secretsmanager/secret:Secret": "secret",
        "aws:ec2/vpnGateway:VpnGateway": "vpnGateway",
        "aws:ecs/taskDefinition:TaskDefinition": "backupJob",
    },
    subnet: (r) => {
        const tags = (r.inputs.tags as Record<string, string> | undefined) ?? {};
        // The zone is an invoke result ("us-east-1a"); the tier is the adapter's own tag.
        const tier = tags["subnet-tier"] ?? (/(public|app|data)/.exec(r.name)?.[1] ?? "subnet");
        return { zone: str(r.inputs.availabilityZone) || "zone ?", tier, cidr: str(r.inputs.cidrBlock) };
    },
    detail: awsDetail,
    replicaOf: (r, graph) => (r.inputs.replicateSourceDb ? graph.dependenciesOfType(r, AWS_TYPES.rds)[0] : undefined),
    servedPort: (fleet, graph) => {
        if (fleet.type === AWS_TYPES.nodeGroup) {
            // The pods are the targets (type ip): the load balancer reaches them on the nodes.
            const ports = graph.ofType(AWS_TYPES.targetGroup).filter((group) => group.inputs.targetType === "ip").map((group) => str(group.inputs.port));
            return ports.length ? `HTTP :${[...new Set(ports)].join(", :")} (pods)` : undefined;
        }
        const group = graph.dependenciesOfType(fleet, AWS_TYPES.targetGroup)[0];
        return group ? `HTTP :${str(group.inputs.port)}` : undefined;
    },
    uses: (fleet, graph) => {
        const template = graph.dependenciesOfType(fleet, AWS_TYPES.template)[0];
        const used = new Set(["aws:sqs/queue:Queue", "aws:s3/bucket:Bucket"]);
        return template ? graph.dependencies(template).filter((dep) => used.has(dep.type)) : [];
    },
};

export const VIEWS: Record<string, CloudView> = { aws: AWS_VIEW, gcp: GCP_VIEW, azure: AZURE_VIEW };
