import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { CLOUD_RUN_JOB } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-cloud-run-job-dedicated-service-account",
    description: "Cloud Run jobs run as a dedicated service account of their own, never the Compute Engine default account, which holds Editor on the project (the Cloud Run counterpart of CKV_GCP_30, CIS GCP 4.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [CLOUD_RUN_JOB],
    requires: "`template.template.serviceAccount` set and not `*-compute@developer.gserviceaccount.com`",
    validateResource: validateTypes([CLOUD_RUN_JOB], (props, _args, report) => {
        const account = at(props, "template.template.serviceAccount");
        if (isUnknown(account)) {
            return;
        }
        if (!isSet(account) || (typeof account === "string" && /-compute@developer\.gserviceaccount\.com$/.test(account))) {
            report("the job runs as the Compute Engine default service account: give it an account that reaches only its own secrets.");
        }
    }),
};
