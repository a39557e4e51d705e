import { ofType, refersTo } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { read } from "../../../lib/values";
import { FLOW_LOG, VPC } from "../types";

export const policy: PlatformStackPolicy = {
    name: "aws-ec2-vpc-flow-logs",
    description: "Every VPC records its traffic, rejected connections included, in flow logs (Checkov CKV2_AWS_11, CIS AWS 3.7).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [VPC, FLOW_LOG],
    requires: "a FlowLog whose `vpcId` is the VPC, `trafficType` `ALL` or `REJECT`",
    validateStack: (args, report) => {
        const flowLogs = ofType(args.resources, FLOW_LOG);
        for (const vpc of ofType(args.resources, VPC)) {
            const logs = flowLogs.filter((log) => refersTo(log, "vpcId", vpc));
            if (logs.length === 0) {
                report(`VPC "${vpc.name}" has no flow log: there is no record of who connected to what.`, vpc.urn);
            } else if (!logs.some((log) => ["ALL", "REJECT"].includes(String(read(() => log.props.trafficType))))) {
                report(`VPC "${vpc.name}" logs accepted traffic only: rejected connection attempts (probes, attacks) go unrecorded.`, vpc.urn);
            }
        }
    },
};
