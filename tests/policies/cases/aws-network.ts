// Security groups, VPC, subnets, launch templates, Auto Scaling, load balancers, listeners and
// WAF: a compliant baseline and one failing mutation per rule.

import { policy as asgHealthCheck } from "../../../policies/rules/aws/autoscaling-group/elb-health-check";
import { policy as asgLaunchTemplate } from "../../../policies/rules/aws/autoscaling-group/launch-template";
import { policy as asgSpot } from "../../../policies/rules/aws/autoscaling-group/spot-only-on-workers";
import { policy as ltEbs } from "../../../policies/rules/aws/ec2-launch-template/ebs-encrypted";
import { policy as ltImds } from "../../../policies/rules/aws/ec2-launch-template/imdsv2";
import { policy as ltHopLimit } from "../../../policies/rules/aws/ec2-launch-template/metadata-hop-limit";
import { policy as ltPublicIp } from "../../../policies/rules/aws/ec2-launch-template/no-public-ip";
import { policy as ltUserData } from "../../../policies/rules/aws/ec2-launch-template/no-secrets-in-user-data";
import { policy as sgAdminPorts } from "../../../policies/rules/aws/ec2-security-group/admin-ports-restricted";
import { policy as sgDescriptions } from "../../../policies/rules/aws/ec2-security-group/descriptions";
import { policy as sgWorld } from "../../../policies/rules/aws/ec2-security-group/no-world-ingress-except-web";
import { policy as sgOnlyLb } from "../../../policies/rules/aws/ec2-security-group/world-ingress-only-on-load-balancer";
import { policy as subnetPublicIp } from "../../../policies/rules/aws/ec2-subnet/no-public-ip-on-launch";
import { policy as vpcDefaultSg } from "../../../policies/rules/aws/ec2-vpc/default-security-group-closed";
import { policy as vpcFlowLogs } from "../../../policies/rules/aws/ec2-vpc/flow-logs";
import { policy as listenerRedirect } from "../../../policies/rules/aws/lb-listener/http-redirects-to-https";
import { policy as listenerTls } from "../../../policies/rules/aws/lb-listener/tls-policy";
import { policy as lbAccessLogs } from "../../../policies/rules/aws/lb-load-balancer/access-logs";
import { policy as lbDeletion } from "../../../policies/rules/aws/lb-load-balancer/deletion-protection";
import { policy as lbDesync } from "../../../policies/rules/aws/lb-load-balancer/desync-mitigation";
import { policy as lbHeaders } from "../../../policies/rules/aws/lb-load-balancer/drop-invalid-headers";
import { policy as lbWaf } from "../../../policies/rules/aws/lb-load-balancer/waf-attached";
import { policy as wafRules } from "../../../policies/rules/aws/wafv2-web-acl/has-rules";
import { policy as wafBadInputs } from "../../../policies/rules/aws/wafv2-web-acl/known-bad-inputs";
import { policy as wafLogging } from "../../../policies/rules/aws/wafv2-web-acl/logging";
import { autoscalingGroup, edgeStack, launchTemplate, T, TAGS } from "../fixtures/aws";
import { add, all, PolicyCase, remove, resource, set } from "../harness";

const compute = () => [launchTemplate(), autoscalingGroup()];
const userData = (text: string) => set("web-template", "userData", Buffer.from(text).toString("base64"));

export const cases: PolicyCase[] = [
    {
        policy: sgAdminPorts,
        baseline: () => [...edgeStack(), resource(T.ingressRule, "bastion-in-ssh", { securityGroupId: "app-sg-id", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "203.0.113.0/24", description: "admin SSH" })],
        mutations: [
            { title: "SSH from anywhere (rule resource)", apply: set("bastion-in-ssh", "cidrIpv4", "0.0.0.0/0"), message: /tcp port 22 lets SSH in from the whole internet/ },
            { title: "SSH from a /8", apply: set("bastion-in-ssh", "cidrIpv4", "10.0.0.0/8"), message: /from 10.0.0.0\/8, wider than \/16/ },
            {
                title: "RDP from ::/0 (inline ingress)",
                apply: set("app-sg", "ingress", [{ protocol: "tcp", fromPort: 3389, toPort: 3389, ipv6CidrBlocks: ["::/0"], description: "rdp" }]),
                message: /ingress\[0\]: tcp port 3389 lets RDP in from the whole internet/,
            },
            {
                title: "all traffic from anywhere (SecurityGroupRule)",
                apply: add(resource(T.securityGroupRule, "all-in", { type: "ingress", securityGroupId: "app-sg-id", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "all" })),
                message: /all traffic lets SSH in from the whole internet/,
            },
        ],
    },
    {
        policy: sgWorld,
        baseline: edgeStack,
        mutations: [
            { title: "app port open to the world", apply: set("app-in-lb", "cidrIpv4", "0.0.0.0/0"), message: /tcp port 3000 open to 0.0.0.0\/0: only TCP 80 and 443/ },
            { title: "port range to the world", apply: all(set("lb-in-https", "fromPort", 443), set("lb-in-https", "toPort", 8443)), message: /tcp ports 443-8443 open to/ },
        ],
    },
    {
        policy: sgOnlyLb,
        baseline: edgeStack,
        mutations: [
            {
                title: "HTTPS open on the app group",
                apply: add(resource(T.ingressRule, "app-in-world", { securityGroupId: "app-sg-id", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", description: "oops" })),
                message: /"app-in-world" opens tcp port 443 to the internet on security group "app-sg", which no internet-facing load balancer uses/,
            },
            { title: "load balancer made internal", apply: set("lb", "internal", true), message: /"lb-in-http" opens tcp port 80/ },
        ],
    },
    {
        policy: sgDescriptions,
        baseline: edgeStack,
        mutations: [
            { title: "rule without description", apply: set("app-in-lb", "description", undefined), message: /rule has no description/ },
            { title: "group with the provider default", apply: set("app-sg", "description", "Managed by Pulumi"), message: /group has no description/ },
        ],
    },
    {
        policy: vpcFlowLogs,
        baseline: edgeStack,
        mutations: [
            { title: "no flow log", apply: remove("flow-log"), message: /VPC "vpc" has no flow log/ },
            { title: "accepted traffic only", apply: set("flow-log", "trafficType", "ACCEPT"), message: /logs accepted traffic only/ },
        ],
    },
    {
        policy: vpcDefaultSg,
        baseline: edgeStack,
        mutations: [
            { title: "default group not adopted", apply: remove("default-sg"), message: /VPC "vpc" leaves its default security group/ },
            { title: "default group with a rule", apply: set("default-sg", "ingress", [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]), message: /has 1 rule\(s\); it must have none/ },
        ],
    },
    {
        policy: subnetPublicIp,
        baseline: edgeStack,
        mutations: [{ title: "auto public IP", apply: set("public-1", "mapPublicIpOnLaunch", true), message: /mapPublicIpOnLaunch is true/ }],
    },
    {
        policy: ltImds,
        baseline: compute,
        mutations: [
            { title: "IMDSv1 allowed", apply: set("web-template", "metadataOptions.httpTokens", "optional"), message: /httpTokens is "optional"/ },
            { title: "no metadata options on an instance", apply: add(resource(T.ec2Instance, "bastion", { ami: "ami-1", tags: TAGS })), message: /httpTokens is unset/ },
        ],
    },
    {
        policy: ltHopLimit,
        baseline: compute,
        mutations: [{ title: "hop limit 2", apply: set("web-template", "metadataOptions.httpPutResponseHopLimit", 2), message: /httpPutResponseHopLimit is 2/ }],
    },
    {
        policy: ltPublicIp,
        baseline: compute,
        mutations: [
            { title: "public IP on the interface", apply: set("web-template", "networkInterfaces.0.associatePublicIpAddress", "true"), message: /networkInterfaces\[0\].associatePublicIpAddress is true/ },
            { title: "instance with a public IP", apply: add(resource(T.ec2Instance, "bastion", { associatePublicIpAddress: true })), message: /^associatePublicIpAddress is true/ },
            { title: "a role not listed does not exempt", apply: all(set("web-template", "networkInterfaces.0.associatePublicIpAddress", "true"), set("web-template", "tags.platform-role", "web")), message: /associatePublicIpAddress is true/ },
            {
                title: "an operator can forbid the public bastion too",
                config: { "aws-ec2-launch-template-no-public-ip": { publicRoles: [] } },
                apply: all(set("web-template", "networkInterfaces.0.associatePublicIpAddress", "true"), set("web-template", "tags.platform-role", "bastion")),
                message: /associatePublicIpAddress is true/,
            },
            {
                title: "the bastion role is public by default",
                apply: all(set("web-template", "networkInterfaces.0.associatePublicIpAddress", "true"), set("web-template", "tags.platform-role", "bastion")),
                expectNone: true,
            },
        ],
    },
    {
        policy: ltEbs,
        baseline: compute,
        mutations: [
            { title: "unencrypted root volume", apply: set("web-template", "blockDeviceMappings.0.ebs.encrypted", "false"), message: /blockDeviceMappings\[0\].ebs.encrypted is not true/ },
            { title: "no CMK", apply: set("web-template", "blockDeviceMappings.0.ebs.kmsKeyId", undefined), message: /kmsKeyId is not set/ },
            { title: "no volume declared", apply: set("web-template", "blockDeviceMappings", []), message: /declares no EBS volume/ },
            { title: "instance root volume unencrypted", apply: add(resource(T.ec2Instance, "bastion", { rootBlockDevice: { volumeSize: 8 } })), message: /rootBlockDevice.encrypted is not true/ },
        ],
    },
    {
        policy: ltUserData,
        baseline: compute,
        mutations: [
            { title: "literal password", apply: userData("#!/bin/bash\nexport DB_PASSWORD=hunter2hunter2\n"), message: /contains a password or token assignment/ },
            { title: "access key", apply: userData("aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE"), message: /contains an AWS access key id/ },
            { title: "private key", apply: userData("cat > key <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\nEOF"), message: /contains a private key/ },
            { title: "built from a secret", apply: set("web-template", "userData", "[secret]"), message: /built from a secret value/ },
        ],
    },
    {
        policy: asgHealthCheck,
        baseline: compute,
        mutations: [{ title: "EC2 checks behind a load balancer", apply: set("web-group", "healthCheckType", "EC2"), message: /healthCheckType is not ELB/ }],
    },
    {
        policy: asgSpot,
        baseline: compute,
        mutations: [
            {
                title: "spot on a web group",
                apply: set("web-group", "mixedInstancesPolicy", { instancesDistribution: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 0 }, launchTemplate: { launchTemplateSpecification: { launchTemplateId: "web-template-id" } } }),
                message: /spot capacity behind a load balancer/,
            },
            {
                title: "spot worker without an on-demand base",
                apply: all(set("web-group", "targetGroupArns", []), set("web-group", "mixedInstancesPolicy", { instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 0 } })),
                message: /no on-demand base/,
            },
            { title: "on-demand only above the base", apply: set("web-group", "mixedInstancesPolicy", { instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100 } }), expectNone: true },
        ],
    },
    {
        policy: asgLaunchTemplate,
        baseline: compute,
        mutations: [
            { title: "launch configuration", apply: all(set("web-group", "launchTemplate", undefined), set("web-group", "launchConfiguration", "lc-1")), message: /launchConfiguration is set/ },
            { title: "no template", apply: set("web-group", "launchTemplate", undefined), message: /neither launchTemplate nor mixedInstancesPolicy/ },
        ],
    },
    {
        policy: lbHeaders,
        baseline: edgeStack,
        mutations: [{ title: "invalid headers forwarded", apply: set("lb", "dropInvalidHeaderFields", false), message: /dropInvalidHeaderFields is not true/ }],
    },
    {
        policy: lbDesync,
        baseline: edgeStack,
        mutations: [{ title: "monitor mode", apply: set("lb", "desyncMitigationMode", "monitor"), message: /desyncMitigationMode is "monitor"/ }],
    },
    {
        policy: lbAccessLogs,
        baseline: edgeStack,
        mutations: [
            { title: "logs disabled", apply: set("lb", "accessLogs.enabled", false), message: /accessLogs is not enabled/ },
            { title: "no accessLogs", apply: set("lb", "accessLogs", undefined), message: /accessLogs is not enabled/ },
        ],
    },
    {
        policy: lbDeletion,
        baseline: edgeStack,
        mutations: [
            { title: "no deletion protection", apply: set("lb", "enableDeletionProtection", false), message: /enableDeletionProtection is not true/ },
            { title: "development does not require it", tier: "development", apply: set("lb", "enableDeletionProtection", false), expectNone: true },
        ],
    },
    {
        policy: lbWaf,
        baseline: edgeStack,
        mutations: [
            { title: "no association", apply: remove("waf-association"), message: /"lb" has no WAF web ACL/ },
            { title: "association of another load balancer", apply: all(set("waf-association", "resourceArn", "arn:aws:lb:us-east-1:123456789012:loadbalancer/other"), (rs) => rs.map((r) => (r.name === "waf-association" ? { ...r, dependsOn: [] } : r))), message: /"lb" has no WAF web ACL/ },
            { title: "development has no WAF by design", tier: "development", apply: remove("waf-association"), expectNone: true },
            { title: "internal load balancers need none", apply: all(remove("waf-association"), set("lb", "internal", true)), expectNone: true },
        ],
    },
    {
        policy: listenerTls,
        baseline: edgeStack,
        mutations: [
            { title: "TLS 1.0 policy", apply: set("https", "sslPolicy", "ELBSecurityPolicy-2016-08"), message: /sslPolicy is "ELBSecurityPolicy-2016-08"/ },
            { title: "provider default policy", apply: set("https", "sslPolicy", undefined), message: /unset \(the provider default allows TLS 1.0\)/ },
            { title: "no certificate", apply: set("https", "certificateArn", undefined), message: /certificateArn is not set/ },
        ],
    },
    {
        policy: listenerRedirect,
        baseline: edgeStack,
        mutations: [
            { title: "HTTP serves content", apply: set("http", "defaultActions", [{ type: "forward", targetGroupArn: "tg" }]), message: /does not only redirect to HTTPS/ },
            { title: "redirect to HTTP", apply: set("http", "defaultActions.0.redirect.protocol", "HTTP"), message: /does not only redirect to HTTPS/ },
        ],
    },
    {
        policy: wafRules,
        baseline: edgeStack,
        mutations: [{ title: "empty ACL", apply: set("waf", "rules", []), message: /has no rules/ }],
    },
    {
        policy: wafBadInputs,
        baseline: edgeStack,
        mutations: [{ title: "no known-bad-inputs group", apply: set("waf", "rules", [{ name: "RateLimitRule", priority: 1 }]), message: /AWSManagedRulesKnownBadInputsRuleSet/ }],
    },
    {
        policy: wafLogging,
        baseline: edgeStack,
        mutations: [{ title: "no logging configuration", apply: remove("waf-logging"), message: /web ACL "waf" has no logging configuration/ }],
    },
];
