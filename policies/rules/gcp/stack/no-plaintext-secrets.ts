import type { PolicyResource } from "@pulumi/policy";
import { SECRET_FIELDS } from "../../../lib/secrets";
import { PlatformStackPolicy } from "../../../lib/types";
import { isProtectedSecret, read } from "../../../lib/values";

/** SECRET_FIELDS plus the GCP inputs that carry credentials: secret versions and SQL Server's root password. */
const GCP_SECRET_FIELDS = [...SECRET_FIELDS, "secretData", "rootPassword"];

/** Written by no one in the program: "[secret]" in a plan, unknown in preview, or another resource's output. */
function isGenerated(resource: PolicyResource, field: string, value: unknown): boolean {
    return isProtectedSecret(value) || (resource.propertyDependencies?.[field]?.length ?? 0) > 0;
}

export const policy: PlatformStackPolicy = {
    name: "gcp-stack-no-plaintext-secrets",
    description: "Credentials in GCP resource inputs (secret versions, SQL user passwords, certificate private keys) are generated or secret, never written in plain text in the program (Checkov CKV_SECRET_6, CKV_AWS_46).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: ["every gcp:* type"],
    requires: "`secretData`, `password`, `rootPassword`, `privateKey`, ... are \"[secret]\" in a plan, unknown in preview, or produced by another resource",
    validateStack: (args, report) => {
        for (const resource of args.resources) {
            if (!resource.type.startsWith("gcp:")) {
                continue;
            }
            for (const field of GCP_SECRET_FIELDS) {
                const value = read(() => resource.props[field]);
                if (value === undefined || value === null || value === "" || isGenerated(resource, field, value)) {
                    continue;
                }
                report(
                    `${field} of ${resource.type} "${resource.name}" is written in plain text in the program: generate it (random.RandomPassword, tls.PrivateKey) and keep it in Secret Manager.`,
                    resource.urn,
                );
            }
        }
    },
};
