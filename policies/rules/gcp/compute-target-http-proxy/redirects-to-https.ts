import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, at, isSet, isTrue, read } from "../../../lib/values";
import { targetsOf } from "../references";
import { TARGET_HTTP_PROXY, URL_MAP } from "../types";

export const policy: PlatformStackPolicy = {
    name: "gcp-compute-target-http-proxy-redirects-to-https",
    description: "Plain HTTP proxies only redirect to HTTPS and never route requests to a backend (Checkov CKV2_GCP_38; the GCP counterpart of CKV_AWS_2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [TARGET_HTTP_PROXY, URL_MAP],
    requires: "the proxy's `urlMap` is a URL map in the stack with `defaultUrlRedirect.httpsRedirect: true` and no `defaultService`, `hostRules` or `pathMatchers`",
    validateStack: (args, report) => {
        for (const proxy of ofType(args.resources, TARGET_HTTP_PROXY)) {
            const maps = targetsOf(args.resources, proxy, "urlMap", URL_MAP);
            if (maps.length === 0) {
                report(`HTTP proxy "${proxy.name}" uses a URL map outside this stack: nothing shows that it only redirects to HTTPS.`, proxy.urn);
                continue;
            }
            for (const map of maps) {
                const redirects = isTrue(at(map.props, "defaultUrlRedirect.httpsRedirect"));
                const routes = isSet(read(() => map.props.defaultService)) || asArray(read(() => map.props.hostRules)).length > 0 || asArray(read(() => map.props.pathMatchers)).length > 0;
                if (!redirects || routes) {
                    report(`HTTP proxy "${proxy.name}" serves URL map "${map.name}", which ${redirects ? "also routes requests to backends" : "does not redirect to HTTPS"}: pages and cookies travel in clear text.`, proxy.urn);
                }
            }
        }
    },
};
