import { PlatformPolicy } from "../../../lib/types";
import { policy as sslPolicy } from "./ssl-policy";

export const httpsProxyPolicies: PlatformPolicy[] = [sslPolicy];
