import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at } from "../../../lib/values";
import { LAUNCH_TEMPLATE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-launch-template-metadata-hop-limit",
    description: "Launch templates keep the metadata response hop limit at 1 so containers behind a bridge cannot reach the instance role (Checkov CKV_AWS_341).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [LAUNCH_TEMPLATE],
    requires: "`metadataOptions.httpPutResponseHopLimit` unset or 1",
    validateResource: validateTypes([LAUNCH_TEMPLATE], (props, _args, report) => {
        const limit = asNumber(at(props, "metadataOptions.httpPutResponseHopLimit"));
        if (limit !== undefined && limit > 1) {
            report(`metadataOptions.httpPutResponseHopLimit is ${limit}: metadata answers travel past the host into containers.`);
        }
    }),
};
