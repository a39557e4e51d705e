import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { GKE_NODE_POOL } from "../types";

const TYPES = [GKE_NODE_POOL];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-node-service-account",
    description: "Nodes run as a dedicated least-privilege service account, not the Compute Engine default account and its Editor role (CIS GKE 5.2.1, the GKE counterpart of Checkov CKV_GCP_30).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`nodeConfig.serviceAccount` set and not `*-compute@developer.gserviceaccount.com` or `default`",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const account = at(props, "nodeConfig.serviceAccount");
        if (isUnknown(account)) {
            return;
        }
        if (typeof account !== "string" || account === "" || account === "default" || /-compute@developer\.gserviceaccount\.com$/.test(account)) {
            report(`nodeConfig.serviceAccount is ${JSON.stringify(account ?? null)}: the nodes run as the Compute Engine default account (Editor on the project).`);
        }
    }),
};
