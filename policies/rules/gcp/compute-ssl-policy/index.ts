import { PlatformPolicy } from "../../../lib/types";
import { policy as tls12 } from "./tls-1-2";

export const sslPolicyPolicies: PlatformPolicy[] = [tls12];
