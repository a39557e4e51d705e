// The AWS network of the idea-management document: one VPC, three subnet tiers per zone
// (public for the load balancer and NAT, app for the fleet, data for RDS and ElastiCache),
// security groups that only let each tier talk to the next one, and VPC flow logs.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, NetworkOutputs } from "../adapter";
import { NetworkSpec } from "../../tiers/types";
import { childName, childOpts, createKmsKey, createLogGroup, createServiceRole, regionOf, tagsFor, withOverrides } from "./common";
import { createBastion } from "./bastion";
import { AwsNetworkNative } from "./native";

const ANYWHERE_IPV4 = "0.0.0.0/0";
const HTTPS = 443;
const HTTP = 80;
const SSH = 22;

type Tier = "public" | "app" | "data";

/** Where a rule points: another security group or a CIDR block. */
export type Peer = { group: aws.ec2.SecurityGroup } | { cidr: string };

export interface RuleSpec {
    role: string;
    port: number;
    peer: Peer;
    description: string;
}

function peerArgs(peer: Peer): { referencedSecurityGroupId?: pulumi.Input<string>; cidrIpv4?: string; cidrIpv6?: string } {
    if ("group" in peer) {
        return { referencedSecurityGroupId: peer.group.id };
    }
    return peer.cidr.includes(":") ? { cidrIpv6: peer.cidr } : { cidrIpv4: peer.cidr };
}

// Rules live outside the groups so groups can reference each other without a dependency cycle.
function rule(ctx: AdapterContext, direction: "in" | "out", group: aws.ec2.SecurityGroup, groupRole: string, spec: RuleSpec): void {
    const role = `${groupRole}-${direction}-${spec.role}`;
    const args: aws.vpc.SecurityGroupIngressRuleArgs & aws.vpc.SecurityGroupEgressRuleArgs = {
        securityGroupId: group.id,
        description: spec.description,
        ipProtocol: "tcp",
        fromPort: spec.port,
        toPort: spec.port,
        ...peerArgs(spec.peer),
        tags: tagsFor(ctx, role),
    };
    if (direction === "in") {
        new aws.vpc.SecurityGroupIngressRule(childName(ctx, role), args, childOpts(ctx));
    } else {
        new aws.vpc.SecurityGroupEgressRule(childName(ctx, role), args, childOpts(ctx));
    }
}

export const ingress = (ctx: AdapterContext, group: aws.ec2.SecurityGroup, groupRole: string, spec: RuleSpec): void => rule(ctx, "in", group, groupRole, spec);
export const egress = (ctx: AdapterContext, group: aws.ec2.SecurityGroup, groupRole: string, spec: RuleSpec): void => rule(ctx, "out", group, groupRole, spec);

export function securityGroup(ctx: AdapterContext, vpc: aws.ec2.Vpc, role: string, description: string): aws.ec2.SecurityGroup {
    // No inline rules: inline and standalone rules on one group overwrite each other.
    return new aws.ec2.SecurityGroup(
        childName(ctx, `${role}-sg`),
        { vpcId: vpc.id, description, tags: tagsFor(ctx, `${role}-sg`) },
        childOpts(ctx),
    );
}

function createSecurityGroups(ctx: AdapterContext, spec: NetworkSpec, vpc: aws.ec2.Vpc): AwsNetworkNative["securityGroups"] {
    const dbPort = ctx.platform.database.port;
    const cachePort = ctx.platform.cache.port;
    const loadBalancer = securityGroup(ctx, vpc, "lb", "Public load balancer: HTTP(S) from the internet to the app tier");
    const app = securityGroup(ctx, vpc, "app", "App fleet: traffic from the load balancer, out to data stores and HTTPS");
    const database = securityGroup(ctx, vpc, "db", "PostgreSQL: from the app tier only, initiates nothing");
    const cache = securityGroup(ctx, vpc, "cache", "Redis: from the app tier only, initiates nothing");
    const bastion = spec.adminCidrs.length
        ? securityGroup(ctx, vpc, "bastion", "Bastion: SSH from the admin allow-list to the app and database tiers")
        : undefined;

    // HTTP stays open only so the listener can redirect it to HTTPS.
    ingress(ctx, loadBalancer, "lb", { role: "http", port: HTTP, peer: { cidr: ANYWHERE_IPV4 }, description: "HTTP from the internet (redirected to HTTPS)" });
    ingress(ctx, loadBalancer, "lb", { role: "https", port: HTTPS, peer: { cidr: ANYWHERE_IPV4 }, description: "HTTPS from the internet" });
    for (const port of spec.servicePorts) {
        egress(ctx, loadBalancer, "lb", { role: `app-${port}`, port, peer: { group: app }, description: `To the app tier on service port ${port}` });
        ingress(ctx, app, "app", { role: `lb-${port}`, port, peer: { group: loadBalancer }, description: `From the load balancer on service port ${port}` });
    }
    // No service-to-service rule here: the paths a stack declares with `calls` get their own
    // groups and an internal load balancer (internalLoadBalancer.ts).
    egress(ctx, app, "app", { role: "https", port: HTTPS, peer: { cidr: ANYWHERE_IPV4 }, description: "HTTPS to external APIs, package mirrors and AWS APIs" });
    egress(ctx, app, "app", { role: "db", port: dbPort, peer: { group: database }, description: "PostgreSQL" });
    egress(ctx, app, "app", { role: "cache", port: cachePort, peer: { group: cache }, description: "Redis" });
    ingress(ctx, database, "db", { role: "app", port: dbPort, peer: { group: app }, description: "PostgreSQL from the app tier" });
    ingress(ctx, cache, "cache", { role: "app", port: cachePort, peer: { group: app }, description: "Redis from the app tier" });

    if (bastion) {
        spec.adminCidrs.forEach((cidr, index) => {
            ingress(ctx, bastion, "bastion", { role: `ssh-${index + 1}`, port: SSH, peer: { cidr }, description: `SSH from admin range ${cidr}` });
        });
        egress(ctx, bastion, "bastion", { role: "app-ssh", port: SSH, peer: { group: app }, description: "SSH to the app tier" });
        egress(ctx, bastion, "bastion", { role: "db", port: dbPort, peer: { group: database }, description: "PostgreSQL for operators" });
        // Session Manager and package updates reach AWS endpoints over HTTPS.
        egress(ctx, bastion, "bastion", { role: "https", port: HTTPS, peer: { cidr: ANYWHERE_IPV4 }, description: "HTTPS to AWS APIs and package mirrors" });
        ingress(ctx, app, "app", { role: "bastion-ssh", port: SSH, peer: { group: bastion }, description: "SSH from the bastion" });
        ingress(ctx, database, "db", { role: "bastion", port: dbPort, peer: { group: bastion }, description: "PostgreSQL from the bastion" });
    }
    return { loadBalancer, app, database, cache, bastion };
}

function createFlowLogs(ctx: AdapterContext, spec: NetworkSpec, vpc: aws.ec2.Vpc): aws.cloudwatch.LogGroup {
    const key = createKmsKey(ctx, "flow-logs", { description: `${ctx.platform.name} VPC flow logs`, logs: true });
    const logGroup = createLogGroup(ctx, "flow-logs", { name: `/${ctx.platform.name}/network/flow-logs`, retentionDays: spec.flowLogRetentionDays, key });
    const region = regionOf(ctx);
    // The account and flow-log conditions stop another account's flow log from borrowing this role.
    const role = createServiceRole(ctx, "flow-logs-role", {
        service: "vpc-flow-logs.amazonaws.com",
        description: "Lets VPC flow logs write to their log group",
        sourceArnPattern: (account) => `arn:aws:ec2:${region}:${account}:vpc-flow-log/*`,
    });
    // The group is created here, so the role needs neither CreateLogGroup nor any "*" resource.
    const rolePolicy = new aws.iam.RolePolicy(
        childName(ctx, "flow-logs-policy"),
        {
            role: role.id,
            policy: logGroup.arn.apply((arn) =>
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                            Resource: `${arn}:*`,
                        },
                    ],
                }),
            ),
        },
        childOpts(ctx),
    );
    new aws.ec2.FlowLog(
        childName(ctx, "flow-log"),
        {
            vpcId: vpc.id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
            tags: tagsFor(ctx, "flow-log"),
        },
        childOpts(ctx, { dependsOn: [rolePolicy] }),
    );
    return logGroup;
}

export function createNetwork(ctx: AdapterContext, spec: NetworkSpec): AdapterResult<NetworkOutputs> {
    const region = regionOf(ctx);
    const vpcArgs: aws.ec2.VpcArgs = {
        cidrBlock: spec.cidr,
        // RDS and ElastiCache endpoints are DNS names that must resolve inside the VPC.
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: tagsFor(ctx, "vpc"),
    };
    const vpc = new aws.ec2.Vpc(childName(ctx, "vpc"), withOverrides(ctx, "network", vpcArgs), childOpts(ctx));

    const available = aws.getAvailabilityZonesOutput({ state: "available" }, { parent: ctx.parent });
    const zoneName = (index: number): pulumi.Output<string> =>
        available.names.apply((names) => {
            if (!names[index]) {
                throw new pulumi.RunError(`Region ${region} has ${names.length} available zones; the network asks for ${spec.zones}.`);
            }
            return names[index];
        });

    const subnet = (tier: Tier, zone: number, cidr: string): aws.ec2.Subnet => {
        const role = `${tier}-${zone + 1}`;
        return new aws.ec2.Subnet(
            childName(ctx, role),
            {
                vpcId: vpc.id,
                cidrBlock: cidr,
                availabilityZone: zoneName(zone),
                // The ALB and NAT gateways bring their own addresses; nothing needs an automatic one.
                mapPublicIpOnLaunch: false,
                tags: { ...tagsFor(ctx, role), "subnet-tier": tier },
            },
            childOpts(ctx),
        );
    };
    const publicSubnets = spec.subnets.map((block) => subnet("public", block.zoneIndex, block.publicCidr));
    const appSubnets = spec.subnets.map((block) => subnet("app", block.zoneIndex, block.appCidr));
    const dataSubnets = spec.subnets.map((block) => subnet("data", block.zoneIndex, block.dataCidr));

    const routeTable = (role: string): aws.ec2.RouteTable =>
        new aws.ec2.RouteTable(childName(ctx, role), { vpcId: vpc.id, tags: tagsFor(ctx, role) }, childOpts(ctx));
    const associate = (role: string, table: aws.ec2.RouteTable, subnets: aws.ec2.Subnet[]): void =>
        subnets.forEach((member, index) => {
            new aws.ec2.RouteTableAssociation(
                childName(ctx, `${role}-${index + 1}`),
                { routeTableId: table.id, subnetId: member.id },
                childOpts(ctx),
            );
        });

    const internetGateway = new aws.ec2.InternetGateway(
        childName(ctx, "igw"),
        { vpcId: vpc.id, tags: tagsFor(ctx, "igw") },
        childOpts(ctx),
    );
    const publicRoutes = routeTable("public-rt");
    new aws.ec2.Route(
        childName(ctx, "public-default-route"),
        { routeTableId: publicRoutes.id, destinationCidrBlock: ANYWHERE_IPV4, gatewayId: internetGateway.id },
        childOpts(ctx),
    );
    associate("public-rta", publicRoutes, publicSubnets);

    // One NAT is the cheap choice; one per zone keeps a zone's egress alive when another zone fails.
    const natCount = spec.natGateways === "perZone" ? publicSubnets.length : 1;
    const natGateways = publicSubnets.slice(0, natCount).map((publicSubnet, index) => {
        const role = `nat-${index + 1}`;
        const eip = new aws.ec2.Eip(
            childName(ctx, `${role}-eip`),
            { domain: "vpc", tags: tagsFor(ctx, `${role}-eip`) },
            childOpts(ctx, { dependsOn: [internetGateway] }),
        );
        return new aws.ec2.NatGateway(
            childName(ctx, role),
            { allocationId: eip.id, subnetId: publicSubnet.id, tags: tagsFor(ctx, role) },
            childOpts(ctx, { dependsOn: [internetGateway] }),
        );
    });
    const appEgress: pulumi.Resource[] = [];
    const appRouteTables = appSubnets.map((appSubnet, index) => {
        const role = `app-rt-${index + 1}`;
        const table = routeTable(role);
        const route = new aws.ec2.Route(
            childName(ctx, `app-default-route-${index + 1}`),
            { routeTableId: table.id, destinationCidrBlock: ANYWHERE_IPV4, natGatewayId: natGateways[Math.min(index, natCount - 1)].id },
            childOpts(ctx),
        );
        const association = new aws.ec2.RouteTableAssociation(
            childName(ctx, `app-rta-${index + 1}`),
            { routeTableId: table.id, subnetId: appSubnet.id },
            childOpts(ctx),
        );
        appEgress.push(route, association);
        return table;
    });
    // No internet route: RDS and ElastiCache never open outbound connections.
    const dataRoutes = routeTable("data-rt");
    associate("data-rta", dataRoutes, dataSubnets);

    // Gateway endpoints are free and keep object traffic off the NAT (cost) and off the internet.
    new aws.ec2.VpcEndpoint(
        childName(ctx, "s3-endpoint"),
        {
            vpcId: vpc.id,
            serviceName: `com.amazonaws.${region}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds: appRouteTables.map((table) => table.id),
            tags: tagsFor(ctx, "s3-endpoint"),
        },
        childOpts(ctx),
    );

    // CIS 5.4: the default group is adopted and emptied so nothing can fall back on it.
    new aws.ec2.DefaultSecurityGroup(
        childName(ctx, "default-sg"),
        { vpcId: vpc.id, ingress: [], egress: [], tags: tagsFor(ctx, "default-sg") },
        childOpts(ctx),
    );

    const flowLogGroup = createFlowLogs(ctx, spec, vpc);
    const securityGroups = createSecurityGroups(ctx, spec, vpc);

    if (securityGroups.bastion) {
        createBastion(ctx, publicSubnets, securityGroups.bastion);
    }

    const ids = (subnets: aws.ec2.Subnet[]): pulumi.Output<string[]> => pulumi.all(subnets.map((member) => member.id));
    const native: AwsNetworkNative = { vpc, publicSubnets, appSubnets, dataSubnets, securityGroups, appEgress, routeTables: { app: appRouteTables, data: dataRoutes } };
    return {
        outputs: {
            networkId: vpc.id,
            zones: available.names.apply((names) => names.slice(0, spec.zones)),
            publicSubnetIds: ids(publicSubnets),
            appSubnetIds: ids(appSubnets),
            dataSubnetIds: ids(dataSubnets),
        },
        native,
        logGroups: [flowLogGroup.name],
    };
}
