import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at } from "../../../lib/values";
import { INGRESS, labelsOf } from "../shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-ingress-no-snippets",
    description:
        "No Ingress carries ingress-nginx configuration snippets, which inject raw nginx configuration and can read the controller's credentials (CVE-2021-25742) (Checkov CKV_K8S_153).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [INGRESS],
    requires: "no `nginx.ingress.kubernetes.io/*-snippet` annotation",
    validateResource: validateTypes([INGRESS], (props, _args, report) => {
        const snippets = Object.keys(labelsOf(at(props, "metadata.annotations"))).filter((key) => /^nginx\.ingress\.kubernetes\.io\/[a-z-]*snippet$/.test(key));
        if (snippets.length > 0) {
            report(`${snippets.join(", ")}: a snippet writes raw nginx configuration into the shared controller.`);
        }
    }),
};
