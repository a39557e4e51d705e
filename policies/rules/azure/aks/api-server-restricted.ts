import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isTrue, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

const ANYWHERE = ["0.0.0.0/0", "0.0.0.0", "*", "Internet"];

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-api-server-restricted",
    description: "AKS API servers are private, or public only to authorized IP ranges that exclude the internet at large (Checkov CKV_AZURE_115, CKV_AZURE_6).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [MANAGED_CLUSTER],
    requires: "`apiServerAccessProfile.enablePrivateCluster: true`, or `apiServerAccessProfile.authorizedIPRanges` listing ranges other than 0.0.0.0/0",
    validateResource: validateTypes([MANAGED_CLUSTER], (props, _args, report) => {
        const profile = at(props, "apiServerAccessProfile");
        if (isUnknown(profile)) {
            return;
        }
        if (isTrue(at(props, "apiServerAccessProfile.enablePrivateCluster"))) {
            return;
        }
        const ranges = asArray(at(props, "apiServerAccessProfile.authorizedIPRanges")).filter((range): range is string => typeof range === "string");
        if (ranges.length === 0) {
            report("the API server is public to every address: set apiServerAccessProfile.enablePrivateCluster, or authorizedIPRanges to the admin ranges.");
        } else if (ranges.some((range) => ANYWHERE.includes(range))) {
            report(`apiServerAccessProfile.authorizedIPRanges includes ${ranges.filter((range) => ANYWHERE.includes(range)).join(", ")}: the API server answers the whole internet.`);
        }
    }),
};
