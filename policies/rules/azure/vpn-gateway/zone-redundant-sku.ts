import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { VPN_GATEWAY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-vpn-gateway-zone-redundant-sku",
    description: "VPN gateways are route-based on a zone-redundant VpnGw*AZ SKU: Basic has no custom IPsec policy, no IKEv2 policy control and no SLA beyond one instance, and the non-AZ SKUs go down with a zone (LMS requirements, Network Architecture: no Checkov or CIS check exists for VPN gateway SKUs).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [VPN_GATEWAY],
    requires: "`gatewayType: \"Vpn\"` with `vpnType: \"RouteBased\"` and `sku.name` VpnGw1AZ-VpnGw5AZ",
    validateResource: validateTypes([VPN_GATEWAY], (props, _args, report) => {
        if (at(props, "gatewayType") !== "Vpn") {
            return;
        }
        const sku = at(props, "sku.name");
        if (!isUnknown(sku) && !/^VpnGw[1-5]AZ$/.test(String(sku))) {
            report(`sku.name is ${JSON.stringify(sku ?? null)}, not a VpnGw*AZ SKU: ${sku === "Basic" ? "Basic allows no custom IPsec policy" : "the gateway is not zone-redundant"}.`);
        }
        const type = at(props, "vpnType");
        if (!isUnknown(type) && type !== "RouteBased") {
            report(`vpnType is ${JSON.stringify(type ?? null)}, not "RouteBased": policy-based gateways take IKEv1 and one tunnel only.`);
        }
    }),
};
