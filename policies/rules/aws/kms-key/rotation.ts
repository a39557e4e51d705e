import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, read } from "../../../lib/values";
import { KMS_KEY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-kms-key-rotation",
    description: "Symmetric customer-managed KMS keys rotate their key material every year (Checkov CKV_AWS_7, CIS AWS 3.6).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [KMS_KEY],
    requires: "`enableKeyRotation: true` on symmetric encryption keys",
    validateResource: validateTypes([KMS_KEY], (props, _args, report) => {
        const spec = read(() => props.customerMasterKeySpec);
        const usage = read(() => props.keyUsage);
        const symmetric = (spec === undefined || spec === "SYMMETRIC_DEFAULT") && (usage === undefined || usage === "ENCRYPT_DECRYPT");
        if (symmetric && !isTrue(props.enableKeyRotation)) {
            report("enableKeyRotation is not true: the same key material encrypts data forever.");
        }
    }),
};
