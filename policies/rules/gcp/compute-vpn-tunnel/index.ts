import { PlatformPolicy } from "../../../lib/types";
import { policy as generatedSecret } from "./generated-secret";
import { policy as strongCiphers } from "./strong-ciphers";

export const vpnTunnelPolicies: PlatformPolicy[] = [strongCiphers, generatedSecret];
