import { validateTypes } from "../../../lib/match";
import { isWorld } from "../../../lib/network";
import { PlatformResourcePolicy } from "../../../lib/types";
import { FIREWALL } from "../types";
import { describeAllowed, ingressOf } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-firewall-no-world-ingress",
    description: "No VPC firewall rule admits the whole internet: the external Application Load Balancer is Google's proxy, reaching backends from Google's front-end ranges 130.211.0.0/22 and 35.191.0.0/16, so a world-open rule only exposes VMs past the load balancer and Cloud Armor (Checkov CKV2_GCP_12, CKV_GCP_106, CIS GCP 3.6).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [FIREWALL],
    requires: "ingress `allows` rules name `sourceRanges` (or source tags/service accounts), none of them 0.0.0.0/0 or ::/0",
    validateResource: validateTypes([FIREWALL], (props, _args, report) => {
        const ingress = ingressOf(props);
        if (!ingress) {
            return;
        }
        const world = ingress.sourceRanges.filter(isWorld);
        if (world.length === 0) {
            return;
        }
        const what = ingress.allows.map(describeAllowed).join(", ");
        if (ingress.impliedWorld) {
            report(`the rule allows ${what} and names no source, so GCP applies it to 0.0.0.0/0: name the source ranges, tags or service accounts.`);
        } else {
            report(`the rule allows ${what} from ${world.join(" and ")}: instances would be reachable without the load balancer and Cloud Armor.`);
        }
    }),
};
