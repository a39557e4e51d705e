import type { PolicyResource } from "@pulumi/policy";
import { SECRET_FIELDS } from "../../../lib/secrets";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, asRecord, isFalse, isProtectedSecret, read } from "../../../lib/values";

/**
 * Where azure-native resources take credentials besides the generic top-level names: a Key
 * Vault secret's value, a scale set's admin password, the Redis persistence connection string,
 * container secrets. `[]` descends into an array.
 */
const NESTED_FIELDS = [
    "properties.value",
    "virtualMachineProfile.osProfile.adminPassword",
    "osProfile.adminPassword",
    "redisConfiguration.rdbStorageConnectionString",
    "containers[].environmentVariables[].secureValue",
    "configuration.secrets[].value",
    "imageRegistryCredentials[].password",
];

/** A connection string is a credential only when it carries a key or a SAS signature. */
const CONNECTION_STRING = /connectionstring/i;
const CARRIES_KEY = /(AccountKey|SharedAccessKey|SharedAccessSignature|sig|password)=/i;

function isCredential(resource: PolicyResource, field: string, value: unknown): boolean {
    if (CONNECTION_STRING.test(field) && typeof value === "string" && !CARRIES_KEY.test(value)) {
        return false;
    }
    // A disabled Key Vault secret version is never returned to a reader: the placeholder a
    // program creates so another process can write the real value and roles can be scoped to it.
    return !(field === "properties.value" && isFalse(read(() => asRecord(asRecord(resource.props.properties)?.attributes)?.enabled)));
}

function valuesAt(props: unknown, path: string): unknown[] {
    let nodes: unknown[] = [props];
    for (const part of path.split(".")) {
        const key = part.replace(/\[\]$/, "");
        nodes = nodes.map((node) => read(() => asRecord(node)?.[key]));
        if (part.endsWith("[]")) {
            nodes = nodes.flatMap((node) => asArray(node));
        }
    }
    return nodes;
}

/**
 * Acceptable when the program never wrote the value: a plan shows it as "[secret]", preview does
 * not know it yet, or (under the engine, which unwraps secrets) another resource produced the
 * input, e.g. random.RandomPassword feeding a Key Vault secret.
 */
function isGenerated(resource: PolicyResource, field: string, value: unknown): boolean {
    const top = field.split(/[.[]/)[0];
    return isProtectedSecret(value) || (resource.propertyDependencies?.[top]?.length ?? 0) > 0;
}

export const policy: PlatformStackPolicy = {
    name: "azure-stack-no-plaintext-secrets",
    description: "Credentials in Azure resource inputs (Key Vault secret values, admin passwords, connection strings, container secrets) are generated or secret, never written in plain text in the program (Checkov CKV_SECRET_6, CKV_AZURE_45).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: ["every azure-native:* type"],
    requires: '`properties.value`, `administratorLoginPassword`, `adminPassword`, connection strings, container secrets, ... are "[secret]" in a plan, unknown in preview, or produced by another resource',
    validateStack: (args, report) => {
        for (const resource of args.resources) {
            if (!resource.type.startsWith("azure-native:")) {
                continue;
            }
            for (const field of [...SECRET_FIELDS, ...NESTED_FIELDS]) {
                for (const value of valuesAt(resource.props, field)) {
                    if (value === undefined || value === null || value === "" || !isCredential(resource, field, value) || isGenerated(resource, field, value)) {
                        continue;
                    }
                    report(
                        `${field} of ${resource.type} "${resource.name}" is written in plain text in the program: generate it (random.RandomPassword) into a Key Vault secret and let the resource read it with its identity.`,
                        resource.urn,
                    );
                }
            }
        }
    },
};
