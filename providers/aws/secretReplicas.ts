// Secrets Manager replicas of every platform secret in the DR region. The secrets are created
// by the components that own them, before the DR component exists; each carries a replica
// encrypted with the DR region's secrets key, named by a fixed alias, and waits for that key:
// the DR component announces it once registered. A replica whose key is missing fails for good.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformSpec } from "../../tiers/types";

/** The DR component's name (components/platform.ts) and the role of its secrets key. */
export function drComponentName(platformName: string): string {
    return `${platformName}-dr`;
}

export const SECRETS_KEY_ROLE = "secrets";

/** `alias/<platform>-dr-secrets` in the DR region: known before the key exists. */
export function secretReplicaKeyAlias(platformName: string): string {
    return `alias/${drComponentName(platformName)}-${SECRETS_KEY_ROLE}`;
}

interface Announcement {
    ready: Promise<pulumi.Resource>;
    announce: (key: pulumi.Resource) => void;
}

// One per resolved spec: a process may build several stacks (tests, --compare).
const announcements = new WeakMap<PlatformSpec, Announcement>();

function announcementFor(platform: PlatformSpec): Announcement {
    let found = announcements.get(platform);
    if (!found) {
        let announce: (key: pulumi.Resource) => void = () => undefined;
        const ready = new Promise<pulumi.Resource>((resolve) => {
            announce = resolve;
        });
        found = { ready, announce };
        announcements.set(platform, found);
    }
    return found;
}

/** Called by the DR component with the alias of its secrets key. */
export function announceSecretReplicaKey(platform: PlatformSpec, alias: aws.kms.Alias): void {
    announcementFor(platform).announce(alias);
}

/** What a platform secret adds when the stack has a DR region: its replica, and the wait for the replica's key. */
export function secretReplication(platform: PlatformSpec): { replicas?: aws.types.input.secretsmanager.SecretReplica[]; dependsOn?: pulumi.Input<pulumi.Resource> } {
    const dr = platform.disasterRecovery;
    if (!dr) {
        return {};
    }
    return {
        replicas: [{ region: dr.region, kmsKeyId: secretReplicaKeyAlias(platform.name) }],
        dependsOn: announcementFor(platform).ready,
    };
}
