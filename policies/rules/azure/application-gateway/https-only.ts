import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isSet, read } from "../../../lib/values";
import { APPLICATION_GATEWAY } from "../types";

/** The last segment of a sub-resource id: `.../httpListeners/<name>` -> `<name>`. */
function lastSegment(value: unknown): string {
    return typeof value === "string" ? value.split("/").pop() ?? value : "";
}

export const policy: PlatformResourcePolicy = {
    name: "azure-application-gateway-https-only",
    description: "The Application Gateway serves the app over HTTPS only: a plain HTTP listener exists only to redirect to HTTPS (Checkov CKV_AZURE_217).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [APPLICATION_GATEWAY],
    requires: "every `Http` listener is used only by request routing rules with a `redirectConfiguration`",
    validateResource: validateTypes([APPLICATION_GATEWAY], (props, _args, report) => {
        const rules = asArray(at(props, "requestRoutingRules")).map((rule) => asRecord(rule) ?? {});
        for (const listener of asArray(at(props, "httpListeners")).map((entry) => asRecord(entry) ?? {})) {
            if (String(read(() => listener.protocol)).toLowerCase() !== "http") {
                continue;
            }
            const name = String(read(() => listener.name) ?? "");
            const serving = rules.filter((rule) => lastSegment(at(rule, "httpListener.id")) === name && !isSet(at(rule, "redirectConfiguration.id")));
            for (const rule of serving) {
                report(`listener "${name}" is plain HTTP and rule "${String(read(() => rule.name))}" sends its traffic to the backends instead of redirecting to HTTPS.`);
            }
        }
    }),
};
