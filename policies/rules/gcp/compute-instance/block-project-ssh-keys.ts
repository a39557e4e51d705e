import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown } from "../../../lib/values";
import { VM_TYPES } from "../types";
import { metadataFlag } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-block-project-ssh-keys",
    description: "VMs ignore project-wide SSH keys, so a key added for one machine does not open every machine (Checkov CKV_GCP_32, CIS GCP 4.3).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: VM_TYPES,
    requires: "`metadata[\"block-project-ssh-keys\"]` TRUE",
    validateResource: validateTypes(VM_TYPES, (props, _args, report) => {
        const blocked = metadataFlag(props, "block-project-ssh-keys");
        if (!isUnknown(blocked) && blocked !== true) {
            report(`metadata["block-project-ssh-keys"] is ${blocked === false ? "FALSE" : "not set"}: any project-wide SSH key logs in to this VM.`);
        }
    }),
};
