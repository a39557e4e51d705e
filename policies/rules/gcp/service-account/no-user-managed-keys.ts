import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { SERVICE_ACCOUNT_KEY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-service-account-no-user-managed-keys",
    description: "The stack creates no service account keys: VMs and jobs use their attached service account's short-lived tokens, and a downloaded key never expires on its own (Checkov CKV2_GCP_3, CIS GCP 1.4).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [SERVICE_ACCOUNT_KEY],
    requires: "no `gcp.serviceaccount.Key` resource",
    validateResource: validateTypes([SERVICE_ACCOUNT_KEY], (_props, _args, report) => {
        report("a user-managed service account key is created: its private key lands in the state and stays valid until someone deletes it.");
    }),
};
