import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, isUnknown, read } from "../../../lib/values";
import { SUBNETWORK } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-subnetwork-private-google-access",
    description: "Subnetworks reach Google APIs over Private Google Access, so VMs without external addresses still reach Secret Manager, Cloud Storage and Logging (Checkov CKV_GCP_74).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [SUBNETWORK],
    requires: "`privateIpGoogleAccess: true`",
    validateResource: validateTypes([SUBNETWORK], (props, _args, report) => {
        const purpose = read(() => props.purpose);
        if (typeof purpose === "string" && purpose !== "PRIVATE") {
            return;
        }
        const value = read(() => props.privateIpGoogleAccess);
        if (!isUnknown(value) && !isTrue(value)) {
            report("privateIpGoogleAccess is not true: VMs without an external address cannot reach Google APIs except through NAT.");
        }
    }),
};
