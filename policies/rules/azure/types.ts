// Azure (azure-native v3) type tokens the rules inspect. Matching on these strings keeps
// @pulumi/azure-native out of the pack.

import { read } from "../../lib/values";

export const ACTION_GROUP = "azure-native:monitor:ActionGroup";
export const APP_JOB = "azure-native:app:Job";
export const APPLICATION_GATEWAY = "azure-native:network:ApplicationGateway";
export const APPLICATION_INSIGHTS = "azure-native:applicationinsights:Component";
export const BASTION_HOST = "azure-native:network:BastionHost";
export const BLOB_CONTAINER = "azure-native:storage:BlobContainer";
export const BLOB_SERVICE_PROPERTIES = "azure-native:storage:BlobServiceProperties";
export const CONTAINER_GROUP = "azure-native:containerinstance:ContainerGroup";
export const DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting";
export const FLOW_LOG = "azure-native:network:FlowLog";
export const GRAFANA = "azure-native:dashboard:Grafana";
export const KEY = "azure-native:keyvault:Key";
export const KEY_VAULT = "azure-native:keyvault:Vault";
export const LOCK_AT_RESOURCE = "azure-native:authorization:ManagementLockAtResourceLevel";
export const LOCK_BY_SCOPE = "azure-native:authorization:ManagementLockByScope";
export const LOCKS = [LOCK_AT_RESOURCE, LOCK_BY_SCOPE];
export const MANAGED_CLUSTER = "azure-native:containerservice:ManagedCluster";
export const AGENT_POOL = "azure-native:containerservice:AgentPool";
export const LOG_ANALYTICS_WORKSPACE = "azure-native:operationalinsights:Workspace";
export const MANAGEMENT_POLICY = "azure-native:storage:ManagementPolicy";
export const METRIC_ALERT = "azure-native:monitor:MetricAlert";
export const NAT_GATEWAY = "azure-native:network:NatGateway";
export const NETWORK_SECURITY_GROUP = "azure-native:network:NetworkSecurityGroup";
export const POSTGRES_CONFIGURATION = "azure-native:dbforpostgresql:Configuration";
export const POSTGRES_FIREWALL_RULE = "azure-native:dbforpostgresql:FirewallRule";
export const POSTGRES_SERVER = "azure-native:dbforpostgresql:Server";
export const PUBLIC_IP = "azure-native:network:PublicIPAddress";
export const VPN_GATEWAY = "azure-native:network:VirtualNetworkGateway";
export const VPN_CONNECTION = "azure-native:network:VirtualNetworkGatewayConnection";
export const REDIS = "azure-native:redis:Redis";
export const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
export const SCHEDULED_QUERY_RULE = "azure-native:monitor:ScheduledQueryRule";
export const SECRET = "azure-native:keyvault:Secret";
export const SECURITY_RULE = "azure-native:network:SecurityRule";
export const SERVICE_BUS_NAMESPACE = "azure-native:servicebus:Namespace";
export const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";
export const SUBNET = "azure-native:network:Subnet";
export const VIRTUAL_NETWORK = "azure-native:network:VirtualNetwork";
export const VMSS = "azure-native:compute:VirtualMachineScaleSet";
export const WAF_POLICY = "azure-native:network:WebApplicationFirewallPolicy";

/** Whether a flexible server is a read replica (it follows its source's backups, HA and keys). */
export function isReplica(props: Record<string, unknown>): boolean {
    const mode = read(() => props.createMode);
    const role = read(() => props.replicationRole);
    return (typeof mode === "string" && mode.toLowerCase() === "replica") || (typeof role === "string" && /replica/i.test(role));
}
export const OBJECT_REPLICATION_POLICY = "azure-native:storage:ObjectReplicationPolicy";
export const VIRTUAL_MACHINE = "azure-native:compute:VirtualMachine";
export const MANAGED_DISK = "azure-native:compute:Disk";
export const NETWORK_INTERFACE = "azure-native:network:NetworkInterface";
