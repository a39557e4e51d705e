import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, read } from "../../../lib/values";
import { CONTAINER_GROUP } from "../types";

/** Variable names that carry a credential, and suffixes that only name or locate one. */
const CREDENTIAL = /(password|passwd|secret|token|api_?key|private_?key|connection_?string)/i;
const REFERENCE = /_(NAME|ID|URI|URL|FILE|PATH)$/i;

export const policy: PlatformResourcePolicy = {
    name: "azure-container-group-secure-environment",
    description: "Container group environment variables that carry credentials use secureValue, which the API never returns (Checkov CKV_AZURE_235).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [CONTAINER_GROUP],
    requires: "variables whose names look like credentials set `secureValue`, never `value`",
    validateResource: validateTypes([CONTAINER_GROUP], (props, _args, report) => {
        for (const [index, container] of asArray(read(() => props.containers)).entries()) {
            for (const variable of asArray(at(container, "environmentVariables")).map((entry) => asRecord(entry) ?? {})) {
                const name = String(read(() => variable.name) ?? "");
                const value = read(() => variable.value);
                if (CREDENTIAL.test(name) && !REFERENCE.test(name) && typeof value === "string" && value !== "") {
                    report(`containers[${index}] sets ${name} as a plain value: anyone who can read the container group reads it; use secureValue.`);
                }
            }
        }
    }),
};
