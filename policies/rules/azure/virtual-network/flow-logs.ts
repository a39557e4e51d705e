import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { isFalse, read } from "../../../lib/values";
import { refersToResource } from "../shared";
import { FLOW_LOG, VIRTUAL_NETWORK } from "../types";

export const policy: PlatformStackPolicy = {
    name: "azure-virtual-network-flow-logs",
    description: "Every virtual network records its traffic, allowed and denied, in VNet flow logs (no Azure Checkov check for VNet flow logs; counterpart of Checkov CKV2_AWS_11).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [VIRTUAL_NETWORK, FLOW_LOG],
    requires: "a FlowLog whose `targetResourceId` is the VNet, `enabled` not `false`",
    validateStack: (args, report) => {
        const flowLogs = ofType(args.resources, FLOW_LOG);
        for (const vnet of ofType(args.resources, VIRTUAL_NETWORK)) {
            const logs = flowLogs.filter((log) => refersToResource(log, "targetResourceId", vnet));
            if (logs.length === 0) {
                report(`virtual network "${vnet.name}" has no flow log: there is no record of who connected to what.`, vnet.urn);
            } else if (logs.every((log) => isFalse(read(() => log.props.enabled)))) {
                report(`virtual network "${vnet.name}": its flow log is disabled.`, vnet.urn);
            }
        }
    },
};
