// Operators' access when the stack names no admin ranges: Azure Bastion, Azure's counterpart of
// Session Manager. Nothing listens on the internet but Bastion's own TLS front; SSH to the
// instances and `az network bastion tunnel` to PostgreSQL go through it with Entra ID sign-in.
// Standard SKU: native-client tunnels (Basic offers only the portal's browser session).

import * as network from "@pulumi/azure-native/network";
import { AdapterContext } from "../adapter";
import { childName, childOpts, tagsFor } from "./common";
import { AzureNetworkNative } from "./native";

export function createBastion(ctx: AdapterContext, net: AzureNetworkNative, subnet: network.Subnet): network.BastionHost {
    const ip = new network.PublicIPAddress(
        childName(ctx, "bastion-ip"),
        {
            resourceGroupName: net.resourceGroup.name,
            location: net.location,
            publicIpAddressName: childName(ctx, "bastion-ip"),
            sku: { name: "Standard", tier: "Regional" },
            publicIPAllocationMethod: "Static",
            zones: net.zones,
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    return new network.BastionHost(
        childName(ctx, "bastion"),
        {
            resourceGroupName: net.resourceGroup.name,
            location: net.location,
            bastionHostName: childName(ctx, "bastion"),
            sku: { name: "Standard" },
            scaleUnits: 2,
            enableTunneling: true,
            enableShareableLink: false,
            enableIpConnect: false,
            ipConfigurations: [{ name: "bastion", subnet: { id: subnet.id }, publicIPAddress: { id: ip.id } }],
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
}
