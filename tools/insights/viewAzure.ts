// The Azure resource types in the platform's picture (see views.ts). Azure subnets are
// regional, so the picture has one "regional" box holding the gateway, app and data subnets.

import type { RecordedResource } from "../synth";
import { StackGraph } from "./graph";
import type { CloudView, Role } from "./views";

const T = {
    autoscale: "azure-native:monitor:AutoscaleSetting",
    cluster: "azure-native:containerservice:ManagedCluster",
    pool: "azure-native:containerservice:AgentPool",
    gateway: "azure-native:network:ApplicationGateway",
    postgres: "azure-native:dbforpostgresql:Server",
};

type Inputs = Record<string, unknown>;
const str = (value: unknown): string => (value === undefined || value === null ? "" : String(value));
const obj = (value: unknown): Inputs => (typeof value === "object" && value !== null ? (value as Inputs) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Which layer of the layout a subnet is, from its name: the gateway's is the public one. */
function subnetTier(name: string): string {
    return /gateway|public|bastion/i.test(name) ? "public" : /app/i.test(name) ? "app" : "data";
}

function azureDetail(role: Role, r: RecordedResource, graph: StackGraph): string {
    const i = r.inputs;
    switch (role) {
        case "network":
            return list(obj(i.addressSpace).addressPrefixes).map(str).join(", ");
        case "cluster": {
            const access = obj(i.apiServerAccessProfile);
            const systemPool = obj(list(i.agentPoolProfiles)[0]);
            return `AKS ${str(i.kubernetesVersion)} ${str(obj(i.sku).tier)}, ${access.enablePrivateCluster ? "private API server" : "API server for the admin ranges"}; system pool ${str(systemPool.minCount)}-${str(systemPool.maxCount)} x ${str(systemPool.vmSize)}`;
        }
        case "fleet": {
            if (r.type === T.pool) {
                return `${str(i.minCount)}-${str(i.maxCount)} nodes x ${str(i.vmSize)}`;
            }
            const capacity = obj(obj(list(graph.dependents(r).find((d) => d.type === T.autoscale)?.inputs.profiles)[0]).capacity);
            const spot = str(obj(i.virtualMachineProfile).priority) === "Spot";
            return `${str(capacity.minimum)}-${str(capacity.maximum)} x ${str(obj(i.sku).name)}, ${spot ? "spot" : "regular"}`;
        }
        case "database": {
            const mode = str(i.createMode) === "Replica" ? "read replica" : str(obj(i.highAvailability).mode) || "no HA";
            return `${str(obj(i.sku).name)} ${mode}, ${str(obj(i.storage).storageSizeGB)} GB`;
        }
        case "cache": {
            const sku = obj(i.sku);
            const shards = i.shardCount ? `, ${str(i.shardCount)} shards` : "";
            return `${str(sku.name)} ${str(sku.family)}${str(sku.capacity)}${shards}, ${str(i.replicasPerPrimary ?? 1)} replicas`;
        }
        case "loadBalancer":
            return `${str(obj(i.sku).tier)} Application Gateway`;
        case "waf":
            return `${str(obj(i.policySettings).mode)}, ${list(i.customRules).length} custom rules`;
        case "dashboard":
            if (r.type === "azure-native:dashboard:Grafana") {
                const p = obj(i.properties);
                return `Managed Grafana ${str(obj(i.sku).name)}${p.zoneRedundancy === "Enabled" ? ", zone-redundant" : ""}${p.publicNetworkAccess === "Disabled" ? ", private endpoint only" : ""}`;
            }
            if (r.type === "azure-native:monitor:AzureMonitorWorkspace") return "managed Prometheus (18-month retention)";
            return "";
        case "budget":
            return `${str(i.amount)} USD / ${str(i.timeGrain).toLowerCase()}`;
        case "nat":
        case "bucket":
        case "queue":
            return str(i.natGatewayName ?? i.accountName ?? i.queueName ?? "");
        default:
            return "";
    }
}

export const AZURE_VIEW: CloudView = {
    roles: {
        "azure-native:network:VirtualNetwork": "network",
        "azure-native:network:Subnet": "subnet",
        "azure-native:network:NatGateway": "nat",
        "azure-native:network:ApplicationGateway": "loadBalancer",
        "azure-native:network:WebApplicationFirewallPolicy": "waf",
        "azure-native:dns:RecordSet": "dns",
        "azure-native:compute:VirtualMachineScaleSet": "fleet",
        "azure-native:containerservice:ManagedCluster": "cluster",
        "azure-native:containerservice:AgentPool": "fleet",
        "azure-native:dbforpostgresql:Server": "database",
        "azure-native:redis:Redis": "cache",
        "azure-native:storage:StorageAccount": "bucket",
        "azure-native:servicebus:Queue": "queue",
        "azure-native:monitor:MetricAlert": "alarm",
        "azure-native:monitor:ScheduledQueryRule": "alarm",
        "azure-native:monitor:ActionGroup": "topic",
        "azure-native:portal:Dashboard": "dashboard",
        "azure-native:applicationinsights:Workbook": "dashboard",
        "azure-native:dashboard:Grafana": "dashboard",
        "azure-native:monitor:AzureMonitorWorkspace": "dashboard",
        "azure-native:consumption:Budget": "budget",
        "azure-native:applicationinsights:WebTest": "healthCheck",
        "azure-native:app:Job": "credentials",
        "azure-native:containerinstance:ContainerGroup": "credentials",
        "azure-native:keyvault:Secret": "secret",
        "azure-native:network:VirtualNetworkGateway": "vpnGateway",
    },
    subnet: (r) => ({ zone: "regional", tier: subnetTier(str(r.inputs.subnetName) || r.name), cidr: str(r.inputs.addressPrefix) }),
    detail: azureDetail,
    replicaOf: (r, graph) => (r.inputs.sourceServerResourceId ? graph.dependenciesOfType(r, T.postgres)[0] : undefined),
    servedPort: (fleet, graph) => {
        if (fleet.type === T.pool) {
            // AGIC points the gateway's pools at the pods' addresses.
            return graph.ofType(T.gateway).length > 0 ? "HTTP (pods, through AGIC)" : undefined;
        }
        const gateway = graph.dependenciesOfType(fleet, T.gateway)[0];
        if (!gateway) {
            return undefined;
        }
        // The backend settings named after the fleet's service, else the gateway's first.
        const settings = list(gateway.inputs.backendHttpSettingsCollection).map(obj);
        const mine = settings.find((s) => str(s.name) && fleet.name.includes(str(s.name).replace(/-settings$/, ""))) ?? settings[0];
        return `${str(mine?.protocol) || "HTTP"} :${str(mine?.port)}`;
    },
    uses: (fleet, graph) => {
        const used = new Set(["azure-native:servicebus:Queue", "azure-native:storage:StorageAccount"]);
        return graph.dependencies(fleet).filter((dep) => used.has(dep.type));
    },
};
