import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, isFalse, isUnknown } from "../../../lib/values";
import { OPENSEARCH_DOMAIN } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-opensearch-domain-logs-published",
    description: "OpenSearch domains publish audit, application and slow logs to CloudWatch Logs (Checkov CKV_AWS_84, CKV_AWS_317).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [OPENSEARCH_DOMAIN],
    requires: "`logPublishingOptions` enabled for AUDIT_LOGS, ES_APPLICATION_LOGS, INDEX_SLOW_LOGS and SEARCH_SLOW_LOGS",
    validateResource: validateTypes([OPENSEARCH_DOMAIN], (props, _args, report) => {
        const options = props.logPublishingOptions;
        if (isUnknown(options)) {
            return;
        }
        const published = new Set(asArray(options).map(asRecord).filter((option) => option && !isFalse(option.enabled)).map((option) => option!.logType));
        const missing = ["AUDIT_LOGS", "ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"].filter((type) => !published.has(type));
        if (missing.length) {
            report(`logPublishingOptions does not publish ${missing.join(", ")}: who read or changed what, and why the cluster slowed, is not recorded.`);
        }
    }),
};
