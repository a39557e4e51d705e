import { PlatformResourcePolicy } from "../../../lib/types";
import { isIamType } from "../types";
import { BASIC_ROLES, grantsOf } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-iam-member-no-basic-roles",
    description: "No IAM grant uses the basic roles Owner, Editor or Viewer, which cover every service; workload identities get predefined roles on their own resources (Checkov CKV_GCP_117, CIS GCP 1.5).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: ["every gcp:*IAMMember, *IAMBinding and *IAMPolicy type"],
    requires: `no grant of ${BASIC_ROLES.map((role) => `\`${role}\``).join(", ")}`,
    validateResource: (args, report) => {
        if (!isIamType(args.type)) {
            args.notApplicable("not a GCP IAM grant");
        }
        for (const grant of grantsOf(args.props)) {
            if (BASIC_ROLES.includes(grant.role)) {
                report(`${grant.role} is granted to ${grant.member}: a basic role reaches every service in the project.`);
            }
        }
    },
};
