import { PlatformPolicy } from "../../../lib/types";
import { policy as adminPortsRestricted } from "./admin-ports-restricted";
import { policy as descriptions } from "./descriptions";
import { policy as noWorldIngressExceptWeb } from "./no-world-ingress-except-web";
import { policy as worldIngressOnlyOnLoadBalancer } from "./world-ingress-only-on-load-balancer";

export const securityGroupPolicies: PlatformPolicy[] = [adminPortsRestricted, noWorldIngressExceptWeb, worldIngressOnlyOnLoadBalancer, descriptions];
