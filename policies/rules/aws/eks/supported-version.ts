import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown, read } from "../../../lib/values";
import { EKS_CLUSTER } from "../types";

interface Config {
    versions: string[];
}

export const policy: PlatformResourcePolicy = {
    name: "aws-eks-supported-version",
    description: "EKS clusters pin a Kubernetes minor in standard support and stay there (upgradePolicy STANDARD): extended support costs six times the cluster fee and the minor stops getting upstream fixes (Checkov CKV_AWS_339; FSBP EKS.2).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [EKS_CLUSTER],
    requires: "`version` in `versions` and `upgradePolicy.supportType: \"STANDARD\"`",
    configSchema: {
        properties: {
            versions: {
                type: "array",
                items: { type: "string" },
                default: ["1.32", "1.33", "1.34"],
                description: "Kubernetes minors EKS supports in standard support (see the EKS Kubernetes version calendar).",
            },
        },
    },
    validateResource: validateTypes([EKS_CLUSTER], (props, args, report) => {
        const version = read(() => props.version);
        const support = at(props, "upgradePolicy.supportType");
        if (isUnknown(version) || isUnknown(support)) {
            return;
        }
        const versions = args.getConfig<Config>().versions;
        if (typeof version !== "string") {
            report(`version is unset: EKS picks its default minor, which changes under the stack; pin one of ${versions.join(", ")}.`);
        } else if (!versions.includes(version)) {
            report(`version ${version} is not in standard support (${versions.join(", ")}).`);
        }
        if (support !== "STANDARD") {
            report(`upgradePolicy.supportType is ${support === undefined ? "unset (EXTENDED)" : JSON.stringify(support)}: at the end of standard support the cluster is billed extended support instead of being upgraded.`);
        }
    }),
};
