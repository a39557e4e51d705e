import { PlatformPolicy } from "../../../lib/types";
import { policy as metrics } from "./metrics";

export const objectReplicationPolicies: PlatformPolicy[] = [metrics];
