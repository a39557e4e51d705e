import { isWildcardAction } from "../../../lib/iam";
import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { identityDocuments, POLICY_DOCUMENT_TYPES } from "./documents";

export const policy: PlatformResourcePolicy = {
    name: "aws-iam-policy-no-wildcard-actions",
    description: "IAM policies grant named actions only: no \"*\", no whole-service \"service:*\" and no Allow with NotAction (Checkov CKV_AWS_62, CKV_AWS_63, CIS AWS 1.16).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: POLICY_DOCUMENT_TYPES,
    requires: "every `Allow` statement lists explicit actions",
    validateResource: validateTypes(POLICY_DOCUMENT_TYPES, (props, args, report) => {
        for (const document of identityDocuments(args.type, props)) {
            document.statements.forEach((statement, index) => {
                if (statement.effect !== "Allow") {
                    return;
                }
                const wildcards = statement.actions.filter(isWildcardAction);
                if (wildcards.length > 0) {
                    report(`${document.where} statement ${index} allows ${wildcards.join(", ")}: name the actions the workload needs.`);
                }
                if (statement.notActions.length > 0) {
                    report(`${document.where} statement ${index} allows everything except ${statement.notActions.join(", ")} (NotAction): name the actions instead.`);
                }
            });
        }
    }),
};
