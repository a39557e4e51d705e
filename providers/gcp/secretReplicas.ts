// Secret Manager replicas of every platform secret in the DR region: user-managed replication
// in both regions, each replica encrypted with a key of its own region. The secrets are created
// by the components that own them, before the DR component exists; each waits for the DR
// region's secrets key and the Secret Manager agent's grant on it (Secret Manager refuses a
// replica key its agent may not use).

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { PlatformSpec } from "../../tiers/types";
import { announcement } from "../recovery";

export interface ReplicaKey {
    key: gcp.kms.CryptoKey;
    /** The Secret Manager agent's grant on the key. */
    grant: pulumi.Resource;
}

const replicaKey = announcement<ReplicaKey>();

/** Called by the DR component with its secrets key. */
export function announceSecretReplicaKey(platform: PlatformSpec, key: ReplicaKey): void {
    replicaKey.announce(platform, key);
}

/** The DR region's replica of a platform secret, and the wait for its key; nothing without a DR region. */
export function secretReplication(platform: PlatformSpec): { replica?: gcp.types.input.secretmanager.SecretReplicationUserManagedReplica; dependsOn: pulumi.Input<pulumi.Resource>[] } {
    const dr = platform.disasterRecovery;
    if (!dr) {
        return { dependsOn: [] };
    }
    const ready = replicaKey.ready(platform);
    return {
        replica: { location: dr.region, customerManagedEncryption: { kmsKeyName: pulumi.output(ready).apply((found) => found.key.id) } },
        dependsOn: [ready.then((found) => found.grant)],
    };
}
