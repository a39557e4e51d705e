// The LMS document's VPN gateway on GCP: an HA VPN gateway on the platform's VPC (two
// interfaces, each with its own Google public address). With a peer address: an external VPN
// gateway for it, a Cloud Router of its own (its own ASN, apart from the NAT router), two
// tunnels (one per gateway interface) with IKEv2, AES-256, SHA-2 and DH groups 14+ only and
// generated pre-shared keys kept in Secret Manager under the component's key, and a BGP
// session per tunnel. HA VPN has no static routing: the peer must speak BGP (peerAsn). The
// router advertises the app and data subnets only; routes it learns apply to every subnet of
// the region (the VPC's dynamic routing), so the app and data tiers reach the peer's ranges.
// Firewall rules stay as they are: the peer gets routes, not access.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, VpnOutputs } from "../adapter";
import { PlatformSpec, VpnSpec } from "../../tiers/types";
import { presharedKey } from "../tunnels";
import { childName, childOpts, createCryptoKey, createSecret, labelsFor, projectOf, regionOf } from "./common";
import { GcpNetworkNative, nativeOf } from "./native";

/** The VPN router's private ASN; the peer's must differ. */
export const ROUTER_ASN = 64514;

/** IKEv2 proposals both tunnels accept (no AES-GCM: AEAD and integrity cannot share a proposal). */
export const CIPHER_SUITE = {
    phase1: {
        encryptions: ["AES-CBC-256"],
        integrities: ["HMAC-SHA2-256-128", "HMAC-SHA2-384-192", "HMAC-SHA2-512-256"],
        prves: ["PRF-HMAC-SHA2-256", "PRF-HMAC-SHA2-384", "PRF-HMAC-SHA2-512"],
        dhs: ["Group-14", "Group-15", "Group-16", "Group-19", "Group-20", "Group-21"],
    },
    phase2: {
        encryptions: ["AES-CBC-256"],
        integrities: ["HMAC-SHA2-256-128", "HMAC-SHA2-384-192", "HMAC-SHA2-512-256"],
        pfs: ["Group-14", "Group-15", "Group-16", "Group-19", "Group-20", "Group-21"],
    },
};

/** Link-local /30 per tunnel for the BGP session: Cloud Router takes .1, the peer .2. */
export function bgpAddresses(tunnel: number): { router: string; peer: string; range: string } {
    const base = `169.254.${10 + tunnel}`;
    return { router: `${base}.1`, peer: `${base}.2`, range: `${base}.1/30` };
}

/** What GCP would refuse in the VPN keys, before anything is created. */
export function vpnProblems(spec: PlatformSpec): string[] {
    if (spec.vpn && spec.vpn.peerAsn === ROUTER_ASN) {
        return [`platform:vpn.peerAsn: ${spec.vpn.peerAsn} is the Cloud Router's ASN; the peer needs another one (e.g. 65000)`];
    }
    return [];
}

export function createVpn(ctx: AdapterContext, spec: VpnSpec, deps: DataDeps): AdapterResult<VpnOutputs> {
    const network = nativeOf<GcpNetworkNative>(deps.network);
    const project = projectOf(ctx);
    const region = regionOf(ctx);
    const gateway = new gcp.compute.HaVpnGateway(
        childName(ctx, "gateway"),
        { project, region, network: network.network.id, description: `${ctx.platform.name} VPN gateway`, stackType: "IPV4_ONLY", labels: labelsFor(ctx) },
        childOpts(ctx, { dependsOn: [network.apis["compute.googleapis.com"]] }),
    );
    const gatewayAddresses = gateway.vpnInterfaces.apply((interfaces) => (interfaces ?? []).map((entry) => entry.ipAddress ?? ""));
    if (!spec.peerAddress) {
        return {
            outputs: { gatewayId: gateway.id, tunnelAddresses: pulumi.output([]), presharedKeySecretRef: pulumi.output("") },
            native: { gateway },
            logGroups: [],
        };
    }

    const peer = new gcp.compute.ExternalVpnGateway(
        childName(ctx, "peer"),
        {
            project,
            redundancyType: "SINGLE_IP_INTERNALLY_REDUNDANT",
            interfaces: [{ id: 0, ipAddress: spec.peerAddress }],
            description: `${ctx.platform.name} VPN peer`,
            labels: labelsFor(ctx),
        },
        childOpts(ctx),
    );
    const router = new gcp.compute.Router(
        childName(ctx, "router"),
        {
            project,
            region,
            network: network.network.id,
            description: `${ctx.platform.name} VPN BGP`,
            bgp: {
                asn: ROUTER_ASN,
                advertiseMode: "CUSTOM",
                advertisedIpRanges: [
                    { range: network.appSubnet.ipCidrRange, description: "app subnet" },
                    { range: network.dataSubnet.ipCidrRange, description: "data subnet" },
                ],
            },
        },
        childOpts(ctx),
    );
    const { key, grants } = createCryptoKey(ctx, network.keyRing, "vpn", [network.serviceAgents["secretmanager.googleapis.com"]]);
    const keys = Array.from({ length: spec.tunnels }, (_, index) => presharedKey(childName(ctx, `tunnel-${index + 1}-psk`), childOpts(ctx)));
    const secret = createSecret(ctx, "psk", {
        path: "vpn/preshared-keys",
        key,
        value: pulumi.secret(pulumi.jsonStringify(Object.fromEntries(keys.map((psk, index) => [`tunnel${index + 1}`, psk.result])))),
        dependsOn: grants,
    });
    keys.forEach((psk, index) => {
        const role = `tunnel-${index + 1}`;
        const tunnel = new gcp.compute.VPNTunnel(
            childName(ctx, role),
            {
                project,
                region,
                vpnGateway: gateway.id,
                vpnGatewayInterface: index,
                peerExternalGateway: peer.id,
                peerExternalGatewayInterface: 0,
                router: router.id,
                ikeVersion: 2,
                sharedSecret: psk.result,
                cipherSuite: CIPHER_SUITE,
                labels: labelsFor(ctx),
            },
            childOpts(ctx),
        );
        const addresses = bgpAddresses(index + 1);
        const routerInterface = new gcp.compute.RouterInterface(
            childName(ctx, `${role}-interface`),
            { project, region, router: router.name, ipRange: addresses.range, vpnTunnel: tunnel.name },
            childOpts(ctx),
        );
        new gcp.compute.RouterPeer(
            childName(ctx, `${role}-bgp`),
            { project, region, router: router.name, interface: routerInterface.name, peerIpAddress: addresses.peer, peerAsn: spec.peerAsn },
            childOpts(ctx),
        );
    });
    return {
        outputs: { gatewayId: gateway.id, tunnelAddresses: gatewayAddresses, presharedKeySecretRef: secret.id },
        native: { gateway, router, peer, key },
        logGroups: [],
    };
}
