// How each Azure resource type the program creates is billed. Sizes come from the recorded
// inputs (a scale set's size from its SKU, its count from its autoscale setting); unit prices
// from tools/prices/azure.json; volumes that depend on traffic from the stated usage assumptions.

import type { RecordedResource } from "../synth";
import type { CostLine, Pricer, Pricing, PricingContext } from "./cost";
import { fixed, hourly, monthsKept, num, per, str } from "./costLines";
import { AZURE_TELEMETRY_FREE, AZURE_TELEMETRY_RULES, isTracesWorkspace, tracesWorkspace } from "./costAzureTelemetry";
import { DUMP_ASSUMPTION, dumpStorageGb } from "./dumpSize";
import { money } from "./format";

const T = {
    scaleSet: "azure-native:compute:VirtualMachineScaleSet",
    autoscale: "azure-native:monitor:AutoscaleSetting",
    postgres: "azure-native:dbforpostgresql:Server",
    nat: "azure-native:network:NatGateway",
    gateway: "azure-native:network:ApplicationGateway",
    workspace: "azure-native:operationalinsights:Workspace",
    flowLog: "azure-native:network:FlowLog",
    account: "azure-native:storage:StorageAccount",
};

/** Types Azure does not bill for by themselves, and why: never a silent zero. */
export const AZURE_FREE: Record<string, string> = {
    "azure-native:storage:ObjectReplicationPolicy": "object replication carries no fee of its own; the replica account's storage and writes are priced (geo transfer and change feed not modelled)",
    "azure-native:network:LocalNetworkGateway": "a description of the peer: free",
    "azure-native:network:VirtualNetworkGatewayConnection": "site-to-site tunnels are included in the gateway's hours (10 on VpnGw1AZ)",
    "azure-native:resources:ResourceGroup": "resource groups are free",
    "azure-native:network:VirtualNetwork": "virtual networks are free",
    "azure-native:network:Subnet": "subnets are free",
    "azure-native:network:NetworkSecurityGroup": "network security groups are free",
    "azure-native:network:SecurityRule": "security rules are free",
    "azure-native:network:RouteTable": "route tables are free",
    "azure-native:network:PrivateDnsZoneGroup": "DNS zone groups are free; the zone and endpoint are priced",
    "azure-native:network:NetworkWatcher": "Network Watcher itself is free; flow logs are priced",
    "azure-native:network:WebApplicationFirewallPolicy": "included in the WAF_v2 gateway's fixed and capacity-unit price",
    "azure-native:privatedns:VirtualNetworkLink": "virtual network links are free",
    "azure-native:privatedns:PrivateRecordSet": "records are free (queries, $0.40 per million, not modelled)",
    "azure-native:network:NetworkInterface": "network interfaces are free",
    "azure-native:dns:RecordSet": "records are free (queries, $0.40 per million, not modelled)",
    "azure-native:keyvault:Vault": "vaults are free; operations cost $0.03 per 10,000 and the platform makes a few thousand a month",
    "azure-native:keyvault:Secret": "secrets bill only operations ($0.03 per 10,000): instances read each every 5 minutes, well under a dollar a month",
    "azure-native:managedidentity:UserAssignedIdentity": "managed identities are free",
    "azure-native:authorization:RoleAssignment": "role assignments are free",
    "azure-native:authorization:ManagementLockAtResourceLevel": "locks are free",
    "azure-native:authorization:ManagementLockByScope": "locks are free",
    "azure-native:dbforpostgresql:Configuration": "server parameters are free",
    "azure-native:dbforpostgresql:Database": "a database inside the server is free; the server is priced",
    "azure-native:dbforpostgresql:FirewallRule": "firewall rules are free",
    "azure-native:storage:BlobContainer": "containers are free; the account's stored GB are priced",
    "azure-native:storage:BlobServiceProperties": "service settings are free (versions and soft-deleted blobs count as stored GB)",
    "azure-native:storage:ManagementPolicy": "lifecycle policies are free (tier changes bill as write operations, not modelled)",
    "azure-native:compute:DiskEncryptionSet": "disk encryption sets are free; the key is priced",
    "azure-native:monitor:AutoscaleSetting": "autoscale is free",
    "azure-native:monitor:ActionGroup": "the first 1,000 e-mails a month are free",
    "azure-native:monitor:DiagnosticSetting": "routing is free; the logs are billed as ingestion on the workspace",
    "azure-native:applicationinsights:Component": "a workspace-based component bills its data as ingestion on the workspace",
    "azure-native:applicationinsights:Workbook": "workbooks are free",
    "azure-native:portal:Dashboard": "dashboards are free",
    "azure-native:consumption:Budget": "budgets are free",
    "azure-native:servicebus:Queue": "queues are included in the namespace's price",
    "azure-native:redis:PatchSchedule": "a maintenance window setting of the cache",
    "azure-native:managedidentity:FederatedIdentityCredential": "federated credentials are free",
    "azure-native:app:ManagedEnvironment": "a consumption-only environment bills only what its jobs use",
    "azure-native:app:Job": "the credentials job (seconds per deploy and per rotation) and the daily dump (half an hour of 0.5 vCPU a day, about 27,000 vCPU-seconds a month) stay inside Container Apps' monthly free grant (180,000 vCPU-seconds)",
    "azure-native:containerinstance:ContainerGroup": "runs for a minute per deploy: about a cent of vCPU-seconds",
    "random:index/randomPassword:RandomPassword": "generated locally by the random provider",
    "random:index/randomId:RandomId": "generated locally by the random provider",
    "random:index/randomString:RandomString": "generated locally by the random provider",
    "tls:index/privateKey:PrivateKey": "generated locally by the tls provider",
    "tls:index/selfSignedCert:SelfSignedCert": "generated locally by the tls provider",
    "tls:index/certRequest:CertRequest": "generated locally by the tls provider",
    "tls:index/locallySignedCert:LocallySignedCert": "generated locally by the tls provider",
    ...AZURE_TELEMETRY_FREE,
};

type Inputs = Record<string, unknown>;
const obj = (value: unknown): Inputs => (typeof value === "object" && value !== null ? (value as Inputs) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Managed disks bill by size step: the smallest step that holds the disk. */
function diskStep(gb: number): number {
    return [32, 64, 128].find((step) => gb <= step) ?? 128;
}

function scaleSetSize(scaleSet: RecordedResource, ctx: PricingContext): { min: number; max: number } {
    const setting = ctx.graph.dependents(scaleSet).find((r) => r.type === T.autoscale);
    const capacity = obj(obj(list(setting?.inputs.profiles)[0]).capacity);
    const fixedCount = num(obj(scaleSet.inputs.sku).capacity, 1);
    const min = setting ? num(capacity.minimum, fixedCount) : fixedCount;
    return { min, max: setting ? num(capacity.maximum, min) : min };
}

function scaleSet(set: RecordedResource, ctx: PricingContext): Pricing {
    const size = str(obj(set.inputs.sku).name);
    if (!ctx.prices.has(`vm:${size}`)) {
        return { unpriced: `VM size ${size || "(none)"} is not in the price book` };
    }
    const { min, max } = scaleSetSize(set, ctx);
    if (min === 0 && max > 0) {
        return { free: "no VM at its minimum (a Spot set above the on-demand base); what it saves when it scales is in the cost levers" };
    }
    const osDisk = obj(obj(obj(set.inputs.virtualMachineProfile).storageProfile).osDisk);
    const diskType = str(obj(osDisk.managedDisk).storageAccountType) || "Premium_LRS";
    const step = diskStep(num(osDisk.diskSizeGB, 30));
    const lines: CostLine[] = [hourly(ctx, min, size, `vm:${size}`), per(ctx, min, `${diskType} ${step} GiB OS disks`, `disk:${diskType}:${step}`, "disk")];
    const atMin = lines.reduce((sum, line) => sum + line.monthly, 0);
    const atMax = min > 0 ? (atMin / min) * max : 0;
    return { lines, note: `priced at the autoscale minimum ${min}; at its maximum ${max}: ${money(atMax)}` };
}

function postgres(server: RecordedResource, ctx: PricingContext): Pricing {
    const sku = str(obj(server.inputs.sku).name);
    const source = server.inputs.sourceServerResourceId ? ctx.graph.dependenciesOfType(server, T.postgres)[0] : undefined;
    const skuName = sku || str(obj(source?.inputs.sku).name);
    if (!ctx.prices.has(`pgflex:${skuName}`)) {
        return { unpriced: `PostgreSQL flexible server SKU ${skuName || "(none)"} is not in the price book` };
    }
    const mode = str(obj(server.inputs.highAvailability).mode);
    const ha = mode === "ZoneRedundant" || mode === "SameZone";
    const copies = ha ? 2 : 1;
    const storageGb = num(obj(server.inputs.storage).storageSizeGB, num(obj(source?.inputs.storage).storageSizeGB, 32));
    const lines = [
        hourly(ctx, copies, `${skuName}${ha ? ` (${mode} HA: primary + standby)` : ""}`, `pgflex:${skuName}`),
        per(ctx, copies * storageGb, `GB storage${ha ? ` (${storageGb} GB x 2, HA)` : ""}`, "pgflex:storage", "GB-month"),
    ];
    const role = source || str(server.inputs.createMode) === "Replica" ? "read replica; " : "";
    return { lines, note: `${role}backup storage up to the server's size is free` };
}

function redis(cache: RecordedResource, ctx: PricingContext): Pricing {
    const sku = obj(cache.inputs.sku);
    const name = str(sku.name);
    const size = `${str(sku.family)}${num(sku.capacity)}`;
    const key = `redis:${name}:${size}`;
    if (!ctx.prices.has(key)) {
        return { unpriced: `Azure Cache for Redis ${name} ${size} is not in the price book` };
    }
    const shards = name === "Premium" ? Math.max(1, num(cache.inputs.shardCount, 1)) : 1;
    const lines = [hourly(ctx, shards, `${name} ${size} ${name === "Basic" ? "node" : "shard (primary + replica)"}`, key)];
    const extraReplicas = name === "Premium" ? Math.max(0, num(cache.inputs.replicasPerPrimary, 1) - 1) : 0;
    if (extraReplicas > 0) {
        const share = ctx.prices.get("redis:extra-replica");
        lines.push(hourly(ctx, shards * extraReplicas * share, `${size} shard(s) for ${extraReplicas} further replica(s) per shard at ${share} of the shard price`, key));
    }
    return { lines, note: shards > 1 ? `${shards} shards (clustering)` : undefined };
}

/**
 * A v2 gateway bills a fixed hourly charge plus capacity units; a minimum instance count
 * reserves ten units per instance whatever the traffic.
 */
function applicationGateway(gateway: RecordedResource, ctx: PricingContext): Pricing {
    const tier = str(obj(gateway.inputs.sku).tier);
    const prefix = tier === "WAF_v2" ? "appgw:waf-v2" : tier === "Standard_v2" ? "appgw:standard-v2" : undefined;
    if (!prefix) {
        return { unpriced: `Application Gateway tier ${tier || "(none)"} is not in the price book` };
    }
    const minInstances = num(obj(gateway.inputs.autoscaleConfiguration).minCapacity, num(obj(gateway.inputs.sku).capacity));
    const units = Math.max(minInstances * 10, ctx.usage.loadBalancerLcu);
    return {
        lines: [
            hourly(ctx, 1, `${tier} gateway`, `${prefix}-fixed`),
            hourly(ctx, units, "capacity units", `${prefix}-capacity-unit`),
            per(ctx, ctx.usage.internetEgressGb, "GB to the internet", "egress:internet", "GB"),
        ],
        note: `${minInstances} minimum instance(s) reserve ${minInstances * 10} units; usage.loadBalancerLcu ${ctx.usage.loadBalancerLcu}, usage.internetEgressGb ${ctx.usage.internetEgressGb}`,
    };
}

/** Log destinations (the workspace and flow logs) share the month's log volume; traces are priced apart. */
function logShare(ctx: PricingContext): number {
    const logWorkspaces = ctx.graph.ofType(T.workspace).filter((ws) => !isTracesWorkspace(ws, ctx)).length;
    return ctx.usage.logIngestGb / Math.max(1, logWorkspaces + ctx.count(T.flowLog));
}

function workspace(ws: RecordedResource, ctx: PricingContext): Pricing {
    if (isTracesWorkspace(ws, ctx)) {
        return tracesWorkspace(ws, ctx);
    }
    const share = logShare(ctx);
    const retentionDays = num(ws.inputs.retentionInDays, 30);
    const extraDays = Math.max(0, retentionDays - 31);
    return {
        lines: [per(ctx, share, "GB ingested", "loganalytics:ingest", "GB"), per(ctx, share * monthsKept(extraDays), `GB kept beyond 31 days (${retentionDays}-day retention)`, "loganalytics:retention", "GB-month")],
        note: `usage.logIngestGb ${ctx.usage.logIngestGb} GB shared by the workspace and the flow logs`,
    };
}

function metricAlert(alert: RecordedResource, ctx: PricingContext): Pricing {
    const criteria = list(obj(alert.inputs.criteria).allOf).length || 1;
    const scopes = list(alert.inputs.scopes).length || 1;
    return { lines: [per(ctx, criteria * scopes, "monitored time series", "monitor:metric-alert-series", "series")] };
}

/** Executions: one per location each `frequency` seconds. */
function webTest(test: RecordedResource, ctx: PricingContext): Pricing {
    const locations = list(test.inputs.locations).length || 1;
    const frequency = num(test.inputs.frequency, 300);
    const runs = locations * ((ctx.prices.hours * 3600) / frequency);
    return { lines: [per(ctx, runs, `test runs (${locations} locations every ${frequency} s)`, "monitor:standard-test-run", "run")] };
}

/** Premium cache sizes in GB, for the snapshot account that holds one RDB file per shard. */
const PREMIUM_GB: Record<number, number> = { 1: 6, 2: 13, 3: 26, 4: 53, 5: 120 };

/**
 * The object store's account holds the documents; the account flow logs write to holds logs;
 * the cache's account holds its RDB snapshots (about its memory per shard).
 */
function storageAccount(account: RecordedResource, ctx: PricingContext): Pricing {
    const sku = str(obj(account.inputs.sku).name);
    const redundancy = sku.split("_")[1] ?? "LRS";
    const writeKey = ["LRS", "ZRS"].includes(redundancy) ? `blob-write:${redundancy}` : "blob-write:GRS";
    const logAccounts = ctx.graph.ofType(T.flowLog).flatMap((flowLog) => ctx.graph.dependenciesOfType(flowLog, T.account));
    if (logAccounts.includes(account)) {
        return { lines: [per(ctx, ctx.usage.accessLogStorageGb, `GB Hot ${redundancy} (flow logs)`, `blob-hot:${redundancy}`, "GB-month")], note: `usage.accessLogStorageGb ${ctx.usage.accessLogStorageGb}` };
    }
    if (ctx.graph.componentOf(account) === "Backups") {
        const server = ctx.graph.ofType(T.postgres).find((candidate) => !candidate.inputs.sourceServerResourceId);
        const diskGb = num(obj(server?.inputs.storage).storageSizeGB, 32);
        const lifecycle = ctx.graph.ofType("azure-native:storage:ManagementPolicy").find((policy) => policy.dependsOn.includes(account.urn));
        const rules = (obj(lifecycle?.inputs.policy).rules as { definition?: { actions?: { baseBlob?: { delete?: { daysAfterModificationGreaterThan?: number } } } } }[] | undefined) ?? [];
        const retentionDays = num(rules[0]?.definition?.actions?.baseBlob?.delete?.daysAfterModificationGreaterThan, 30);
        return { lines: [per(ctx, dumpStorageGb(diskGb, retentionDays), `GB Hot ${redundancy} (daily dumps)`, `blob-hot:${redundancy}`, "GB-month")], note: `${DUMP_ASSUMPTION}, kept ${retentionDays} days` };
    }
    if (ctx.graph.componentOf(account) === "Cache") {
        const gb = ctx.graph.ofType("azure-native:redis:Redis").reduce((sum, cache) => {
            const sku = obj(cache.inputs.sku);
            return sum + (PREMIUM_GB[num(sku.capacity)] ?? 0) * Math.max(1, num(cache.inputs.shardCount, 1));
        }, 0);
        return { lines: [per(ctx, gb, `GB Hot ${redundancy} (RDB snapshots, about the cache's memory)`, `blob-hot:${redundancy}`, "GB-month")] };
    }
    const documents = ctx.graph.ofType(T.account).filter((a) => ctx.graph.componentOf(a) === "ObjectStore").length || 1;
    return {
        lines: [
            per(ctx, ctx.usage.objectStorageGb / documents, `GB Hot ${redundancy}`, `blob-hot:${redundancy}`, "GB-month"),
            per(ctx, ctx.usage.objectWriteThousands / documents, "k write operations", writeKey, "k"),
        ],
        note: `usage.objectStorageGb ${ctx.usage.objectStorageGb}, usage.objectWriteThousands ${ctx.usage.objectWriteThousands}`,
    };
}

function serviceBus(namespace: RecordedResource, ctx: PricingContext): Pricing {
    const sku = obj(namespace.inputs.sku);
    if (str(sku.name) === "Premium") {
        return { lines: [hourly(ctx, num(sku.capacity, 1), "Premium messaging unit", "servicebus:premium-unit")] };
    }
    return { lines: [hourly(ctx, 1, `${str(sku.name) || "Standard"} namespace`, "servicebus:standard")], note: "13 M operations a month included" };
}

function key(k: RecordedResource, ctx: PricingContext): Pricing {
    const kty = str(obj(k.inputs.properties).kty);
    return kty.endsWith("-HSM") ? { lines: [per(ctx, 1, `${kty} key`, "keyvault:hsm-key", "key")] } : { free: "software-protected keys bill only operations ($0.03 per 10,000)" };
}

/** One AKS node pool at its autoscaler minimum: its VMs and their managed OS disks. */
function nodePool(pool: Inputs, ctx: PricingContext): Pricing {
    const size = str(pool.vmSize);
    if (!ctx.prices.has(`vm:${size}`)) {
        return { unpriced: `VM size ${size || "(none)"} is not in the price book` };
    }
    const min = num(pool.minCount, num(pool.count, 1));
    const max = num(pool.maxCount, min);
    const step = diskStep(num(pool.osDiskSizeGB, 128));
    const lines = [hourly(ctx, min, `${size} node(s) of pool ${str(pool.name) || str(pool.agentPoolName)}`, `vm:${size}`), per(ctx, min, `Premium_LRS ${step} GiB OS disks`, `disk:Premium_LRS:${step}`, "disk")];
    const atMin = lines.reduce((sum, line) => sum + line.monthly, 0);
    return { lines, note: `priced at the autoscaler minimum ${min}; at its maximum ${max}: ${money(min > 0 ? (atMin / min) * max : 0)}` };
}

/** The control plane (free, or the Standard tier's SLA fee) and the inline system pool. */
function managedCluster(cluster: RecordedResource, ctx: PricingContext): Pricing {
    const tier = str(obj(cluster.inputs.sku).tier) || "Free";
    const pools: { lines: CostLine[]; note?: string }[] = [];
    for (const profile of list(cluster.inputs.agentPoolProfiles)) {
        const pool = nodePool(obj(profile), ctx);
        if (!("lines" in pool)) {
            return pool;
        }
        pools.push(pool);
    }
    const fee = tier === "Free" ? [] : ctx.prices.has(`aks:${tier}`) ? [hourly(ctx, 1, `AKS ${tier} tier control plane`, `aks:${tier}`)] : undefined;
    if (!fee) {
        return { unpriced: `AKS tier ${tier} is not in the price book` };
    }
    return {
        lines: [...fee, ...pools.flatMap((pool) => pool.lines)],
        note: [tier === "Free" ? "Free tier control plane (no SLA)" : undefined, ...pools.map((pool) => pool.note)].filter(Boolean).join("; "),
    };
}

/** Premium SSD tiers the search nodes' data disks take: the smallest that holds the disk. */
const DATA_DISK_STEPS = [32, 64, 128, 256, 512, 1024, 2048];

/** A standalone VM (the search nodes): its size by the hour and its OS disk's tier. */
function virtualMachine(vm: RecordedResource, ctx: PricingContext): Pricing {
    const size = str(obj(vm.inputs.hardwareProfile).vmSize);
    if (!ctx.prices.has(`vm:${size}`)) {
        return { unpriced: `VM size ${size || "(none)"} is not in the price book` };
    }
    const osDisk = obj(obj(vm.inputs.storageProfile).osDisk);
    const diskType = str(obj(osDisk.managedDisk).storageAccountType) || "Premium_LRS";
    const step = diskStep(num(osDisk.diskSizeGB, 30));
    return { lines: [hourly(ctx, 1, size, `vm:${size}`), per(ctx, 1, `${diskType} ${step} GiB OS disk`, `disk:${diskType}:${step}`, "disk")] };
}

function managedDisk(disk: RecordedResource, ctx: PricingContext): Pricing {
    const type = str(obj(disk.inputs.sku).name) || "Premium_LRS";
    const gb = num(disk.inputs.diskSizeGB, 32);
    const step = DATA_DISK_STEPS.find((candidate) => gb <= candidate) ?? DATA_DISK_STEPS[DATA_DISK_STEPS.length - 1];
    if (!ctx.prices.has(`disk:${type}:${step}`)) {
        return { unpriced: `${type} ${step} GiB disks are not in the price book` };
    }
    return { lines: [per(ctx, 1, `${type} ${step} GiB disk (${gb} GB)`, `disk:${type}:${step}`, "disk")] };
}

const RULES: Record<string, Pricer> = {
    "azure-native:compute:VirtualMachine": virtualMachine,
    "azure-native:compute:Disk": managedDisk,
    "azure-native:network:LoadBalancer": (lb, ctx) => ({
        lines: [hourly(ctx, 1, "Standard load balancer (first 5 rules)", "lb-standard:hour")],
        note: `${list(lb.inputs.loadBalancingRules).length} rule(s); data processed ($0.005/GB) not modelled`,
    }),    "azure-native:containerservice:ManagedCluster": managedCluster,
    "azure-native:containerservice:AgentPool": (pool, ctx) => nodePool(pool.inputs, ctx),
    [T.scaleSet]: scaleSet,
    [T.postgres]: postgres,
    "azure-native:redis:Redis": redis,
    [T.gateway]: applicationGateway,
    [T.nat]: (_nat, ctx) => ({
        lines: [hourly(ctx, 1, "NAT gateway", "nat:hour"), per(ctx, ctx.usage.natDataGb / ctx.count(T.nat), "GB processed", "nat:data", "GB")],
        note: `usage.natDataGb ${ctx.usage.natDataGb} GB shared by ${ctx.count(T.nat)} gateway(s)`,
    }),
    "azure-native:network:VirtualNetworkGateway": (gateway, ctx) => {
        const sku = str(obj(gateway.inputs.sku).name);
        return ctx.prices.has(`vpn-gateway:${sku}`)
            ? { lines: [hourly(ctx, 1, `${sku} VPN gateway${gateway.inputs.activeActive === true ? " (active-active: no extra gateway fee)" : ""}`, `vpn-gateway:${sku}`)] }
            : { unpriced: `VPN gateway SKU ${sku || "(none)"} is not in the price book` };
    },
    "azure-native:network:PublicIPAddress": (_ip, ctx) => ({ lines: [hourly(ctx, 1, "Standard static public IPv4", "ip:standard-static")] }),
    "azure-native:network:BastionHost": (host, ctx) => {
        const sku = str(obj(host.inputs.sku).name) || "Basic";
        return { lines: [hourly(ctx, 1, `Bastion ${sku}`, `bastion:${sku}`)] };
    },
    "azure-native:network:PrivateEndpoint": (_endpoint, ctx) => ({ lines: [hourly(ctx, 1, "private endpoint", "privatelink:endpoint")] }),
    "azure-native:privatedns:PrivateZone": fixed("private DNS zone", "dns:zone"),
    "azure-native:dns:Zone": fixed("DNS zone", "dns:zone"),
    [T.flowLog]: (_flowLog, ctx) => ({ lines: [per(ctx, logShare(ctx), "GB of flow records collected", "flowlogs:collected", "GB")], note: `a share of usage.logIngestGb ${ctx.usage.logIngestGb}` }),
    [T.workspace]: workspace,
    "azure-native:monitor:MetricAlert": metricAlert,
    "azure-native:monitor:ScheduledQueryRule": fixed("log search alert (5-minute evaluation)", "monitor:log-alert-5min"),
    "azure-native:applicationinsights:WebTest": webTest,
    [T.account]: storageAccount,
    "azure-native:servicebus:Namespace": serviceBus,
    "azure-native:keyvault:Key": key,
    ...AZURE_TELEMETRY_RULES,
};

export const azurePricer: Pricer = (resource, ctx) => {
    const rule = RULES[resource.type];
    if (rule) {
        return rule(resource, ctx);
    }
    const reason = AZURE_FREE[resource.type];
    return reason ? { free: reason } : { unpriced: "no pricing rule for this resource type" };
};
