import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { BLOB_CONTAINER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-blob-container-private",
    description: "Blob containers allow no anonymous read access (Checkov CKV_AZURE_34, CIS Azure 4.17).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [BLOB_CONTAINER],
    requires: '`publicAccess` unset or `"None"`',
    validateResource: validateTypes([BLOB_CONTAINER], (props, _args, report) => {
        const access = read(() => props.publicAccess);
        if (!isUnknown(access) && access !== undefined && access !== null && access !== "None") {
            report(`publicAccess is ${JSON.stringify(access)}: anyone on the internet can read ${access === "Container" ? "and list " : ""}the container's blobs.`);
        }
    }),
};
