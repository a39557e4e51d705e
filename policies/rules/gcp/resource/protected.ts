import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isFalse, read } from "../../../lib/values";
import { CRYPTO_KEY, REDIS_CLUSTER, REDIS_INSTANCE, SECRET, SQL_INSTANCE } from "../types";

const tiers = tiersWhere((tier) => tier.protectData);
/** Resources whose deletion loses data or, for keys, makes data unreadable (buckets: gcp-storage-bucket-protected). */
const STATEFUL = [SQL_INSTANCE, REDIS_INSTANCE, REDIS_CLUSTER, SECRET, CRYPTO_KEY];
/** Service-side switches that must not undo the protection. */
const DELETE_SWITCHES: Record<string, { field: string; unsafe: (value: unknown) => boolean; why: string }> = {
    [REDIS_CLUSTER]: { field: "deletionProtectionEnabled", unsafe: isFalse, why: "the Memorystore API would delete the cluster on request" },
    [REDIS_INSTANCE]: { field: "deletionProtection", unsafe: isFalse, why: "the provider would delete the instance on destroy or replacement" },
    [SECRET]: { field: "deletionProtection", unsafe: isFalse, why: "the provider would delete the secret and every version on destroy" },
};

export const policy: PlatformResourcePolicy = {
    name: "gcp-resource-protected",
    description: "Stateful resources in production (Cloud SQL, Memorystore, secrets, KMS keys) carry Pulumi's protect option and no switch that lets a delete through (Checkov CKV_GCP_82; the GCP counterpart of CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: STATEFUL,
    requires: "resource option `protect: true`; secrets and Memorystore without deletion protection switched off",
    tiers,
    validateResource: validateTypes(
        STATEFUL,
        (props, args, report) => {
            if (!args.opts.protect) {
                report("the resource is not protected: `pulumi destroy` or a replacing change would delete production data.");
            }
            const guard = DELETE_SWITCHES[args.type];
            if (guard && guard.unsafe(read(() => props[guard.field]))) {
                report(`${guard.field} is ${String(read(() => props[guard.field]))}: ${guard.why}.`);
            }
        },
        { tiers },
    ),
};
