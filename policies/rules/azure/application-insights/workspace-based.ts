import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { APPLICATION_INSIGHTS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-application-insights-workspace-based",
    description: "Application Insights components keep their data in a Log Analytics workspace, whose retention, access mode and local-auth settings the platform controls; classic components are retired (no Azure Checkov check; counterpart of Checkov CKV_AWS_338, logs kept under a set retention).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [APPLICATION_INSIGHTS],
    requires: '`workspaceResourceId` set and `ingestionMode: "LogAnalytics"`',
    validateResource: validateTypes([APPLICATION_INSIGHTS], (props, _args, report) => {
        const workspace = at(props, "workspaceResourceId");
        const mode = at(props, "ingestionMode");
        if (!isUnknown(workspace) && (typeof workspace !== "string" || workspace === "")) {
            report("workspaceResourceId is not set: a classic component keeps telemetry outside the platform's workspaces and their retention.");
        }
        if (!isUnknown(mode) && mode !== "LogAnalytics") {
            report(`ingestionMode is ${mode === undefined ? "unset" : JSON.stringify(mode)}: set "LogAnalytics" so the data lands in the workspace.`);
        }
    }),
};
