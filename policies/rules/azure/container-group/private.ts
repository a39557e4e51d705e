import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isUnknown, read } from "../../../lib/values";
import { CONTAINER_GROUP } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-container-group-private",
    description: "Container groups run inside the VNet with a private address only (Checkov CKV_AZURE_98, CKV_AZURE_245).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [CONTAINER_GROUP],
    requires: '`subnetIds` set and `ipAddress.type` not `"Public"`',
    validateResource: validateTypes([CONTAINER_GROUP], (props, _args, report) => {
        if (at(props, "ipAddress.type") === "Public") {
            report('ipAddress.type is "Public": the container group is reachable from the internet.');
        }
        const subnets = read(() => props.subnetIds);
        if (!isUnknown(subnets) && asArray(subnets).length === 0) {
            report("subnetIds is empty: the group runs outside the VNet and cannot reach the private database and Key Vault without public endpoints.");
        }
    }),
};
