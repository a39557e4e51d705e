import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown } from "../../../lib/values";
import { VM_TYPES } from "../types";
import { metadataFlag } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-os-login",
    description: "VMs use OS Login, so SSH access follows IAM and is revoked with the account rather than living in metadata keys (Checkov CKV_GCP_34, CIS GCP 4.4).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: VM_TYPES,
    requires: "`metadata[\"enable-oslogin\"]` TRUE",
    validateResource: validateTypes(VM_TYPES, (props, _args, report) => {
        const enabled = metadataFlag(props, "enable-oslogin");
        if (!isUnknown(enabled) && enabled !== true) {
            report(`metadata["enable-oslogin"] is ${enabled === false ? "FALSE" : "not set"}: SSH keys in metadata, not IAM, decide who logs in.`);
        }
    }),
};
