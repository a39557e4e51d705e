import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isTrue, read } from "../../../lib/values";
import { EC2_INSTANCE, LAUNCH_TEMPLATE } from "../types";

const TYPES = [LAUNCH_TEMPLATE, EC2_INSTANCE];

interface Config {
    publicRoles: string[];
}

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-launch-template-no-public-ip",
    description: "Launch templates and instances never get a public IP address; only the load balancer faces the internet, and the bastion of the idea-management design when admin ranges are set (Checkov CKV_AWS_88).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: "`associatePublicIpAddress` unset or `false` on the instance and every network interface (unless its `platform-role` tag is in `publicRoles`: by default only `bastion`, whose security group admits SSH from the admin ranges alone)",
    configSchema: {
        properties: {
            publicRoles: {
                type: "array",
                items: { type: "string" },
                default: ["bastion"],
                description: "Values of the `platform-role` tag that may carry a public address (e.g. [\"bastion\"]); their ports stay bound by the security group rules.",
            },
        },
    },
    validateResource: validateTypes(TYPES, (props, args, report) => {
        const role = at(props, "tags.platform-role");
        if (typeof role === "string" && args.getConfig<Config>().publicRoles.includes(role)) {
            return;
        }
        if (isTrue(read(() => props.associatePublicIpAddress))) {
            report("associatePublicIpAddress is true: the instance is reachable from the internet.");
        }
        asArray(read(() => props.networkInterfaces)).forEach((entry, index) => {
            if (isTrue(asRecord(entry)?.associatePublicIpAddress)) {
                report(`networkInterfaces[${index}].associatePublicIpAddress is true: every instance gets a public address.`);
            }
        });
    }),
};
