import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isTrue, isUnknown, read } from "../../../lib/values";
import { GKE_CLUSTER } from "../types";

const TYPES = [GKE_CLUSTER];
const ANYWHERE = ["0.0.0.0/0", "::/0"];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-master-authorized-networks",
    description: "The control plane's IP endpoint admits listed ranges only, none of them the whole internet nor Google Cloud's public addresses (Checkov CKV_GCP_20, CIS GKE 5.6.3).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`masterAuthorizedNetworksConfig` set, no `cidrBlocks[].cidrBlock` of 0.0.0.0/0, `gcpPublicCidrsAccessEnabled` not true",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const config = read(() => props.masterAuthorizedNetworksConfig);
        if (isUnknown(config)) {
            return;
        }
        if (!asRecord(config)) {
            report("masterAuthorizedNetworksConfig is not set: any address may reach the control plane's endpoint.");
            return;
        }
        for (const block of asArray(at(config, "cidrBlocks"))) {
            const cidr = asRecord(block)?.cidrBlock;
            if (typeof cidr === "string" && ANYWHERE.includes(cidr)) {
                report(`masterAuthorizedNetworksConfig admits ${cidr}: the whole internet reaches the control plane.`);
            }
        }
        if (isTrue(at(config, "gcpPublicCidrsAccessEnabled"))) {
            report("masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled is true: every Google Cloud customer's addresses reach the control plane.");
        }
    }),
};
