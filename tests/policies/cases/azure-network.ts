// NSGs, subnets, flow logs, public IPs, the Application Gateway and its WAF policy on Azure:
// a compliant baseline and one failing mutation per rule.

import { policy as gatewayHttps } from "../../../policies/rules/azure/application-gateway/https-only";
import { policy as gatewayTls } from "../../../policies/rules/azure/application-gateway/tls-policy";
import { policy as gatewayWaf } from "../../../policies/rules/azure/application-gateway/waf-enabled";
import { policy as flowLogRetention } from "../../../policies/rules/azure/flow-log/retention";
import { policy as nsgAdmin } from "../../../policies/rules/azure/network-security-group/admin-ports-restricted";
import { policy as nsgWorld } from "../../../policies/rules/azure/network-security-group/no-world-ingress-except-web";
import { policy as nsgGateway } from "../../../policies/rules/azure/network-security-group/world-ingress-only-on-gateway";
import { policy as publicIp } from "../../../policies/rules/azure/public-ip-address/edge-only";
import { policy as subnetNsg } from "../../../policies/rules/azure/subnet/has-network-security-group";
import { policy as vnetFlowLogs } from "../../../policies/rules/azure/virtual-network/flow-logs";
import { policy as wafRules } from "../../../policies/rules/azure/web-application-firewall-policy/managed-rules";
import { policy as wafMode } from "../../../policies/rules/azure/web-application-firewall-policy/prevention-mode";
import { network, T, TAGS } from "../fixtures/azure";
import { add, all, PolicyCase, remove, resource, set } from "../harness";

const internetRule = (port: string, protocol = "Tcp", source = "Internet") => ({
    name: `open-${port}`,
    priority: 300,
    direction: "Inbound",
    access: "Allow",
    protocol,
    sourceAddressPrefix: source,
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: port,
});

export const cases: PolicyCase[] = [
    {
        policy: nsgAdmin,
        baseline: network,
        mutations: [
            { title: "SSH from the internet", apply: set("app-nsg", "securityRules.1.sourceAddressPrefixes", ["0.0.0.0/0"]), message: /lets SSH in from the whole internet/ },
            { title: "RDP from any", apply: set("app-nsg", "securityRules.0", internetRule("3389", "*", "*")), message: /lets RDP in from the whole internet \(\*\)/ },
            { title: "SSH from a /8", apply: set("app-ssh-bastion", "sourceAddressPrefix", "10.0.0.0/8"), message: /10.0.0.0\/8, wider than \/16/ },
            { title: "a deny rule from anywhere is fine", apply: set("app-nsg", "securityRules.1.access", "Deny"), expectNone: true },
        ],
    },
    {
        policy: nsgWorld,
        baseline: network,
        mutations: [
            { title: "database port from the internet", apply: set("app-nsg", "securityRules.0", internetRule("5432")), message: /open to Internet: only TCP 80 and 443/ },
            { title: "UDP 443 from the internet", apply: set("gateway-nsg", "securityRules.0.protocol", "Udp"), message: /udp 443/ },
            { title: "a port range from the internet", apply: set("gateway-nsg", "securityRules.0.destinationPortRange", "80-443"), message: /80-443/ },
        ],
    },
    {
        policy: nsgGateway,
        baseline: network,
        mutations: [
            { title: "HTTPS open on the app subnet", apply: set("app-nsg", "securityRules.0", internetRule("443")), message: /"app-nsg": .*open to the internet on "app-nsg", whose subnet hosts no Application Gateway/ },
            { title: "open NSG attached nowhere", apply: set("gateway-subnet", "networkSecurityGroup", undefined), message: /attached to no subnet of this stack/ },
            {
                title: "a SecurityRule resource opening the app NSG",
                apply: add(resource(T.SECURITY_RULE, "app-https", { resourceGroupName: "platform-rg-id", networkSecurityGroupName: "platform-app", ...internetRule("443") })),
                message: /"app-https": .*whose subnet hosts no Application Gateway/,
            },
            { title: "SSH from the internet on the Bastion subnet", apply: set("bastion-nsg", "securityRules.0.destinationPortRange", "22"), message: /"bastion-nsg": .*tcp 22.*whose subnet hosts no Application Gateway/ },
        ],
    },
    {
        policy: subnetNsg,
        baseline: network,
        mutations: [
            { title: "app subnet without NSG", apply: set("app-subnet", "networkSecurityGroup", undefined), message: /"app" has no network security group/ },
            { title: "the Bastion subnet may go without", apply: set("bastion-subnet", "networkSecurityGroup", undefined), expectNone: true },
            { title: "GatewaySubnet is exempt", apply: add(resource(T.SUBNET, "vpn-subnet", { virtualNetworkName: "platform-vnet", subnetName: "GatewaySubnet", addressPrefix: "10.0.3.0/27" })), expectNone: true },
        ],
    },
    {
        policy: vnetFlowLogs,
        baseline: network,
        mutations: [
            { title: "no flow log", apply: remove("vnet-flow-log"), message: /"vnet" has no flow log/ },
            { title: "flow log disabled", apply: set("vnet-flow-log", "enabled", false), message: /flow log is disabled/ },
        ],
    },
    {
        policy: flowLogRetention,
        baseline: network,
        mutations: [
            { title: "90 days in production", apply: set("vnet-flow-log", "retentionPolicy.days", 90), message: /is 90; the production-medium tier keeps logs at least 365/ },
            { title: "no retention", apply: set("vnet-flow-log", "retentionPolicy", undefined), message: /kept \(and billed\) forever/ },
            { title: "14 days in development", tier: "development", apply: set("vnet-flow-log", "retentionPolicy.days", 14), expectNone: true },
        ],
    },
    {
        policy: publicIp,
        baseline: network,
        mutations: [
            { title: "a stray public IP", apply: add(resource(T.PUBLIC_IP, "vm-ip", { publicIpAddressName: "vm", sku: { name: "Standard" }, tags: TAGS })), message: /"vm-ip" belongs to no Application Gateway/ },
            { title: "NAT gateway releases its IP", apply: set("nat", "publicIpAddresses", []), message: /"nat-ip" belongs to no/ },
        ],
    },
    {
        policy: gatewayWaf,
        baseline: network,
        mutations: [
            { title: "Standard_v2 tier", apply: set("gateway", "sku", { name: "Standard_v2", tier: "Standard_v2" }), message: /sku.tier is "Standard_v2"/ },
            { title: "no WAF policy", apply: set("gateway", "firewallPolicy", undefined), message: /no WAF policy is attached/ },
            { title: "development has no WAF by design", tier: "development", apply: set("gateway", "sku", { name: "Standard_v2", tier: "Standard_v2" }), expectNone: true },
        ],
    },
    {
        policy: gatewayTls,
        baseline: network,
        mutations: [
            { title: "2015 policy", apply: set("gateway", "sslPolicy.policyName", "AppGwSslPolicy20150501"), message: /AppGwSslPolicy20150501/ },
            { title: "custom TLS 1.1", apply: set("gateway", "sslPolicy", { policyType: "CustomV2", minProtocolVersion: "TLSv1_1" }), message: /minProtocolVersion is "TLSv1_1"/ },
            { title: "no policy", apply: set("gateway", "sslPolicy", undefined), message: /sets no policy type/ },
        ],
    },
    {
        policy: gatewayHttps,
        baseline: network,
        mutations: [
            {
                title: "HTTP listener serving the app",
                apply: set("gateway", "requestRoutingRules.1", { name: "plain", priority: 200, ruleType: "Basic", httpListener: { id: "/subscriptions/s/.../httpListeners/http" }, backendAddressPool: { id: "pool" } }),
                message: /listener "http" is plain HTTP and rule "plain"/,
            },
        ],
    },
    {
        policy: wafMode,
        baseline: network,
        mutations: [
            { title: "Detection mode", apply: set("waf", "policySettings.mode", "Detection"), message: /mode is "Detection"/ },
            { title: "disabled", apply: set("waf", "policySettings.state", "Disabled"), message: /state is Disabled/ },
        ],
    },
    {
        policy: wafRules,
        baseline: network,
        mutations: [
            { title: "OWASP 3.0", apply: set("waf", "managedRules.managedRuleSets.0.ruleSetVersion", "3.0"), message: /no managed rule set OWASP >= 3.1/ },
            {
                title: "Log4j rule disabled",
                apply: set("waf", "managedRules.managedRuleSets.0.ruleGroupOverrides", [{ ruleGroupName: "REQUEST-944-APPLICATION-ATTACK-JAVA", rules: [{ ruleId: "944240", state: "Disabled" }] }]),
                message: /rule 944240 \(Log4Shell/,
            },
            { title: "Microsoft default rule set 2.1", apply: all(set("waf", "managedRules.managedRuleSets.0.ruleSetType", "Microsoft_DefaultRuleSet"), set("waf", "managedRules.managedRuleSets.0.ruleSetVersion", "2.1")), expectNone: true },
        ],
    },
];
