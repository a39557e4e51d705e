import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { GKE_CLUSTER } from "../types";

const TYPES = [GKE_CLUSTER];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-secrets-encryption",
    description: "Kubernetes Secrets are encrypted in etcd with a customer-managed Cloud KMS key (application-layer secrets encryption; CIS GKE 5.3.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: "`databaseEncryption.state: \"ENCRYPTED\"` with a `keyName`",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const state = at(props, "databaseEncryption.state");
        const key = at(props, "databaseEncryption.keyName");
        if (isUnknown(state) || isUnknown(key)) {
            return;
        }
        if (state !== "ENCRYPTED" || !key) {
            report("databaseEncryption is not ENCRYPTED with a key: Secrets in etcd are protected by Google's key only.");
        }
    }),
};
