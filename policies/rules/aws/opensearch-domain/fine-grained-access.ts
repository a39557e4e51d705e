import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue } from "../../../lib/values";
import { OPENSEARCH_DOMAIN } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-opensearch-domain-fine-grained-access",
    description: "OpenSearch domains use fine-grained access control keyed to IAM, without the internal user database (Checkov CKV2_AWS_52).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [OPENSEARCH_DOMAIN],
    requires: "`advancedSecurityOptions.enabled: true`, `internalUserDatabaseEnabled: false` and `masterUserOptions.masterUserArn`",
    validateResource: validateTypes([OPENSEARCH_DOMAIN], (props, _args, report) => {
        if (!isTrue(at(props, "advancedSecurityOptions.enabled"))) {
            report("advancedSecurityOptions.enabled is not true: any principal the access policy admits gets every index.");
        } else if (isTrue(at(props, "advancedSecurityOptions.internalUserDatabaseEnabled"))) {
            report("advancedSecurityOptions.internalUserDatabaseEnabled is true: passwords live in the domain instead of IAM.");
        } else if (isTrue(at(props, "advancedSecurityOptions.anonymousAuthEnabled"))) {
            report("advancedSecurityOptions.anonymousAuthEnabled is true: unsigned requests are served.");
        } else if (!isSet(at(props, "advancedSecurityOptions.masterUserOptions.masterUserArn"))) {
            report("advancedSecurityOptions.masterUserOptions.masterUserArn is not set: no IAM role administers the domain.");
        }
    }),
};
