import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isSet, isUnknown } from "../../../lib/values";
import { KEY } from "../types";

/** ISO 8601 durations Key Vault accepts for rotation ("P90D", "P1Y", "P3M"), in days. */
export function durationDays(value: unknown): number | undefined {
    const match = typeof value === "string" ? /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(value) : null;
    if (!match || value === "P") {
        return undefined;
    }
    return Number(match[1] ?? 0) * 365 + Number(match[2] ?? 0) * 30 + Number(match[3] ?? 0);
}

interface Config {
    maximumDays: number;
}

export const policy: PlatformResourcePolicy = {
    name: "azure-key-vault-key-rotation",
    description: "Customer-managed keys rotate automatically at least once a year and carry an expiry (Checkov CKV_AZURE_40, CIS Azure 3.3.1, 3.3.8).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [KEY],
    requires: "`properties.rotationPolicy` with a `Rotate` lifetime action at most `maximumDays` (365) after creation, and an expiry (`rotationPolicy.attributes.expiryTime` or `attributes.expires`)",
    configSchema: {
        properties: {
            maximumDays: { type: "integer", minimum: 1, maximum: 3650, default: 365, description: "Longest time a key version may live before it is rotated." },
        },
    },
    validateResource: validateTypes([KEY], (props, args, report) => {
        const policy = at(props, "properties.rotationPolicy");
        if (isUnknown(policy)) {
            return;
        }
        const { maximumDays } = args.getConfig<Config>();
        const rotate = asArray(at(policy, "lifetimeActions"))
            .map((entry) => asRecord(entry))
            .find((entry) => String(at(entry, "action.type")).toLowerCase() === "rotate");
        if (!rotate) {
            report("properties.rotationPolicy has no Rotate lifetime action: the key material never changes.");
        } else {
            const days = durationDays(at(rotate, "trigger.timeAfterCreate"));
            if (days === undefined || days > maximumDays) {
                report(`the key rotates ${days === undefined ? "only before expiry or at an unreadable interval" : `every ${days} days`}; rotate at least every ${maximumDays} days (trigger.timeAfterCreate).`);
            }
        }
        if (!isSet(at(policy, "attributes.expiryTime")) && !isSet(at(props, "properties.attributes.expires"))) {
            report("the key has no expiry (rotationPolicy.attributes.expiryTime or attributes.expires): a leaked version stays valid forever.");
        }
    }),
};
