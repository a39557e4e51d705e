import { PlatformResourcePolicy } from "../../../lib/types";
import { isIamType } from "../types";
import { grantsOf, isPublicMember } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-iam-member-no-public-members",
    description: "No IAM grant, on the project or on any bucket, key, secret, topic or job, names allUsers or allAuthenticatedUsers (Checkov CKV_GCP_28, CKV_GCP_99, CKV2_GCP_6, CKV_GCP_113, CIS GCP 1.9, 5.1).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: ["every gcp:*IAMMember, *IAMBinding and *IAMPolicy type"],
    requires: "no `member`, `members` or `policyData` binding equal to `allUsers` or `allAuthenticatedUsers`",
    validateResource: (args, report) => {
        if (!isIamType(args.type)) {
            args.notApplicable("not a GCP IAM grant");
        }
        for (const grant of grantsOf(args.props)) {
            if (isPublicMember(grant.member)) {
                report(`${grant.role} is granted to ${grant.member}: anyone${grant.member === "allAuthenticatedUsers" ? " with a Google account" : ""} gets it.`);
            }
        }
    },
};
