import { PlatformPolicy } from "../../../lib/types";
import { policy as authToken } from "./auth-token";
import { policy as automaticFailover } from "./automatic-failover";
import { policy as encryptedAtRest } from "./encrypted-at-rest";
import { policy as encryptedInTransit } from "./encrypted-in-transit";
import { policy as protectedGroup } from "./protected";
import { policy as snapshotRetention } from "./snapshot-retention";

export const replicationGroupPolicies: PlatformPolicy[] = [
    encryptedAtRest,
    encryptedInTransit,
    authToken,
    automaticFailover,
    snapshotRetention,
    protectedGroup,
];
