import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown, read } from "../../../lib/values";
import { SCHEDULER_JOB } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-cloud-scheduler-job-authenticated",
    description: "Cloud Scheduler HTTP jobs call HTTPS endpoints with an OAuth or OIDC token of a service account, so the target needs no unauthenticated access (CIS Controls v8 3.10; the GCP counterpart of CKV_AWS_364).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [SCHEDULER_JOB],
    requires: "`httpTarget.uri` on https:// and `httpTarget.oauthToken` or `oidcToken` with a `serviceAccountEmail`",
    validateResource: validateTypes([SCHEDULER_JOB], (props, _args, report) => {
        const target = read(() => props.httpTarget);
        if (isUnknown(target) || target === undefined || target === null) {
            return;
        }
        const uri = at(target, "uri");
        if (typeof uri === "string" && !uri.startsWith("https://")) {
            report(`httpTarget.uri is ${uri}: the call and its token would travel without TLS.`);
        }
        const oauth = at(target, "oauthToken.serviceAccountEmail");
        const oidc = at(target, "oidcToken.serviceAccountEmail");
        if (!isUnknown(oauth) && !isUnknown(oidc) && !isSet(oauth) && !isSet(oidc)) {
            report("httpTarget has no oauthToken or oidcToken: the target must accept unauthenticated calls.");
        }
    }),
};
