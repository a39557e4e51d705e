import { matchesPattern, UNSCOPABLE_ACTIONS } from "../../../lib/iam";
import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { identityDocuments, POLICY_DOCUMENT_TYPES } from "./documents";

interface Config {
    allowedActions: string[];
}

export const policy: PlatformResourcePolicy = {
    name: "aws-iam-policy-no-wildcard-resources",
    description: "IAM policies scope actions to named resources; \"Resource\": \"*\" is only for actions AWS cannot scope (Checkov CKV_AWS_355, CKV_AWS_290).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: POLICY_DOCUMENT_TYPES,
    requires: "no `Allow` with `Resource: \"*\"` or `NotResource` unless every action is unscopable (e.g. `cloudwatch:PutMetricData`)",
    configSchema: {
        properties: {
            allowedActions: { type: "array", items: { type: "string" }, default: [], description: "More actions (or `prefix*` patterns) that may use Resource \"*\"." },
        },
    },
    validateResource: validateTypes(POLICY_DOCUMENT_TYPES, (props, args, report) => {
        const allowed = [...UNSCOPABLE_ACTIONS, ...args.getConfig<Config>().allowedActions];
        for (const document of identityDocuments(args.type, props)) {
            document.statements.forEach((statement, index) => {
                if (statement.effect !== "Allow") {
                    return;
                }
                if (statement.notResources.length > 0) {
                    report(`${document.where} statement ${index} uses NotResource: it applies to every other resource in the account.`);
                    return;
                }
                if (!statement.resources.includes("*")) {
                    return;
                }
                const scopable = statement.actions.filter((action) => !allowed.some((pattern) => matchesPattern(action, pattern)));
                if (scopable.length > 0 || statement.actions.length === 0) {
                    report(`${document.where} statement ${index} grants ${scopable.join(", ") || "its actions"} on every resource ("*"): name the ARNs.`);
                }
            });
        }
    }),
};
