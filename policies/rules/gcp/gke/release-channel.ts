import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { GKE_CLUSTER } from "../types";

const TYPES = [GKE_CLUSTER];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-release-channel",
    description: "The cluster follows a release channel, so the control plane and nodes get GKE's patched versions on its schedule (Checkov CKV_GCP_70, CIS GKE 5.5.4).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: TYPES,
    requires: "`releaseChannel.channel` one of RAPID, REGULAR, STABLE, EXTENDED",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const channel = at(props, "releaseChannel.channel");
        if (!isUnknown(channel) && !["RAPID", "REGULAR", "STABLE", "EXTENDED"].includes(channel as string)) {
            report(`releaseChannel.channel is ${JSON.stringify(channel ?? null)}: versions are pinned by hand and security patches wait for someone.`);
        }
    }),
};
