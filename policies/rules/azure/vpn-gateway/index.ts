import { PlatformPolicy } from "../../../lib/types";
import { policy as zoneRedundantSku } from "./zone-redundant-sku";

export const vpnGatewayPolicies: PlatformPolicy[] = [zoneRedundantSku];
