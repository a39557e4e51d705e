import { PlatformPolicy } from "../../../lib/types";
import { policy as encryptedDestination } from "./encrypted-destination";
import { policy as replicationTimeControl } from "./replication-time-control";

export const bucketReplicationPolicies: PlatformPolicy[] = [replicationTimeControl, encryptedDestination];
