// How each GCP resource type the program creates is billed. Sizes come from the recorded
// inputs (a managed instance group's machine type from its instance template, its size from
// its autoscaler); unit prices from tools/prices/gcp.json; volumes that depend on traffic from
// the stated usage assumptions.

import type { RecordedResource } from "../synth";
import type { CostLine, Pricer, Pricing, PricingContext } from "./cost";
import { fixed, hourly, monthsKept, num, per, str } from "./costLines";
import { DUMP_ASSUMPTION, dumpStorageGb } from "./dumpSize";
import { money } from "./format";
import { projectService, telemetryDashboard } from "./costGcpTelemetry";

const T = {
    group: "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
    template: "gcp:compute/instanceTemplate:InstanceTemplate",
    autoscaler: "gcp:compute/regionAutoscaler:RegionAutoscaler",
    instance: "gcp:compute/instance:Instance",
    sql: "gcp:sql/databaseInstance:DatabaseInstance",
    nat: "gcp:compute/routerNat:RouterNat",
    forwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    armor: "gcp:compute/securityPolicy:SecurityPolicy",
    logBucket: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    bucket: "gcp:storage/bucket:Bucket",
    topic: "gcp:pubsub/topic:Topic",
    nodePool: "gcp:container/nodePool:NodePool",
    address: "gcp:compute/globalAddress:GlobalAddress",
};

/** Types GCP does not bill for by themselves, and why: never a silent zero. */
export const GCP_FREE: Record<string, string> = {
    "gcp:storage/transferJob:TransferJob": "cross-bucket replication jobs carry no fee of their own; the replica bucket's storage is priced (inter-region transfer not modelled)",
    "gcp:compute/haVpnGateway:HaVpnGateway": "HA VPN gateways have no fee of their own; each tunnel is priced",
    "gcp:compute/externalVpnGateway:ExternalVpnGateway": "a description of the peer: free",
    "gcp:compute/routerInterface:RouterInterface": "Cloud Router is free when it serves Cloud VPN",
    "gcp:compute/routerPeer:RouterPeer": "Cloud Router is free when it serves Cloud VPN",
    "gcp:workflows/workflow:Workflow": "one run a day of a few steps and one connector call: inside Workflows' monthly free 5,000 internal steps and 2,000 external calls",
    "gcp:projects/service:Service": "enabling an API is free",
    "gcp:projects/serviceIdentity:ServiceIdentity": "service agents are free",
    "gcp:projects/iAMMember:IAMMember": "IAM is free",
    "gcp:projects/iAMCustomRole:IAMCustomRole": "IAM is free",
    "gcp:serviceaccount/account:Account": "IAM is free",
    "gcp:serviceaccount/iAMMember:IAMMember": "IAM is free",
    "gcp:compute/network:Network": "VPC networks are free",
    "gcp:compute/subnetwork:Subnetwork": "subnetworks are free (flow logs are billed as Cloud Logging ingestion on the log bucket)",
    "gcp:compute/router:Router": "Cloud Router is free when it only serves Cloud NAT",
    "gcp:servicenetworking/connection:Connection": "private services access peering is free (traffic within the zone is free, cross-zone traffic is not modelled)",
    "gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy": "service connection policies are free; the Private Service Connect endpoints they create are included in the cluster's node price",
    "gcp:compute/firewall:Firewall": "firewall rules are free (their logs are billed as Cloud Logging ingestion)",
    "gcp:kms/keyRing:KeyRing": "key rings are free; key versions are priced",
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": "IAM is free",
    "gcp:storage/bucketIAMMember:BucketIAMMember": "IAM is free",
    "gcp:storage/bucketObject:BucketObject": "the credentials job's code, a few hundred KB: stored and read for well under a cent a month",
    "gcp:sql/database:Database": "a database inside the instance is free; the instance is priced",
    "gcp:sql/user:User": "database users are free",
    "gcp:secretmanager/secretVersion:SecretVersion": "versions are priced on their secret (one active version each)",
    "gcp:secretmanager/secretIamMember:SecretIamMember": "IAM is free",
    "gcp:compute/instanceTemplate:InstanceTemplate": "instance templates are free; their instances are priced on the managed instance group",
    "gcp:compute/regionAutoscaler:RegionAutoscaler": "autoscaling is free",
    "gcp:compute/healthCheck:HealthCheck": "health checks of load-balanced and autohealed groups are free",
    "gcp:compute/backendService:BackendService": "included in the forwarding rule's hours and data processing",
    "gcp:compute/uRLMap:URLMap": "included in the forwarding rule's hours and data processing",
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": "included in the forwarding rule's hours",
    "gcp:compute/targetHttpProxy:TargetHttpProxy": "included in the forwarding rule's hours",
    "gcp:compute/sSLPolicy:SSLPolicy": "SSL policies are free",
    "gcp:compute/managedSslCertificate:ManagedSslCertificate": "Google-managed certificates are free",
    "gcp:compute/sSLCertificate:SSLCertificate": "self-managed certificates are free",
    "gcp:dns/recordSet:RecordSet": "records are free (queries, $0.40 per million, not modelled)",
    "gcp:compute/instanceGroup:InstanceGroup": "unmanaged instance groups are free; their instances are priced",
    "gcp:compute/regionBackendService:RegionBackendService": "included in the forwarding rule's hours",
    "gcp:compute/regionHealthCheck:RegionHealthCheck": "health checks of load-balanced backends are free",
    "gcp:pubsub/subscription:Subscription": "delivery throughput is priced on the topic",
    "gcp:pubsub/topicIAMMember:TopicIAMMember": "IAM is free",
    "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember": "IAM is free",
    "gcp:logging/projectSink:ProjectSink": "routing logs is free; ingestion is priced on the log bucket",
    "gcp:monitoring/notificationChannel:NotificationChannel": "notification channels are free",
    "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": "the first million uptime-check executions a month per project are free; one check every minute from six locations is about 260,000",
    "gcp:monitoring/dashboard:Dashboard": "dashboards are free",
    "gcp:billing/budget:Budget": "budgets are free",
    "gcp:cloudrunv2/job:Job": "runs once per deploy and once a month for rotation: seconds of one vCPU, inside Cloud Run's monthly free allowance (180,000 vCPU-seconds)",
    "gcp:cloudrunv2/jobIamMember:JobIamMember": "IAM is free",
    "gcp:cloudscheduler/job:Job": "three jobs per billing account are free; the platform adds one",
    "random:index/randomPassword:RandomPassword": "generated locally by the random provider",
    "random:index/randomId:RandomId": "generated locally by the random provider",
    "tls:index/privateKey:PrivateKey": "generated locally by the tls provider",
    "tls:index/selfSignedCert:SelfSignedCert": "generated locally by the tls provider",
    "tls:index/certRequest:CertRequest": "generated locally by the tls provider",
    "tls:index/locallySignedCert:LocallySignedCert": "generated locally by the tls provider",
};

type Inputs = Record<string, unknown>;
const obj = (value: unknown): Inputs => (typeof value === "object" && value !== null ? (value as Inputs) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** "projects/p/zones/z/machineTypes/e2-standard-4" or "e2-standard-4" -> "e2-standard-4". */
const lastSegment = (value: string): string => value.slice(value.lastIndexOf("/") + 1);

/** Boot and data disks of a template or instance: `[GB, type]` each. */
function disks(template: Inputs): { gb: number; type: string }[] {
    const templateDisks = list(template.disks).map((disk) => ({ gb: num(obj(disk).diskSizeGb, 10), type: lastSegment(str(obj(disk).diskType)) || "pd-standard" }));
    const boot = obj(template.bootDisk);
    const bootParams = obj(boot.initializeParams);
    const instanceDisks = Object.keys(boot).length ? [{ gb: num(bootParams.size, 10), type: lastSegment(str(bootParams.type)) || "pd-standard" }] : [];
    return [...templateDisks, ...instanceDisks];
}

function vmLines(ctx: PricingContext, count: number, machine: Inputs): CostLine[] | string {
    const machineType = lastSegment(str(machine.machineType));
    if (!ctx.prices.has(`gce:${machineType}`)) {
        return `machine type ${machineType || "(none)"} is not in the price book`;
    }
    const lines = [hourly(ctx, count, machineType, `gce:${machineType}`)];
    for (const disk of disks(machine)) {
        lines.push(per(ctx, count * disk.gb, `GB ${disk.type} (${disk.gb} GB each)`, `pd:${disk.type}`, "GB-month"));
    }
    return lines;
}

export const ZERO_MINIMUM = "no instance at its minimum (a spot group above its on-demand base); what it saves when it scales is in the cost levers";

/** The group's size when idle: its autoscaler's minimum, or its fixed target size. */
function groupSize(group: RecordedResource, ctx: PricingContext): { min: number; max: number } {
    const autoscaler = ctx.graph.dependents(group).find((r) => r.type === T.autoscaler);
    const policy = obj(autoscaler?.inputs.autoscalingPolicy);
    // A scheduled group is priced at its size while it runs; the hours it is off are a cost lever.
    const scheduled = Math.max(0, ...((policy.scalingSchedules as { minRequiredReplicas?: number }[] | undefined) ?? []).map((schedule) => num(schedule.minRequiredReplicas)));
    const min = autoscaler ? Math.max(num(policy.minReplicas), scheduled) : num(group.inputs.targetSize);
    return { min, max: autoscaler ? num(policy.maxReplicas, min) : min };
}

function instanceGroup(group: RecordedResource, ctx: PricingContext): Pricing {
    const template = ctx.graph.dependenciesOfType(group, T.template)[0];
    if (!template) {
        return { unpriced: "no instance template among its dependencies" };
    }
    const { min, max } = groupSize(group, ctx);
    if (min === 0 && max > 0) {
        return { free: ZERO_MINIMUM };
    }
    const lines = vmLines(ctx, min, template.inputs);
    if (typeof lines === "string") {
        return { unpriced: lines };
    }
    const atMin = lines.reduce((sum, line) => sum + line.monthly, 0);
    const atMax = min > 0 ? (atMin / min) * max : 0;
    return { lines, note: `priced at the autoscaler's minimum ${min}; at its maximum ${max}: ${money(atMax)}` };
}

function instance(vm: RecordedResource, ctx: PricingContext): Pricing {
    const lines = vmLines(ctx, 1, vm.inputs);
    return typeof lines === "string" ? { unpriced: lines } : { lines };
}

/** vCPUs and GB of a Cloud SQL tier name. */
function sqlShape(tier: string): { vcpus: number; memoryGb: number } | undefined {
    const custom = /^db-custom-(\d+)-(\d+)$/.exec(tier);
    if (custom) {
        return { vcpus: Number(custom[1]), memoryGb: Number(custom[2]) / 1024 };
    }
    const perfOptimized = /^db-perf-optimized-N-(\d+)$/.exec(tier);
    if (perfOptimized) {
        return { vcpus: Number(perfOptimized[1]), memoryGb: Number(perfOptimized[1]) * 8 };
    }
    const n1 = /^db-n1-(standard|highmem)-(\d+)$/.exec(tier);
    if (n1) {
        return { vcpus: Number(n1[2]), memoryGb: Number(n1[2]) * (n1[1] === "standard" ? 3.75 : 6.5) };
    }
    return undefined;
}

function sqlInstance(db: RecordedResource, ctx: PricingContext): Pricing {
    const settings = obj(db.inputs.settings);
    const tier = str(settings.tier);
    const shape = sqlShape(tier);
    if (!shape) {
        return { unpriced: `Cloud SQL tier ${tier || "(none)"} is not in the price book (shared-core tiers are not priced)` };
    }
    const edition = str(settings.edition) === "ENTERPRISE_PLUS" || tier.startsWith("db-perf-optimized") ? "cloudsql-enterprise-plus" : "cloudsql-enterprise";
    const regional = str(settings.availabilityType) === "REGIONAL";
    const copies = regional ? 2 : 1;
    const ha = regional ? " (REGIONAL: primary + standby)" : "";
    const diskType = str(settings.diskType) === "PD_HDD" ? "hdd" : "ssd";
    const diskGb = num(settings.diskSize, 10);
    const lines = [
        hourly(ctx, copies * shape.vcpus, `vCPU of ${tier}${ha}`, `${edition}:vcpu`),
        hourly(ctx, copies * shape.memoryGb, `GB memory of ${tier}`, `${edition}:memory`),
        per(ctx, copies * diskGb, `GB ${diskType.toUpperCase()}${regional ? ` (${diskGb} GB x 2, REGIONAL)` : ""}`, `cloudsql:${diskType}`, "GB-month"),
    ];
    const role = db.inputs.masterInstanceName ? "read replica; " : "";
    return { lines, note: `${role}backups up to the disk size are not modelled; the disk grows with auto-resize` };
}

/** Memorystore capacity tiers: M1 1-4 GB, M2 5-10, M3 11-35, M4 36-100. */
function capacityTier(gb: number): string {
    return gb <= 4 ? "m1" : gb <= 10 ? "m2" : gb <= 35 ? "m3" : "m4";
}

function redisInstance(cache: RecordedResource, ctx: PricingContext): Pricing {
    const gb = num(cache.inputs.memorySizeGb);
    const standard = str(cache.inputs.tier) === "STANDARD_HA";
    const band = capacityTier(gb);
    const key = `memorystore-${standard ? "standard" : "basic"}:${band}`;
    const lines = [hourly(ctx, gb, `GB ${standard ? "Standard (primary + replica)" : "Basic"} ${band.toUpperCase()}`, key)];
    const extraReplicas = standard ? Math.max(0, num(cache.inputs.replicaCount, 1) - 1) : 0;
    if (extraReplicas > 0) {
        const share = ctx.prices.get("memorystore-standard:extra-replica");
        const line = hourly(ctx, gb * extraReplicas * share, `GB of ${extraReplicas} further read replica(s) at ${share} of the pair's price`, key);
        lines.push(line);
    }
    return { lines };
}

function redisCluster(cluster: RecordedResource, ctx: PricingContext): Pricing {
    // The API's node types are enum names (REDIS_HIGHMEM_MEDIUM); the price book keys the product names.
    const nodeType = (str(cluster.inputs.nodeType) || "REDIS_HIGHMEM_MEDIUM").toLowerCase().replace(/_/g, "-");
    const shards = num(cluster.inputs.shardCount, 1);
    const perShard = 1 + num(cluster.inputs.replicaCount);
    return { lines: [hourly(ctx, shards * perShard, `${nodeType} node`, `memorystore-cluster:${nodeType}`)], note: `${shards} shards x ${perShard} nodes` };
}

/** A node pool's size when idle: its autoscaler's total minimum (or per-zone minimum times its zones). */
function nodePoolSize(pool: RecordedResource): { min: number; max: number } {
    const autoscaling = obj(pool.inputs.autoscaling);
    const zones = Math.max(1, list(pool.inputs.nodeLocations).length);
    const min = autoscaling.totalMinNodeCount !== undefined ? num(autoscaling.totalMinNodeCount) : num(autoscaling.minNodeCount, num(pool.inputs.nodeCount, 1)) * zones;
    const max = autoscaling.totalMaxNodeCount !== undefined ? num(autoscaling.totalMaxNodeCount) : num(autoscaling.maxNodeCount, min / zones) * zones;
    return { min, max };
}

/** GKE Standard nodes are Compute Engine instances with their boot disks, billed as such. */
function nodePool(pool: RecordedResource, ctx: PricingContext): Pricing {
    const config = obj(pool.inputs.nodeConfig);
    const { min, max } = nodePoolSize(pool);
    const lines = vmLines(ctx, min, { machineType: config.machineType, disks: [{ diskSizeGb: num(config.diskSizeGb, 100), diskType: str(config.diskType) || "pd-balanced" }] });
    if (typeof lines === "string") {
        return { unpriced: lines };
    }
    const atMin = lines.reduce((sum, line) => sum + line.monthly, 0);
    return { lines, note: `priced at the autoscaler's minimum ${min} nodes; at its maximum ${max}: ${money(min > 0 ? (atMin / min) * max : 0)}` };
}

/**
 * A reserved external address no forwarding rule of the program uses is the GKE Ingress's: GKE
 * creates its HTTPS and HTTP forwarding rules, priced here as the VM fleet's rules are.
 */
function globalAddress(address: RecordedResource, ctx: PricingContext): Pricing {
    if (str(address.inputs.addressType) !== "EXTERNAL" || ctx.graph.ofType(T.forwardingRule).length > 0) {
        return { free: "a private services access range is free, and an external address in use by a forwarding rule is billed with the rule" };
    }
    return {
        lines: [
            hourly(ctx, 2, "forwarding rule (the Ingress's HTTPS and HTTP)", "lb:forwarding-rule"),
            per(ctx, ctx.usage.internetEgressGb, "GB processed", "lb:data-processed", "GB"),
            per(ctx, ctx.usage.internetEgressGb, "GB to the internet", "egress:internet", "GB"),
        ],
        note: `the GKE Ingress's load balancer, created by GKE on this address; usage.internetEgressGb ${ctx.usage.internetEgressGb}`,
    };
}

/** Cloud NAT bills per VM using it (capped at 32 VMs a gateway) and per GB processed. */
function routerNat(_nat: RecordedResource, ctx: PricingContext): Pricing {
    const vms = ctx.graph.ofType(T.group).reduce((sum, group) => sum + groupSize(group, ctx).min, 0) + ctx.graph.ofType(T.nodePool).reduce((sum, pool) => sum + nodePoolSize(pool).min, 0);
    const share = ctx.usage.natDataGb / ctx.count(T.nat);
    return {
        lines: [hourly(ctx, Math.min(vms, 32), "VM behind Cloud NAT", "nat:vm-hour"), per(ctx, share, "GB processed", "nat:data", "GB")],
        note: `${vms} app VMs at the ${ctx.graph.ofType(T.nodePool).length > 0 ? "node pools'" : "groups'"} minimum; usage.natDataGb ${ctx.usage.natDataGb} GB shared by ${ctx.count(T.nat)} gateway(s)`,
    };
}

/** The HTTPS rule carries the traffic; the HTTP rule only redirects. */
function forwardingRule(rule: RecordedResource, ctx: PricingContext): Pricing {
    const lines = [hourly(ctx, 1, "forwarding rule", "lb:forwarding-rule")];
    if (str(rule.inputs.portRange).startsWith("443")) {
        lines.push(per(ctx, ctx.usage.internetEgressGb, "GB processed", "lb:data-processed", "GB"), per(ctx, ctx.usage.internetEgressGb, "GB to the internet", "egress:internet", "GB"));
        return { lines, note: `usage.internetEgressGb ${ctx.usage.internetEgressGb}` };
    }
    return { lines };
}

function securityPolicy(policy: RecordedResource, ctx: PricingContext): Pricing {
    // The default rule (priority 2147483647) is part of every policy and is not billed as a rule.
    const rules = list(policy.inputs.rules).filter((rule) => num(obj(rule).priority) !== 2147483647).length;
    return {
        lines: [
            per(ctx, 1, "security policy", "armor:policy", "month"),
            per(ctx, rules, "rules", "armor:rule", "rule"),
            per(ctx, ctx.usage.wafRequestsMillions / ctx.count(T.armor), "M requests", "armor:requests", "M"),
        ],
        note: `usage.wafRequestsMillions ${ctx.usage.wafRequestsMillions}`,
    };
}

/** Logging bills ingestion, and retention beyond the 30 days every bucket includes. */
function logBucket(bucket: RecordedResource, ctx: PricingContext): Pricing {
    const share = ctx.usage.logIngestGb / ctx.count(T.logBucket);
    const retentionDays = num(bucket.inputs.retentionDays, 30);
    const extraDays = Math.max(0, retentionDays - 30);
    return {
        lines: [
            per(ctx, share, "GiB ingested", "logging:ingest", "GiB"),
            per(ctx, share * monthsKept(extraDays), `GiB kept beyond 30 days (${retentionDays}-day retention)`, "logging:retention", "GiB-month"),
        ],
        note: `usage.logIngestGb ${ctx.usage.logIngestGb} GB shared by ${ctx.count(T.logBucket)} log bucket(s); the first 50 GiB a month per project are free, not deducted`,
    };
}

function alertPolicy(policy: RecordedResource, ctx: PricingContext): Pricing {
    return { lines: [per(ctx, Math.max(list(policy.inputs.conditions).length, 1), "condition(s)", "monitoring:alert-condition", "condition")] };
}

/**
 * A bucket another bucket logs into holds access logs; the object store's other bucket holds
 * the documents; a bucket elsewhere (the credentials job's code) holds a few files.
 */
function bucket(target: RecordedResource, ctx: PricingContext): Pricing {
    const buckets = ctx.graph.ofType(T.bucket);
    const logTargets = new Set(buckets.map((b) => str(obj(b.inputs.logging).logBucket)).filter(Boolean));
    if (logTargets.has(str(target.inputs.name))) {
        return { lines: [per(ctx, ctx.usage.accessLogStorageGb / logTargets.size, "GB Standard (access logs)", "gcs:standard", "GB-month")], note: `usage.accessLogStorageGb ${ctx.usage.accessLogStorageGb}` };
    }
    const documents = buckets.filter((b) => ctx.graph.componentOf(b) === "ObjectStore" && !logTargets.has(str(b.inputs.name)));
    if (documents.includes(target)) {
        const n = documents.length;
        return {
            lines: [per(ctx, ctx.usage.objectStorageGb / n, "GB Standard", "gcs:standard", "GB-month"), per(ctx, ctx.usage.objectWriteThousands / n, "k Class A operations", "gcs:class-a", "k")],
            note: `usage.objectStorageGb ${ctx.usage.objectStorageGb}, usage.objectWriteThousands ${ctx.usage.objectWriteThousands}`,
        };
    }
    if (ctx.graph.componentOf(target) === "Backups") {
        const rules = (target.inputs.lifecycleRules as { condition?: { age?: number; withState?: string } }[] | undefined) ?? [];
        const retentionDays = num(rules.find((rule) => rule.condition?.withState === "LIVE" && rule.condition.age)?.condition?.age, 30);
        const primary = ctx.graph.ofType(T.sql).find((instance) => !instance.inputs.masterInstanceName);
        const diskGb = num(obj(primary?.inputs.settings).diskSize);
        return { lines: [per(ctx, dumpStorageGb(diskGb, retentionDays), "GB Standard (daily exports)", "gcs:standard", "GB-month")], note: `${DUMP_ASSUMPTION}, kept ${retentionDays} days; the serverless export's temporary instance is not modelled` };
    }
    return { free: "holds the credentials job's code, a few hundred KB: well under a cent a month" };
}

/** Publish and delivery throughput, 1 KB per message at least. */
function topic(_topic: RecordedResource, ctx: PricingContext): Pricing {
    const gib = (ctx.usage.queueRequestsMillions * 1e6 * 1024 * 2) / 1024 ** 3;
    return { lines: [per(ctx, gib, "GiB published and delivered", "pubsub:throughput", "GiB")], note: "usage.queueRequestsMillions messages per queue at the 1 KB minimum" };
}

/** A standalone persistent disk (the search nodes' data disks): its type's GB-month. */
function persistentDisk(disk: RecordedResource, ctx: PricingContext): Pricing {
    const type = lastSegment(str(disk.inputs.type)) || "pd-standard";
    if (!ctx.prices.has(`pd:${type}`)) {
        return { unpriced: `persistent disk type ${type} is not in the price book` };
    }
    const gb = num(disk.inputs.size, 10);
    return { lines: [per(ctx, gb, `GB ${type}`, `pd:${type}`, "GB-month")] };
}

const RULES: Record<string, Pricer> = {
    [T.group]: instanceGroup,
    "gcp:compute/disk:Disk": persistentDisk,
    // An internal passthrough load balancer bills its forwarding rule by the hour, like the external ones.
    "gcp:compute/forwardingRule:ForwardingRule": (_rule, ctx) => ({ lines: [hourly(ctx, 1, "forwarding rule (internal passthrough)", "lb:forwarding-rule")], note: "internal data processing not modelled" }),
    "gcp:compute/address:Address": (address) =>
        str(address.inputs.addressType) === "INTERNAL" ? { free: "static internal addresses are free" } : { unpriced: "external regional addresses are not in the price book" },
    [T.instance]: instance,
    [T.sql]: sqlInstance,
    "gcp:compute/vPNTunnel:VPNTunnel": (_tunnel, ctx) => ({ lines: [hourly(ctx, 1, "HA VPN tunnel", "vpn:tunnel-hour")] }),
    "gcp:redis/instance:Instance": redisInstance,
    "gcp:redis/cluster:Cluster": redisCluster,
    [T.nat]: routerNat,
    [T.forwardingRule]: forwardingRule,
    [T.armor]: securityPolicy,
    [T.logBucket]: logBucket,
    "gcp:monitoring/alertPolicy:AlertPolicy": alertPolicy,
    "gcp:monitoring/dashboard:Dashboard": telemetryDashboard,
    "gcp:projects/service:Service": projectService,
    "gcp:kms/cryptoKey:CryptoKey": (_key, ctx) => ({ lines: [per(ctx, 1, "active key version", "kms:key-version", "version")], note: "rotation adds a version every 90 days; older versions stay billable until destroyed" }),
    "gcp:secretmanager/secret:Secret": fixed("active secret version (one location)", "secretmanager:version"),
    "gcp:dns/managedZone:ManagedZone": fixed("managed zone", "dns:zone"),
    [T.bucket]: bucket,
    [T.topic]: topic,
    [T.nodePool]: nodePool,
    [T.address]: globalAddress,
    "gcp:container/cluster:Cluster": (_cluster, ctx) => ({
        lines: [hourly(ctx, 1, "cluster management (Standard)", "gke:cluster-management")],
        note: "the default node pool GKE creates is removed at once; the node pool is priced on its own",
    }),
};

export const gcpPricer: Pricer = (resource, ctx) => {
    const rule = RULES[resource.type];
    if (rule) {
        return rule(resource, ctx);
    }
    const reason = GCP_FREE[resource.type];
    return reason ? { free: reason } : { unpriced: "no pricing rule for this resource type" };
};
