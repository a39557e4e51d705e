import { PlatformPolicy } from "../../../lib/types";
import { policy as hasNetworkSecurityGroup } from "./has-network-security-group";

export const subnetPolicies: PlatformPolicy[] = [hasNetworkSecurityGroup];
