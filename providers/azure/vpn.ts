// The LMS document's VPN gateway on Azure: a route-based VpnGw1AZ virtual network gateway in
// the VNet's GatewaySubnet (a /27 the network builds with `vpn`), on Standard zone-redundant
// public addresses; active-active (two instances, two addresses, two tunnels) where data is
// protected, one instance elsewhere. With a peer: a local network gateway for its address and
// ranges and an IPsec connection with one custom policy (IKEv2, AES-256, SHA-256, DH group 14,
// PFS 2048) and a generated shared key kept in Key Vault. Routes to the peer's ranges reach
// every subnet of the VNet through the gateway by default (no route table needed); NSGs stay
// as they are: the peer gets routes, not access.

import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, VpnOutputs } from "../adapter";
import { PlatformSpec, VpnSpec } from "../../tiers/types";
import { presharedKey } from "../tunnels";
import { childName, childOpts, locationOf, tagsFor, vaultObjectName } from "./common";
import { createVaultSecret } from "./keyVault";
import { AzureNetworkNative, nativeOf } from "./native";

/** The smallest zone-redundant SKU; "Basic" has no IKEv2 custom policy and no zones. */
export const GATEWAY_SKU = "VpnGw1AZ";
/** One proposal, what the peer must configure: IKEv2 AES-256/SHA-256, DH group 14, PFS group 14, 8 h / 1 h lifetimes. */
export const IPSEC_POLICY = {
    ikeEncryption: "AES256",
    ikeIntegrity: "SHA256",
    dhGroup: "DHGroup14",
    ipsecEncryption: "AES256",
    ipsecIntegrity: "SHA256",
    pfsGroup: "PFS2048",
    saLifeTimeSeconds: 3600,
    saDataSizeKilobytes: 102400000,
};
const ZONE_REDUNDANT = ["1", "2", "3"];

/** What Azure would refuse in the VPN keys, before anything is created. */
export function vpnProblems(spec: PlatformSpec): string[] {
    // Static routes only: BGP would need the peer's BGP address, which the keys do not carry.
    if (spec.vpn?.peerAddress && spec.vpn.peerCidrs.length === 0) {
        return [`platform:vpn.peerCidrs: [] on azure; the local network gateway routes the peer's ranges statically: list them, e.g. ["192.168.0.0/16"]`];
    }
    return [];
}

export function createVpn(ctx: AdapterContext, spec: VpnSpec, deps: DataDeps): AdapterResult<VpnOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    if (!net.vpnGatewaySubnet) {
        throw new pulumi.RunError("the network built no GatewaySubnet although vpn is on");
    }
    const location = locationOf(ctx);
    const resourceGroupName = net.resourceGroup.name;
    const activeActive = ctx.platform.protectData;
    const addresses = Array.from({ length: activeActive ? 2 : 1 }, (_, index) =>
        new network.PublicIPAddress(
            childName(ctx, `ip-${index + 1}`),
            {
                resourceGroupName,
                location,
                sku: { name: "Standard", tier: "Regional" },
                publicIPAllocationMethod: "Static",
                publicIPAddressVersion: "IPv4",
                zones: ZONE_REDUNDANT,
                tags: tagsFor(ctx),
            },
            childOpts(ctx),
        ),
    );
    const gateway = new network.VirtualNetworkGateway(
        childName(ctx, "gateway"),
        {
            resourceGroupName,
            location,
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            vpnGatewayGeneration: "Generation1",
            sku: { name: GATEWAY_SKU, tier: GATEWAY_SKU },
            activeActive,
            enableBgp: false,
            ipConfigurations: addresses.map((address, index) => ({
                name: `ipconfig-${index + 1}`,
                privateIPAllocationMethod: "Dynamic",
                publicIPAddress: { id: address.id },
                subnet: { id: net.vpnGatewaySubnet!.id },
            })),
            tags: tagsFor(ctx),
        },
        // Creating or replacing a VPN gateway takes 30-45 minutes.
        childOpts(ctx, { customTimeouts: { create: "90m", update: "90m", delete: "60m" } }),
    );
    const tunnelAddresses = pulumi.all(addresses.map((address) => address.ipAddress.apply((ip) => ip ?? "")));
    if (!spec.peerAddress) {
        return { outputs: { gatewayId: gateway.id, tunnelAddresses: pulumi.output([]), presharedKeySecretRef: pulumi.output("") }, native: { gateway }, logGroups: [] };
    }

    const peer = new network.LocalNetworkGateway(
        childName(ctx, "peer"),
        { resourceGroupName, location, gatewayIpAddress: spec.peerAddress, localNetworkAddressSpace: { addressPrefixes: spec.peerCidrs }, tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    // One key per connection: both instances of an active-active gateway use it.
    const psk = presharedKey(childName(ctx, "psk"), childOpts(ctx));
    const secret = createVaultSecret(ctx, net, "psk-secret", { name: vaultObjectName(ctx.name, "preshared-key"), value: psk.result, contentType: "text/plain" });
    new network.VirtualNetworkGatewayConnection(
        childName(ctx, "connection"),
        {
            resourceGroupName,
            location,
            connectionType: "IPsec",
            connectionProtocol: "IKEv2",
            virtualNetworkGateway1: { id: gateway.id },
            localNetworkGateway2: { id: peer.id },
            sharedKey: psk.result,
            ipsecPolicies: [IPSEC_POLICY],
            usePolicyBasedTrafficSelectors: false,
            enableBgp: false,
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { additionalSecretOutputs: ["sharedKey"] }),
    );
    return {
        outputs: { gatewayId: gateway.id, tunnelAddresses, presharedKeySecretRef: secret.id },
        native: { gateway, peer },
        logGroups: [],
    };
}
