import { PlatformPolicy } from "../../../lib/types";
import { policy as tls } from "./tls";

export const postgresConfigurationPolicies: PlatformPolicy[] = [tls];
