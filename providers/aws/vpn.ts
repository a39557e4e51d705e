// The LMS document's VPN gateway (`enable_vpn_gateway = true`): a virtual private gateway on the
// VPC that propagates the peer's routes into the app and data route tables. With a peer address,
// a customer gateway and one Site-to-Site VPN connection (two tunnels, one per AWS endpoint),
// IKEv2 with AES-256/SHA-2 and DH groups 14-21 only, generated pre-shared keys kept in Secrets
// Manager under the component's key, and tunnel activity logged to CloudWatch Logs.
//
// Security groups stay as they are: the peer's ranges get routes, not access. Opening a port to
// them is a deliberate change to the app tier's group, not a side effect of the tunnel.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, VpnOutputs } from "../adapter";
import { PlatformSpec, VpnSpec } from "../../tiers/types";
import { presharedKey, STRONG_DH_GROUPS, usesStaticRoutes } from "../tunnels";
import { childName, childOpts, createKmsKey, createLogGroup, createSecret, tagsFor } from "./common";
import { AwsNetworkNative, nativeOf } from "./native";

/** The gateway's own private ASN (the AWS default); the peer's must differ for BGP to peer. */
export const AMAZON_SIDE_ASN = 64512;

/** The proposals both tunnels accept; anything weaker never negotiates. */
export const TUNNEL_PROPOSALS = {
    ikeVersions: ["ikev2"],
    phase1EncryptionAlgorithms: ["AES256", "AES256-GCM-16"],
    phase1IntegrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
    phase1DhGroupNumbers: [...STRONG_DH_GROUPS],
    phase2EncryptionAlgorithms: ["AES256", "AES256-GCM-16"],
    phase2IntegrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
    phase2DhGroupNumbers: [...STRONG_DH_GROUPS],
};

/** What AWS would refuse in the VPN keys, before anything is created. */
export function vpnProblems(spec: PlatformSpec): string[] {
    if (spec.vpn && spec.vpn.peerAsn === AMAZON_SIDE_ASN) {
        return [`platform:vpn.peerAsn: ${spec.vpn.peerAsn} is the AWS side's ASN; the peer needs another one (e.g. 65000)`];
    }
    return [];
}

/** The same options for tunnel 1 and tunnel 2, under their prefixed names. */
function tunnelArgs(index: 1 | 2, psk: pulumi.Input<string>, logGroupArn: pulumi.Input<string>): Partial<aws.ec2.VpnConnectionArgs> {
    const prefix = `tunnel${index}`;
    const entries: [string, unknown][] = [
        ...Object.entries(TUNNEL_PROPOSALS).map(([name, value]): [string, unknown] => [`${prefix}${name[0].toUpperCase()}${name.slice(1)}`, value]),
        [`${prefix}PresharedKey`, psk],
        [`${prefix}LogOptions`, { cloudwatchLogOptions: { logEnabled: true, logGroupArn, logOutputFormat: "json" } }],
    ];
    return Object.fromEntries(entries) as Partial<aws.ec2.VpnConnectionArgs>;
}

export function createVpn(ctx: AdapterContext, spec: VpnSpec, deps: DataDeps): AdapterResult<VpnOutputs> {
    const network = nativeOf<AwsNetworkNative>(deps.network);
    const gateway = new aws.ec2.VpnGateway(
        childName(ctx, "gateway"),
        { vpcId: network.vpc.id, amazonSideAsn: String(AMAZON_SIDE_ASN), tags: tagsFor(ctx, "gateway") },
        childOpts(ctx),
    );
    const tables = [...network.routeTables.app.map((table, index) => ({ role: `app-${index + 1}`, table })), { role: "data", table: network.routeTables.data }];
    for (const { role, table } of tables) {
        new aws.ec2.VpnGatewayRoutePropagation(
            childName(ctx, `propagation-${role}`),
            { vpnGatewayId: gateway.id, routeTableId: table.id },
            childOpts(ctx),
        );
    }
    if (!spec.peerAddress) {
        return {
            outputs: { gatewayId: gateway.id, tunnelAddresses: pulumi.output([]), presharedKeySecretRef: pulumi.output("") },
            native: { gateway },
            logGroups: [],
        };
    }

    const key = createKmsKey(ctx, "vpn", { description: `${ctx.platform.name} VPN pre-shared keys and tunnel logs`, logs: true });
    const keys = [1, 2].map((index) => presharedKey(childName(ctx, `tunnel-${index}-psk`), childOpts(ctx)));
    const secret = createSecret(ctx, "psk", {
        path: "vpn/preshared-keys",
        description: `Pre-shared keys of the two tunnels to ${spec.peerAddress}: JSON {tunnel1, tunnel2}`,
        kmsKeyId: key.arn,
        value: pulumi.secret(pulumi.jsonStringify({ tunnel1: keys[0].result, tunnel2: keys[1].result })),
    });
    const logGroup = createLogGroup(ctx, "tunnel-logs", { name: `/${ctx.platform.name}/vpn/tunnels`, retentionDays: ctx.platform.observability.logRetentionDays, key });
    const customerGateway = new aws.ec2.CustomerGateway(
        childName(ctx, "peer"),
        { bgpAsn: String(spec.peerAsn), ipAddress: spec.peerAddress, type: "ipsec.1", tags: tagsFor(ctx, "peer") },
        childOpts(ctx),
    );
    const staticRoutes = usesStaticRoutes(spec.peerCidrs);
    const connection = new aws.ec2.VpnConnection(
        childName(ctx, "connection"),
        {
            vpnGatewayId: gateway.id,
            customerGatewayId: customerGateway.id,
            type: "ipsec.1",
            staticRoutesOnly: staticRoutes,
            ...tunnelArgs(1, keys[0].result, logGroup.arn),
            ...tunnelArgs(2, keys[1].result, logGroup.arn),
            tags: tagsFor(ctx, "connection"),
        },
        childOpts(ctx),
    );
    if (staticRoutes) {
        spec.peerCidrs.forEach((cidr, index) => {
            new aws.ec2.VpnConnectionRoute(
                childName(ctx, `route-${index + 1}`),
                { vpnConnectionId: connection.id, destinationCidrBlock: cidr },
                childOpts(ctx),
            );
        });
    }
    return {
        outputs: {
            gatewayId: gateway.id,
            tunnelAddresses: pulumi.all([connection.tunnel1Address, connection.tunnel2Address]),
            presharedKeySecretRef: secret.arn,
        },
        native: { gateway, customerGateway, connection, key },
        logGroups: [logGroup.name],
    };
}
