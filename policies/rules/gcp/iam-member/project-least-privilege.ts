import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { PROJECT_IAM_BINDING, PROJECT_IAM_MEMBER } from "../types";
import { grantsOf } from "./shared";

const TYPES = [PROJECT_IAM_MEMBER, PROJECT_IAM_BINDING];

/** Roles that let a principal act as any service account of the project (CIS GCP 1.6). */
const IMPERSONATION = ["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator", "roles/iam.serviceAccountKeyAdmin", "roles/iam.workloadIdentityUser"];
/** Data roles the platform grants on one secret, key, bucket or topic, never on the whole project. */
const RESOURCE_SCOPED = /^roles\/(secretmanager\.secretAccessor|secretmanager\.admin|cloudkms\.cryptoKey(Encrypter|Decrypter|EncrypterDecrypter)|storage\.object(User|Viewer|Creator|Admin)|pubsub\.(publisher|subscriber|editor))$/;

export const policy: PlatformResourcePolicy = {
    name: "gcp-iam-member-project-least-privilege",
    description: "Project-wide grants to service accounts carry no admin role, no role that impersonates other service accounts, and no data role the platform scopes to one secret, key, bucket or topic (Checkov CKV_GCP_41, CKV_GCP_42, CKV_GCP_49, CIS GCP 1.5, 1.6).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: "no project-level `*admin*`/`*Admin`, `iam.serviceAccountUser`/`TokenCreator`, or secretAccessor / cryptoKey / storage.object / pubsub data roles",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        for (const grant of grantsOf(props)) {
            if (/admin$/i.test(grant.role) && grant.member.startsWith("serviceAccount:")) {
                report(`${grant.role} is granted to ${grant.member} on the whole project: a workload identity needs no administration rights.`);
            } else if (IMPERSONATION.includes(grant.role)) {
                report(`${grant.role} is granted to ${grant.member} on the whole project: it can act as every service account, including more privileged ones.`);
            } else if (RESOURCE_SCOPED.test(grant.role)) {
                report(`${grant.role} is granted to ${grant.member} on the whole project: grant it on the one secret, key, bucket or topic the workload uses.`);
            }
        }
    }),
};
