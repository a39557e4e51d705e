import { PlatformPolicy } from "../../../lib/types";
import { policy as pgbouncerPool } from "./pgbouncer-pool";
import { policy as tls } from "./tls";

export const postgresConfigurationPolicies: PlatformPolicy[] = [tls, pgbouncerPool];
