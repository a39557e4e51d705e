import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { STORAGE_ACCOUNT } from "../types";

const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "azure-storage-account-protected",
    description: "Storage accounts in production carry Pulumi's protect option, so no destroy or replacing change deletes the uploaded files (no Azure benchmark item; counterpart of Checkov CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [STORAGE_ACCOUNT],
    requires: "resource option `protect: true`",
    tiers,
    validateResource: validateTypes(
        [STORAGE_ACCOUNT],
        (_props, args, report) => {
            if (!args.opts.protect) {
                report("the resource is not protected: `pulumi destroy` or a replacing change would delete the account and every blob in it.");
            }
        },
        { tiers },
    ),
};
