import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isTrue, isUnknown, read } from "../../../lib/values";
import { BUCKET } from "../types";

/** A lifecycle condition that selects old object versions rather than live objects. */
function selectsNoncurrent(condition: Record<string, unknown>): boolean {
    return condition.withState === "ARCHIVED" || condition.daysSinceNoncurrentTime !== undefined || condition.numNewerVersions !== undefined || condition.noncurrentTimeBefore !== undefined;
}

export const policy: PlatformResourcePolicy = {
    name: "gcp-storage-bucket-lifecycle",
    description: "Every Cloud Storage bucket has a lifecycle rule that deletes objects, and versioned buckets one that deletes noncurrent versions, so nothing accumulates forever (CIS Controls v8 3.1; the GCP counterpart of CKV2_AWS_61).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [BUCKET],
    requires: "a `lifecycleRules` entry with `action.type: \"Delete\"`, and one on noncurrent versions when `versioning.enabled`",
    validateResource: validateTypes([BUCKET], (props, _args, report) => {
        const rules = read(() => props.lifecycleRules);
        if (isUnknown(rules)) {
            return;
        }
        const deletes = asArray(rules)
            .map((rule) => asRecord(rule) ?? {})
            .filter((rule) => asRecord(rule.action)?.type === "Delete")
            .map((rule) => asRecord(rule.condition) ?? {});
        if (deletes.length === 0) {
            report("no lifecycle rule deletes anything: objects and their old versions are kept, and billed, forever.");
        } else if (isTrue(at(props, "versioning.enabled")) && !deletes.some(selectsNoncurrent)) {
            report("the bucket is versioned but no lifecycle rule deletes noncurrent versions: every overwrite is kept forever.");
        }
    }),
};
