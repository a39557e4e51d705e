import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, read } from "../../../lib/values";
import { VM_TYPES } from "../types";

interface Config {
    publicRoles: string[];
}

/** The VM's role: its `platform-role` label, else a network tag named after a public role. */
function isPublicRole(props: Record<string, unknown>, roles: string[]): boolean {
    const label = at(props, "labels.platform-role");
    if (typeof label === "string" && roles.includes(label)) {
        return true;
    }
    const tags = asArray(read(() => props.tags)).filter((tag): tag is string => typeof tag === "string");
    return tags.some((tag) => roles.some((role) => tag === role || tag.endsWith(`-${role}`)));
}

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-no-public-ip",
    description: "VMs have no external IP address; only the load balancer faces the internet, and the bastion of the idea-management design when admin ranges are set (Checkov CKV_GCP_40, CIS GCP 4.9).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: VM_TYPES,
    requires: "no `accessConfigs` or `ipv6AccessConfigs` on any network interface (unless the `platform-role` label or a network tag names a role in `publicRoles`: by default only `bastion`, which the firewall opens to the admin ranges alone)",
    configSchema: {
        properties: {
            publicRoles: {
                type: "array",
                items: { type: "string" },
                default: ["bastion"],
                description: "Roles (the `platform-role` label, or a network tag `<role>` / `*-<role>`) that may carry an external address.",
            },
        },
    },
    validateResource: validateTypes(VM_TYPES, (props, args, report) => {
        if (isPublicRole(props, args.getConfig<Config>().publicRoles)) {
            return;
        }
        asArray(read(() => props.networkInterfaces)).forEach((entry, index) => {
            const nic = asRecord(entry) ?? {};
            for (const field of ["accessConfigs", "ipv6AccessConfigs"]) {
                if (asArray(nic[field]).length > 0) {
                    report(`networkInterfaces[${index}].${field} is set: the VM gets an external address and is reachable from the internet.`);
                }
            }
        });
    }),
};
