import type { PolicyResource } from "@pulumi/policy";
import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, at, isSet, isTrue, read } from "../../../lib/values";
import { refersToResource } from "../shared";
import { AGENT_POOL, MANAGED_CLUSTER } from "../types";

/** Every pool of a cluster: its inline profiles and the AgentPool resources that name it. */
function poolsOf(resources: PolicyResource[], cluster: PolicyResource): unknown[] {
    const inline = asArray(read(() => cluster.props.agentPoolProfiles));
    const separate = ofType(resources, AGENT_POOL)
        .filter((pool) => refersToResource(pool, "resourceName", cluster))
        .map((pool) => pool.props);
    return [...inline, ...separate];
}

export const policy: PlatformStackPolicy = {
    name: "azure-aks-disk-encryption",
    description: "AKS node OS and data disks are encrypted with the platform's own key through a disk encryption set, or every pool encrypts at host (Checkov CKV_AZURE_117, CKV_AZURE_227).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [MANAGED_CLUSTER, AGENT_POOL],
    requires: "`diskEncryptionSetID` on the cluster, or `enableEncryptionAtHost: true` on every pool",
    validateStack: (args, report) => {
        for (const cluster of ofType(args.resources, MANAGED_CLUSTER)) {
            if (isSet(read(() => cluster.props.diskEncryptionSetID))) {
                continue;
            }
            const pools = poolsOf(args.resources, cluster);
            if (pools.length === 0 || !pools.every((pool) => isTrue(at(pool, "enableEncryptionAtHost")))) {
                report(`AKS cluster "${cluster.name}" has no diskEncryptionSetID and not every pool encrypts at host: node disks hold pod data and secrets under Microsoft's key only.`, cluster.urn);
            }
        }
    },
};
