import { validateTypes } from "../../../lib/match";
import { findCredential } from "../../../lib/secrets";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isSet, isUnknown, SECRET_PLACEHOLDER } from "../../../lib/values";
import { CLOUD_RUN_JOB } from "../types";

/** Variable names that announce a credential. */
const CREDENTIAL_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)$/i;

export const policy: PlatformResourcePolicy = {
    name: "gcp-cloud-run-job-no-secrets-in-env",
    description: "Cloud Run jobs take credentials from Secret Manager references, never as literal environment values, which anyone who may view the job can read (Checkov CKV_SECRET_6; the Cloud Run counterpart of CKV_AWS_173).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [CLOUD_RUN_JOB],
    requires: "no container `envs[].value` that is a secret value, a credential-named literal, or a literal containing a credential (use `valueSource.secretKeyRef`)",
    validateResource: validateTypes([CLOUD_RUN_JOB], (props, _args, report) => {
        const containers = at(props, "template.template.containers");
        if (isUnknown(containers)) {
            return;
        }
        asArray(containers).forEach((container, index) => {
            for (const entry of asArray(asRecord(container)?.envs)) {
                const env = asRecord(entry) ?? {};
                const name = String(env.name ?? "");
                const value = env.value;
                const where = `containers[${index}] env ${name}`;
                if (value === SECRET_PLACEHOLDER) {
                    report(`${where} is a secret value in plain text in the job's definition: reference the Secret Manager secret with valueSource.secretKeyRef.`);
                } else if (typeof value === "string" && isSet(value)) {
                    const found = CREDENTIAL_NAME.test(name) ? "a credential-named literal" : findCredential(value);
                    if (found) {
                        report(`${where} holds ${found}: reference a Secret Manager secret with valueSource.secretKeyRef instead.`);
                    }
                }
            }
        });
    }),
};
