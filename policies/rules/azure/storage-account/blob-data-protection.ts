import type { PolicyResource } from "@pulumi/policy";
import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { at, isTrue, isUnknown, read } from "../../../lib/values";
import { isRedisPersistenceTarget, refersToResource } from "../shared";
import { BLOB_SERVICE_PROPERTIES, STORAGE_ACCOUNT } from "../types";

function missing(service: PolicyResource): string[] {
    const gaps: string[] = [];
    const versioning = read(() => service.props.isVersioningEnabled);
    if (!isUnknown(versioning) && !isTrue(versioning)) {
        gaps.push("isVersioningEnabled");
    }
    for (const policy of ["deleteRetentionPolicy", "containerDeleteRetentionPolicy"]) {
        const enabled = at(service.props, `${policy}.enabled`);
        if (!isUnknown(enabled) && !isTrue(enabled)) {
            gaps.push(`${policy}.enabled`);
        }
    }
    return gaps;
}

export const policy: PlatformStackPolicy = {
    name: "azure-storage-account-blob-data-protection",
    description: "Every storage account keeps overwritten and deleted blobs and deleted containers recoverable: versioning and soft delete (Checkov CKV2_AZURE_38, CIS Azure 4.10, 4.11).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [STORAGE_ACCOUNT, BLOB_SERVICE_PROPERTIES],
    requires: "a BlobServiceProperties for the account with `isVersioningEnabled`, `deleteRetentionPolicy.enabled` and `containerDeleteRetentionPolicy.enabled` true (except the account Redis persistence writes to, where soft delete multiplies the cost)",
    validateStack: (args, report) => {
        const services = ofType(args.resources, BLOB_SERVICE_PROPERTIES);
        for (const account of ofType(args.resources, STORAGE_ACCOUNT)) {
            if (isRedisPersistenceTarget(args.resources, account)) {
                continue;
            }
            const mine = services.filter((service) => refersToResource(service, "accountName", account));
            if (mine.length === 0) {
                report(`storage account "${account.name}" has no BlobServiceProperties: versioning and soft delete are off, an overwrite or delete is final.`, account.urn);
                continue;
            }
            const gaps = missing(mine[0]);
            if (gaps.length > 0) {
                report(`storage account "${account.name}": ${gaps.join(", ")} not true, so an overwritten or deleted blob or container cannot be recovered.`, mine[0].urn);
            }
        }
    },
};
