import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { FIREWALL } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-firewall-descriptions",
    description: "VPC firewall rules say why they exist in a description, as security group rules do on AWS (Checkov CKV_AWS_23, CIS Controls v8 4.4).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [FIREWALL],
    requires: "`description`",
    validateResource: validateTypes([FIREWALL], (props, _args, report) => {
        if (!isSet(read(() => props.description))) {
            report("the rule has no description of its purpose.");
        }
    }),
};
