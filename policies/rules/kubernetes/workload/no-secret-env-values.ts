import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, read } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

/** Variable names that hold credentials by convention. */
export const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
/** A URL carrying a password: scheme://user:password@host. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:[^@\s]+@/i;

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-no-secret-env-values",
    description:
        "No container has a credential written as a plain env value, which anyone who can read the workload reads (a Pulumi secret included: the cluster stores the manifest as written); credentials come from Secrets (Checkov CKV_K8S_35, CIS Kubernetes 5.4.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: WORKLOAD_TYPES,
    requires: "no `env[].value` for a variable named like a password, secret, token or key, nor a URL with a password; use `valueFrom.secretKeyRef` or `envFrom`",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        for (const entry of asArray(read(() => container.env))) {
            const variable = asRecord(entry) ?? {};
            const name = String(variable.name ?? "");
            const value = read(() => variable.value);
            if (typeof value !== "string" || value === "") {
                continue;
            }
            if (SECRET_NAME.test(name) || URL_WITH_PASSWORD.test(value)) {
                report(`${label} sets ${name} as a plain env value: anyone who can read the workload reads the credential.`);
            }
        }
    }),
};
