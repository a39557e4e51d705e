import { PlatformPolicy } from "../../../lib/types";
import { policy as generatedKey } from "./generated-key";
import { policy as ipsecPolicy } from "./ipsec-policy";

export const vpnConnectionPolicies: PlatformPolicy[] = [ipsecPolicy, generatedKey];
