import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-workload-identity",
    description: "AKS clusters issue OIDC tokens and run workload identity, so each service's pods hold only their own managed identity's roles, never the nodes' (CIS AKS 5.2.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [MANAGED_CLUSTER],
    requires: "`oidcIssuerProfile.enabled: true` and `securityProfile.workloadIdentity.enabled: true`",
    validateResource: validateTypes([MANAGED_CLUSTER], (props, _args, report) => {
        const issuer = at(props, "oidcIssuerProfile.enabled");
        const identity = at(props, "securityProfile.workloadIdentity.enabled");
        if (isUnknown(issuer) || isUnknown(identity)) {
            return;
        }
        if (!isTrue(issuer) || !isTrue(identity)) {
            report("the OIDC issuer or workload identity is off: pods would reach Azure with the kubelet's identity, shared by every pod on the node.");
        }
    }),
};
