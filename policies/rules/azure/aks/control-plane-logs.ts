import type { PolicyResource } from "@pulumi/policy";
import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, asRecord, isFalse, isSet, read } from "../../../lib/values";
import { refersToResource } from "../shared";
import { DIAGNOSTIC_SETTING, MANAGED_CLUSTER } from "../types";

/** What an investigation needs: who called the API server and what they changed. */
const REQUIRED = ["kube-apiserver", ["kube-audit", "kube-audit-admin"]] as const;

function enabledCategories(setting: PolicyResource): Set<string> {
    const logs = asArray(read(() => setting.props.logs)).map(asRecord).filter((entry) => entry && !isFalse(entry.enabled));
    if (logs.some((entry) => entry!.categoryGroup === "allLogs" || entry!.categoryGroup === "audit")) {
        return new Set(["kube-apiserver", "kube-audit", "kube-audit-admin"]);
    }
    return new Set(logs.map((entry) => String(entry!.category)));
}

export const policy: PlatformStackPolicy = {
    name: "azure-aks-control-plane-logs",
    description: "AKS control-plane logs (API server and audit) go to a workspace through a diagnostic setting (Checkov CKV_AZURE_4, CIS AKS 2.1.1).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [MANAGED_CLUSTER, DIAGNOSTIC_SETTING],
    requires: "a DiagnosticSetting on the cluster with a `workspaceId` and the `kube-apiserver` and `kube-audit` (or `kube-audit-admin`) categories",
    validateStack: (args, report) => {
        const settings = ofType(args.resources, DIAGNOSTIC_SETTING);
        for (const cluster of ofType(args.resources, MANAGED_CLUSTER)) {
            const mine = settings.filter((setting) => refersToResource(setting, "resourceUri", cluster) && isSet(read(() => setting.props.workspaceId)));
            const categories = new Set(mine.flatMap((setting) => [...enabledCategories(setting)]));
            const missing = REQUIRED.filter((required) => (typeof required === "string" ? !categories.has(required) : !required.some((c) => categories.has(c))));
            if (missing.length > 0) {
                report(`AKS cluster "${cluster.name}" does not send ${missing.map((m) => (typeof m === "string" ? m : m.join(" or "))).join(", ")} logs to a workspace: API calls and changes go unrecorded.`, cluster.urn);
            }
        }
    },
};
