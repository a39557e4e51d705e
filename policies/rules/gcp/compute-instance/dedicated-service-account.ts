import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isSet, isUnknown } from "../../../lib/values";
import { VM_TYPES } from "../types";

/** The Compute Engine default service account: Editor on the project unless someone removed it. */
const DEFAULT_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/;

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-dedicated-service-account",
    description: "VMs run as a dedicated service account of their own, never the Compute Engine default account, which holds Editor on the project (Checkov CKV_GCP_30, CKV_GCP_31, CIS GCP 4.1, 4.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: VM_TYPES,
    requires: "`serviceAccount.email` set and not `*-compute@developer.gserviceaccount.com`",
    validateResource: validateTypes(VM_TYPES, (props, _args, report) => {
        const email = at(props, "serviceAccount.email");
        if (isUnknown(email)) {
            return;
        }
        if (!isSet(email) || (typeof email === "string" && (DEFAULT_ACCOUNT.test(email) || email === "default"))) {
            const scopes = asArray(at(props, "serviceAccount.scopes"));
            const full = scopes.some((scope) => typeof scope === "string" && scope.endsWith("cloud-platform"));
            report(`the VM runs as the Compute Engine default service account${full ? " with the cloud-platform scope, i.e. Editor on the whole project" : ""}: give each service an account of its own.`);
        }
    }),
};
