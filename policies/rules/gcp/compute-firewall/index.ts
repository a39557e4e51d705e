import { PlatformPolicy } from "../../../lib/types";
import { policy as adminPortsRestricted } from "./admin-ports-restricted";
import { policy as descriptions } from "./descriptions";
import { policy as logging } from "./logging";
import { policy as noWorldIngress } from "./no-world-ingress";

export const firewallPolicies: PlatformPolicy[] = [adminPortsRestricted, noWorldIngress, logging, descriptions];
