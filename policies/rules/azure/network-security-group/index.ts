import { PlatformPolicy } from "../../../lib/types";
import { policy as adminPortsRestricted } from "./admin-ports-restricted";
import { policy as noWorldIngressExceptWeb } from "./no-world-ingress-except-web";
import { policy as worldIngressOnlyOnGateway } from "./world-ingress-only-on-gateway";

export const networkSecurityGroupPolicies: PlatformPolicy[] = [adminPortsRestricted, noWorldIngressExceptWeb, worldIngressOnlyOnGateway];
