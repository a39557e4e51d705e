// Secrets Manager replicas of every platform secret in the DR region. The secrets are created
// by the components that own them, before the DR component exists; each carries a replica
// encrypted with the DR region's secrets key, named by a fixed alias, and waits for that alias:
// a replica whose key is missing fails for good.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformSpec } from "../../tiers/types";
import { announcement } from "../recovery";

/** The DR component's name (components/platform.ts) and the role of its secrets key. */
export function drComponentName(platformName: string): string {
    return `${platformName}-dr`;
}

export const SECRETS_KEY_ROLE = "secrets";

/** `alias/<platform>-dr-secrets` in the DR region: known before the key exists. */
export function secretReplicaKeyAlias(platformName: string): string {
    return `alias/${drComponentName(platformName)}-${SECRETS_KEY_ROLE}`;
}

const replicaKey = announcement<pulumi.Resource>();

/** Called by the DR component with the alias of its secrets key. */
export function announceSecretReplicaKey(platform: PlatformSpec, alias: aws.kms.Alias): void {
    replicaKey.announce(platform, alias);
}

/** What a platform secret adds when the stack has a DR region: its replica, and the wait for the replica's key. */
export function secretReplication(platform: PlatformSpec): { replicas?: aws.types.input.secretsmanager.SecretReplica[]; dependsOn?: pulumi.Input<pulumi.Resource> } {
    const dr = platform.disasterRecovery;
    if (!dr) {
        return {};
    }
    return {
        replicas: [{ region: dr.region, kmsKeyId: secretReplicaKeyAlias(platform.name) }],
        dependsOn: replicaKey.ready(platform),
    };
}
