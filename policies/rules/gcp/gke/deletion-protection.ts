import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { tiersWhere } from "../../../lib/tiers";
import { isFalse, read } from "../../../lib/values";
import { GKE_CLUSTER } from "../types";

const TYPES = [GKE_CLUSTER];
const tiers = tiersWhere((tier) => tier.deletionProtection);

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-deletion-protection",
    description: "Production clusters refuse deletion in the provider, so a replacement or `pulumi destroy` cannot take the running services down with them (the GKE counterpart of CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: TYPES,
    requires: "`deletionProtection` not false (the provider's default is true)",
    tiers,
    validateResource: validateTypes(
        TYPES,
        (props, _args, report) => {
            if (isFalse(read(() => props.deletionProtection))) {
                report("deletionProtection is false: the provider deletes the production cluster on destroy or replacement.");
            }
        },
        { tiers },
    ),
};
