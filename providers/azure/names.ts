// Placeholder until the azure name checks are built.
import { PlatformSpec } from "../../tiers/types";

export function validateNames(_spec: PlatformSpec): string[] {
    return [];
}
