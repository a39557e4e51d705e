import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-auto-upgrade",
    description: "AKS clusters follow an automatic upgrade channel for Kubernetes patches and node images, so CVE fixes land without a deploy (Checkov CKV_AZURE_171).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [MANAGED_CLUSTER],
    requires: '`autoUpgradeProfile.upgradeChannel` not "none" and `autoUpgradeProfile.nodeOSUpgradeChannel` not "None"/"Unmanaged"',
    validateResource: validateTypes([MANAGED_CLUSTER], (props, _args, report) => {
        const channel = at(props, "autoUpgradeProfile.upgradeChannel");
        const nodes = at(props, "autoUpgradeProfile.nodeOSUpgradeChannel");
        if (isUnknown(channel) || isUnknown(nodes)) {
            return;
        }
        if (typeof channel !== "string" || channel.toLowerCase() === "none") {
            report(`autoUpgradeProfile.upgradeChannel is ${channel === undefined ? "not set" : JSON.stringify(channel)}: Kubernetes patch releases wait for someone to apply them.`);
        }
        if (typeof nodes !== "string" || ["none", "unmanaged"].includes(nodes.toLowerCase())) {
            report(`autoUpgradeProfile.nodeOSUpgradeChannel is ${nodes === undefined ? "not set" : JSON.stringify(nodes)}: node OS security fixes are not rolled out.`);
        }
    }),
};
