import { PlatformPolicy } from "../../../lib/types";
import { policy as requireTls } from "./require-tls";
import { policy as secretsAuth } from "./secrets-auth";

export const rdsProxyPolicies: PlatformPolicy[] = [requireTls, secretsAuth];
