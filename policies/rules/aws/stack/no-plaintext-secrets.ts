import type { PolicyResource } from "@pulumi/policy";
import { SECRET_FIELDS } from "../../../lib/secrets";
import { PlatformStackPolicy } from "../../../lib/types";
import { isProtectedSecret, read } from "../../../lib/values";

/**
 * A credential is acceptable when the program never wrote it: a plan shows it as "[secret]",
 * preview does not know it yet, or (under the engine, which hands policies secrets unwrapped)
 * another resource produced it, e.g. random.RandomPassword or tls.PrivateKey.
 */
function isGenerated(resource: PolicyResource, field: string, value: unknown): boolean {
    return isProtectedSecret(value) || (resource.propertyDependencies?.[field]?.length ?? 0) > 0;
}

export const policy: PlatformStackPolicy = {
    name: "aws-stack-no-plaintext-secrets",
    description: "Credentials in AWS resource inputs (passwords, AUTH tokens, secret strings, private keys) are generated or secret, never written in plain text in the program (Checkov CKV_SECRET_6, CKV_AWS_46).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: ["every aws:* type"],
    requires: `${SECRET_FIELDS.slice(0, 8).map((field) => `\`${field}\``).join(", ")}, ... are "[secret]" in a plan, unknown in preview, or produced by another resource`,
    validateStack: (args, report) => {
        for (const resource of args.resources) {
            if (!resource.type.startsWith("aws:")) {
                continue;
            }
            for (const field of SECRET_FIELDS) {
                const value = read(() => resource.props[field]);
                if (value === undefined || value === null || value === "" || isGenerated(resource, field, value)) {
                    continue;
                }
                report(
                    `${field} of ${resource.type} "${resource.name}" is written in plain text in the program: generate it (random.RandomPassword), keep it in Secrets Manager, or let the service manage it (manageMasterUserPassword).`,
                    resource.urn,
                );
            }
        }
    },
};
