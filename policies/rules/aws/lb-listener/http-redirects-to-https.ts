import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, read } from "../../../lib/values";
import { LISTENERS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-lb-listener-http-redirects-to-https",
    description: "Plain HTTP listeners only redirect to HTTPS and never serve content (Checkov CKV_AWS_2, CKV2_AWS_20).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: LISTENERS,
    requires: "on `protocol: \"HTTP\"`, every default action is a redirect with `protocol: \"HTTPS\"`",
    validateResource: validateTypes(LISTENERS, (props, _args, report) => {
        if (read(() => props.protocol) !== "HTTP") {
            return;
        }
        const actions = asArray(read(() => props.defaultActions)).map((action) => asRecord(action) ?? {});
        const redirects = actions.length > 0 && actions.every((action) => action.type === "redirect" && asRecord(action.redirect)?.protocol === "HTTPS");
        if (!redirects) {
            report("the HTTP listener does not only redirect to HTTPS: pages, cookies and tokens travel unencrypted.");
        }
    }),
};
