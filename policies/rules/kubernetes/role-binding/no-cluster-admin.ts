import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, read } from "../../../lib/values";
import { BINDING_TYPES, text } from "../shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-role-binding-no-cluster-admin",
    description:
        "No binding grants cluster-admin to a service account: a compromised pod would own the whole cluster (CIS Kubernetes 5.1.1).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "security",
    resourceTypes: BINDING_TYPES,
    requires: "`roleRef.name` is not `cluster-admin` where a subject is a ServiceAccount",
    validateResource: validateTypes(BINDING_TYPES, (props, _args, report) => {
        if (text(props, "roleRef.name") !== "cluster-admin") {
            return;
        }
        const accounts = asArray(read(() => props.subjects))
            .map((subject) => asRecord(subject) ?? {})
            .filter((subject) => subject.kind === "ServiceAccount")
            .map((subject) => `${String(subject.namespace ?? "")}/${String(subject.name ?? "")}`);
        if (accounts.length > 0) {
            report(`binds cluster-admin to service account ${accounts.join(", ")}.`);
        }
    }),
};
