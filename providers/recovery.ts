// What each cloud's DR copies let it promise, in the same terms on every cloud. The numbers are
// the services' own stated replication lags, and restore times estimated from the data's size;
// the plan sets them beside the documents' targets.

import { PlatformSpec } from "../tiers/types";
import { RecoveryPromise } from "./adapter";

/**
 * A restore from backups (or snapshot plus logs): the instance is created (about half an hour on
 * every cloud) and the data is copied in at roughly 20 GB a minute, then the logs are replayed.
 */
export function restoreMinutes(storageGb: number, createMinutes = 30): number {
    return createMinutes + Math.ceil(storageGb / 20) + 10;
}

/** Promoting a cross-region replica: the services state a few minutes; allowed for with margin. */
export const PROMOTE_MINUTES = 15;

/** A standby stack's `pulumi up` in the DR region: the cluster or fleets, load balancer and cache. */
export const STANDBY_UP_MINUTES = 60;

/** The public record's switch: the platform's records live 300 s. */
export const DNS_SWITCH_MINUTES = 5;

/**
 * The whole platform: as old as its staleest copy, and back when the standby stack is up
 * (the database restores while the rest is created) and the name points at it.
 */
export function platformPromise(parts: RecoveryPromise[], standbyMinutes = STANDBY_UP_MINUTES): RecoveryPromise {
    const rpo = Math.max(...parts.map((part) => part.rpoMinutes));
    const slowest = Math.max(standbyMinutes, ...parts.map((part) => part.rtoMinutes));
    return {
        component: "platform",
        rpoMinutes: rpo,
        rtoMinutes: slowest + DNS_SWITCH_MINUTES,
        method: `standby stack in the DR region (pulumi up, ~${standbyMinutes} min, data restored meanwhile), then the DNS switch (${DNS_SWITCH_MINUTES} min)`,
    };
}

/**
 * A value the DR component makes that resources built before it wait for: the secrets are
 * created by the components that own them, and their DR-region replicas need the DR region's
 * key, which exists only once the DR component (built last) registers it. One per resolved
 * spec, as a process may build several stacks (tests, --compare); the DR component is always
 * built when the spec has a DR region, so the wait always ends.
 */
export function announcement<T>(): { ready: (platform: PlatformSpec) => Promise<T>; announce: (platform: PlatformSpec, value: T) => void } {
    const slots = new WeakMap<PlatformSpec, { promise: Promise<T>; resolve: (value: T) => void }>();
    const slot = (platform: PlatformSpec) => {
        let found = slots.get(platform);
        if (!found) {
            let resolve: (value: T) => void = () => undefined;
            const promise = new Promise<T>((done) => {
                resolve = done;
            });
            found = { promise, resolve };
            slots.set(platform, found);
        }
        return found;
    };
    return { ready: (platform) => slot(platform).promise, announce: (platform, value) => slot(platform).resolve(value) };
}
