import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { STORAGE_ACCOUNT } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-storage-account-shared-key-disabled",
    description: "Storage accounts refuse shared-key (account key and SAS) authorization, so every request is made by an Entra ID identity with a role (Checkov CKV2_AZURE_40).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [STORAGE_ACCOUNT],
    requires: "`allowSharedKeyAccess: false`",
    validateResource: validateTypes([STORAGE_ACCOUNT], (props, _args, report) => {
        const value = read(() => props.allowSharedKeyAccess);
        if (!isUnknown(value) && value !== false) {
            report("allowSharedKeyAccess is not false: anyone holding the account key has full, unaudited access to every blob.");
        }
    }),
};
