import { validateTypes } from "../../../lib/match";
import { tierOfResource } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at, isUnknown, read } from "../../../lib/values";
import { HORIZONTAL_POD_AUTOSCALER } from "../shared";

interface Config {
    minimumReplicas?: number;
}

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-horizontal-pod-autoscaler-min-replicas",
    description:
        "Autoscalers keep at least two pods from production on, so a node or zone failure never leaves a service without a pod, and never cap below their own minimum (LMS requirements, Kubernetes Configuration: no Checkov or CIS check exists for autoscalers).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [HORIZONTAL_POD_AUTOSCALER],
    requires: "`minReplicas` >= `minimumReplicas` (production tiers 2, others 1) and `maxReplicas` >= `minReplicas`",
    configSchema: {
        properties: {
            minimumReplicas: { type: "integer", minimum: 1, maximum: 10, description: "Fewest pods an autoscaler may keep; default: 2 (production), 1 in development and staging." },
        },
    },
    tierConfig: (_requirements, tier) => ({ minimumReplicas: tier.startsWith("production-") ? 2 : 1 }),
    validateResource: validateTypes([HORIZONTAL_POD_AUTOSCALER], (props, args, report) => {
        const tier = tierOfResource(args);
        const minimum = args.getConfig<Config>().minimumReplicas ?? (tier && !tier.startsWith("production-") ? 1 : 2);
        const rawMin = read(() => at(props, "spec.minReplicas"));
        const rawMax = read(() => at(props, "spec.maxReplicas"));
        if (isUnknown(rawMin) || isUnknown(rawMax)) {
            return;
        }
        // The API's default minimum is one pod.
        const min = asNumber(rawMin) ?? 1;
        const max = asNumber(rawMax);
        if (min < minimum) {
            report(`minReplicas is ${min}; the ${tier ?? "production"} tier keeps at least ${minimum} pods so one failure does not take the service down.`);
        }
        if (max !== undefined && max < min) {
            report(`maxReplicas ${max} is below minReplicas ${min}.`);
        }
    }),
};
