import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isSet, isUnknown } from "../../../lib/values";
import { CLOUD_RUN_JOB } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-cloud-run-job-in-vpc",
    description: "Cloud Run jobs reach the database through the platform's VPC, with all their egress routed through it, behind its firewall rules and flow logs (the GCP counterpart of CKV_AWS_117).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [CLOUD_RUN_JOB],
    requires: "`template.template.vpcAccess` with `networkInterfaces` (direct VPC egress) or a `connector`, and `egress: \"ALL_TRAFFIC\"`",
    validateResource: validateTypes([CLOUD_RUN_JOB], (props, _args, report) => {
        const access = at(props, "template.template.vpcAccess");
        if (isUnknown(access)) {
            return;
        }
        const interfaces = asArray(at(access, "networkInterfaces"));
        if (interfaces.length === 0 && !isSet(at(access, "connector"))) {
            report("template.template.vpcAccess is not set: the job runs outside the platform's VPC and its firewall rules.");
            return;
        }
        const egress = at(access, "egress");
        if (!isUnknown(egress) && egress !== "ALL_TRAFFIC") {
            report(`template.template.vpcAccess.egress is ${egress === undefined ? "not set (PRIVATE_RANGES_ONLY)" : JSON.stringify(egress)}: traffic to public addresses bypasses the VPC's firewall and logs.`);
        }
    }),
};
