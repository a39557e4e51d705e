import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, read } from "../../../lib/values";
import { SERVICE } from "../shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-service-no-external-ips",
    description:
        "Services set no externalIPs, which let whoever creates a Service intercept traffic to any address (CVE-2020-8554) and bypass the namespace's network policies (CIS Kubernetes 5.3.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [SERVICE],
    requires: "`spec.externalIPs` unset or empty",
    validateResource: validateTypes([SERVICE], (props, _args, report) => {
        const addresses = asArray(read(() => at(props, "spec.externalIPs")));
        if (addresses.length > 0) {
            report(`spec.externalIPs lists ${addresses.map(String).join(", ")}: traffic to those addresses is captured by this service on every node.`);
        }
    }),
};
