import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { STORAGE_ACCOUNT } from "../types";

const tiers = tiersWhere((tier) => tier.highAvailability);
const REDUNDANT = /_(ZRS|GRS|RAGRS|GZRS|RAGZRS)$/;

export const policy: PlatformResourcePolicy = {
    name: "azure-storage-account-zone-redundant",
    description: "Storage accounts keep copies in several zones or regions in the tiers that require high availability (Checkov CKV_AZURE_206).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [STORAGE_ACCOUNT],
    requires: "`sku.name` ending in ZRS, GRS, RAGRS, GZRS or RAGZRS (not LRS)",
    tiers,
    validateResource: validateTypes(
        [STORAGE_ACCOUNT],
        (props, _args, report) => {
            const sku = at(props, "sku.name");
            if (!isUnknown(sku) && !REDUNDANT.test(String(sku))) {
                report(`sku.name is ${JSON.stringify(sku)}: every copy of the data sits in one datacenter, and a zone outage makes it unavailable.`);
            }
        },
        { tiers },
    ),
};
