import { statementsOf } from "../../../lib/iam";
import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { read } from "../../../lib/values";
import { BUCKET_POLICY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-s3-bucket-policy-no-public-principal",
    description: "S3 bucket policies never allow an anonymous principal without a condition (Checkov CKV_AWS_70).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [BUCKET_POLICY],
    requires: "no `Allow` statement with `Principal: \"*\"` (or `{ AWS: \"*\" }`) and no `Condition`",
    validateResource: validateTypes([BUCKET_POLICY], (props, _args, report) => {
        const statements = statementsOf(read(() => props.policy)) ?? [];
        statements.forEach((statement, index) => {
            if (statement.effect === "Allow" && statement.principals.includes("*") && !statement.hasCondition) {
                report(`statement ${index} allows ${statement.actions.join(", ") || "actions"} to any principal: the bucket is public.`);
            }
        });
    }),
};
