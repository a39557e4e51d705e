import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue } from "../../../lib/values";
import { OPENSEARCH_DOMAIN } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-opensearch-domain-node-to-node-encryption",
    description: "OpenSearch domains encrypt traffic between their nodes (Checkov CKV_AWS_6).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [OPENSEARCH_DOMAIN],
    requires: "`nodeToNodeEncryption.enabled: true`",
    validateResource: validateTypes([OPENSEARCH_DOMAIN], (props, _args, report) => {
        if (!isTrue(at(props, "nodeToNodeEncryption.enabled"))) {
            report("nodeToNodeEncryption.enabled is not true: shard traffic between nodes crosses the VPC in clear text.");
        }
    }),
};
