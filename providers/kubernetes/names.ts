import { PlatformSpec } from "../../tiers/types";

/** Names the cluster would refuse; filled in with the adapter. */
export function validateNames(_spec: PlatformSpec): string[] {
    return [];
}
