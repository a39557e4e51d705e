import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { PROJECT_IAM_BINDING, PROJECT_IAM_MEMBER } from "../types";
import { grantsOf } from "./shared";

const TYPES = [PROJECT_IAM_MEMBER, PROJECT_IAM_BINDING];

/**
 * What a workload may hold of Cloud Trace and Cloud Monitoring on the project: writing spans and
 * metrics (Managed Service for Prometheus included), and reading metrics for an autoscaler.
 * Reading traces exposes request data of every service; editing Monitoring changes alerts.
 */
const ALLOWED = ["roles/cloudtrace.agent", "roles/monitoring.metricWriter", "roles/monitoring.viewer"];

export const policy: PlatformResourcePolicy = {
    name: "gcp-iam-member-telemetry-write-only",
    description:
        "Service accounts hold only the writer roles of Cloud Trace and Cloud Monitoring on the project (cloudtrace.agent, monitoring.metricWriter; monitoring.viewer for an autoscaler): no reading of other services' traces, no editing of dashboards or alerts (CIS GCP 1.5 least privilege).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: `project-level \`roles/cloudtrace.*\` and \`roles/monitoring.*\` grants to service accounts are one of ${ALLOWED.map((role) => `\`${role}\``).join(", ")}`,
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        for (const grant of grantsOf(props)) {
            if (/^roles\/(cloudtrace|monitoring)\./.test(grant.role) && grant.member.startsWith("serviceAccount:") && !ALLOWED.includes(grant.role)) {
                report(`${grant.role} is granted to ${grant.member} on the whole project: a workload's collector needs ${grant.role.startsWith("roles/cloudtrace.") ? "roles/cloudtrace.agent (write spans)" : "roles/monitoring.metricWriter (write metrics)"} only.`);
            }
        }
    }),
};
