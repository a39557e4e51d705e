import { validateTypes } from "../../../lib/match";
import { AWS_EGRESS_RULE, AWS_INGRESS_RULE, AWS_SECURITY_GROUP, AWS_SECURITY_GROUP_RULE } from "../../../lib/network";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, isSet, read } from "../../../lib/values";

const TYPES = [AWS_SECURITY_GROUP, AWS_SECURITY_GROUP_RULE, AWS_INGRESS_RULE, AWS_EGRESS_RULE];
/** What the provider fills in when a group has no description. */
const PROVIDER_DEFAULT = "Managed by Pulumi";

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-security-group-descriptions",
    description: "Security groups and every one of their rules say why they exist in a description (Checkov CKV_AWS_23).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: TYPES,
    requires: "`description` on each group, inline rule and rule resource",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        const description = read(() => props.description);
        if (!isSet(description) || description === PROVIDER_DEFAULT) {
            report(`the ${args.type === AWS_SECURITY_GROUP ? "group" : "rule"} has no description of its purpose.`);
        }
        if (args.type === AWS_SECURITY_GROUP) {
            for (const direction of ["ingress", "egress"]) {
                asArray(read(() => props[direction])).forEach((entry, index) => {
                    if (!isSet(asRecord(entry)?.description)) {
                        report(`${direction}[${index}] has no description.`);
                    }
                });
            }
        }
    }),
};
