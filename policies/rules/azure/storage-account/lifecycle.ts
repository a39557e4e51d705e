import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { isRedisPersistenceTarget, refersToResource } from "../shared";
import { MANAGEMENT_POLICY, STORAGE_ACCOUNT } from "../types";

export const policy: PlatformStackPolicy = {
    name: "azure-storage-account-lifecycle",
    description: "Every storage account has a lifecycle management policy, so old versions and logs are tiered and deleted instead of billed forever (Checkov CKV2_AZURE_38).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [STORAGE_ACCOUNT, MANAGEMENT_POLICY],
    requires: "a ManagementPolicy whose `accountName` is the account (Redis persistence keeps its own snapshot count)",
    validateStack: (args, report) => {
        const policies = ofType(args.resources, MANAGEMENT_POLICY);
        for (const account of ofType(args.resources, STORAGE_ACCOUNT)) {
            if (!isRedisPersistenceTarget(args.resources, account) && !policies.some((candidate) => refersToResource(candidate, "accountName", account))) {
                report(`storage account "${account.name}" has no lifecycle management policy: non-current versions accumulate and are billed forever.`, account.urn);
            }
        }
    },
};
