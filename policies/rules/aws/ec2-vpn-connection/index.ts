import { PlatformPolicy } from "../../../lib/types";
import { policy as generatedPsk } from "./generated-psk";
import { policy as strongTunnels } from "./strong-tunnels";

export const vpnConnectionPolicies: PlatformPolicy[] = [strongTunnels, generatedPsk];
