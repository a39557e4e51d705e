import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isUnknown, read } from "../../../lib/values";
import { BUCKET_REPLICATION } from "../types";

/** The documents' files RPO is 1 h; only S3 Replication Time Control bounds the lag (15 min for 99.99% of objects). */
export const policy: PlatformResourcePolicy = {
    name: "aws-s3-bucket-replication-replication-time-control",
    description: "Cross-region replication rules use S3 Replication Time Control with replication metrics, so the files' RPO is bounded and a lag is seen (Checkov CKV_AWS_144 asks for the replication itself).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [BUCKET_REPLICATION],
    requires: 'every enabled rule with `destination.replicationTime.status: "Enabled"` and `destination.metrics.status: "Enabled"`',
    validateResource: validateTypes([BUCKET_REPLICATION], (props, _args, report) => {
        const rules = read(() => props.rules);
        if (isUnknown(rules)) {
            return;
        }
        asArray(rules)
            .map((rule) => asRecord(rule) ?? {})
            .filter((rule) => rule.status === "Enabled")
            .forEach((rule, index) => {
                const name = rule.id ? `rule "${String(rule.id)}"` : `rule ${index}`;
                if (at(rule, "destination.replicationTime.status") !== "Enabled") {
                    report(`${name} has no Replication Time Control: objects may lag the source without bound, and the files' RPO is not met.`);
                }
                if (at(rule, "destination.metrics.status") !== "Enabled") {
                    report(`${name} has no replication metrics: a growing lag goes unseen.`);
                }
            });
    }),
};
