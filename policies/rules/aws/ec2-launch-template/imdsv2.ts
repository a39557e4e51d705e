import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { EC2_INSTANCE, LAUNCH_TEMPLATE } from "../types";

const TYPES = [LAUNCH_TEMPLATE, EC2_INSTANCE];

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-launch-template-imdsv2",
    description: "Launch templates and instances require IMDSv2 session tokens for the instance metadata service (Checkov CKV_AWS_79, CIS AWS 5.6).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`metadataOptions.httpTokens: \"required\"` (or the endpoint disabled)",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const tokens = at(props, "metadataOptions.httpTokens");
        const endpoint = at(props, "metadataOptions.httpEndpoint");
        if (endpoint === "disabled" || isUnknown(tokens)) {
            return;
        }
        if (tokens !== "required") {
            report(`metadataOptions.httpTokens is ${tokens === undefined ? "unset" : JSON.stringify(tokens)}: IMDSv1 lets a server-side request forgery read the instance role's credentials.`);
        }
    }),
};
