import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { CRYPTO_KEY } from "../types";

interface Config {
    maximumDays: number;
}

/** "7776000s" or "7776000.5s" in seconds; undefined when it is not a duration. */
function seconds(value: unknown): number | undefined {
    const match = typeof value === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(value) : null;
    return match ? Number(match[1]) : undefined;
}

export const policy: PlatformResourcePolicy = {
    name: "gcp-kms-crypto-key-rotation",
    description: "Symmetric Cloud KMS keys rotate their primary version at least every 90 days (Checkov CKV_GCP_43, CIS GCP 1.10).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [CRYPTO_KEY],
    requires: "`rotationPeriod` of at most `maximumDays` (90) on ENCRYPT_DECRYPT keys",
    configSchema: {
        properties: {
            maximumDays: { type: "integer", minimum: 1, maximum: 365, default: 90, description: "Longest rotation period allowed, in days." },
        },
    },
    validateResource: validateTypes([CRYPTO_KEY], (props, args, report) => {
        const purpose = read(() => props.purpose);
        if (purpose !== undefined && purpose !== "ENCRYPT_DECRYPT") {
            return;
        }
        const period = read(() => props.rotationPeriod);
        if (isUnknown(period)) {
            return;
        }
        const { maximumDays } = args.getConfig<Config>();
        const value = seconds(period);
        if (value === undefined) {
            report("rotationPeriod is not set: the key material never changes, so one leaked version decrypts everything ever written.");
        } else if (value > maximumDays * 86400) {
            report(`rotationPeriod is ${Math.round(value / 86400)} days; rotate at least every ${maximumDays} days.`);
        }
    }),
};
