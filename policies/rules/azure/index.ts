// Every Azure rule, grouped by the resource it inspects. A new rule is a new module in its
// resource folder plus one line in that folder's index (a test checks nothing is left out).

import { PlatformPolicy } from "../../lib/types";
import { aksPolicies } from "./aks";
import { applicationGatewayPolicies } from "./application-gateway";
import { applicationInsightsPolicies } from "./application-insights";
import { blobContainerPolicies } from "./blob-container";
import { containerGroupPolicies } from "./container-group";
import { diagnosticSettingPolicies } from "./diagnostic-setting";
import { flowLogPolicies } from "./flow-log";
import { grafanaPolicies } from "./grafana";
import { keyVaultPolicies } from "./key-vault";
import { keyPolicies } from "./key-vault-key";
import { secretPolicies } from "./key-vault-secret";
import { workspacePolicies } from "./log-analytics-workspace";
import { metricAlertPolicies } from "./metric-alert";
import { objectReplicationPolicies } from "./object-replication-policy";
import { networkSecurityGroupPolicies } from "./network-security-group";
import { postgresConfigurationPolicies } from "./postgresql-configuration";
import { postgresFirewallRulePolicies } from "./postgresql-firewall-rule";
import { postgresServerPolicies } from "./postgresql-server";
import { publicIpPolicies } from "./public-ip-address";
import { redisCachePolicies } from "./redis-cache";
import { resourcePolicies } from "./resource";
import { roleAssignmentPolicies } from "./role-assignment";
import { serviceBusPolicies } from "./service-bus-namespace";
import { stackPolicies } from "./stack";
import { storageAccountPolicies } from "./storage-account";
import { subnetPolicies } from "./subnet";
import { virtualNetworkPolicies } from "./virtual-network";
import { scaleSetPolicies } from "./virtual-machine-scale-set";
import { virtualMachinePolicies } from "./virtual-machine";
import { managedDiskPolicies } from "./managed-disk";
import { networkInterfacePolicies } from "./network-interface";
import { vpnConnectionPolicies } from "./vpn-connection";
import { vpnGatewayPolicies } from "./vpn-gateway";
import { wafPolicyPolicies } from "./web-application-firewall-policy";

export const azurePolicies: PlatformPolicy[] = [
    ...stackPolicies,
    ...resourcePolicies,
    ...roleAssignmentPolicies,
    ...keyVaultPolicies,
    ...keyPolicies,
    ...secretPolicies,
    ...networkSecurityGroupPolicies,
    ...subnetPolicies,
    ...virtualNetworkPolicies,
    ...flowLogPolicies,
    ...publicIpPolicies,
    ...vpnGatewayPolicies,
    ...vpnConnectionPolicies,
    ...postgresServerPolicies,
    ...postgresConfigurationPolicies,
    ...postgresFirewallRulePolicies,
    ...redisCachePolicies,
    ...storageAccountPolicies,
    ...blobContainerPolicies,
    ...scaleSetPolicies,
    ...virtualMachinePolicies,
    ...managedDiskPolicies,
    ...networkInterfacePolicies,
    ...aksPolicies,
    ...applicationGatewayPolicies,
    ...wafPolicyPolicies,
    ...serviceBusPolicies,
    ...containerGroupPolicies,
    ...workspacePolicies,
    ...diagnosticSettingPolicies,
    ...metricAlertPolicies,
    ...objectReplicationPolicies,
    ...grafanaPolicies,
    ...applicationInsightsPolicies,
];
