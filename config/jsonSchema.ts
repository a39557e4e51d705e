// A JSON Schema of the stack file (Pulumi.<stack>.yaml), generated from the zod schemas the
// program validates with, so editors complete the `platform:` keys and flag wrong types, unknown
// keys and values outside the allowed lists while typing. The program's own check stays the
// authority: rules across keys (regions of the chosen cloud, CIDR overlaps, tiers) are only there.

import { z } from "zod";
import { featureFieldSchemas } from "./features";
import { budgetFields, kubernetesFields, NAMESPACE, networkFields, serviceFields, topLevelFields, usageFields } from "./schema";
import { alarmFields, cpuScalingFields } from "./thresholds";
import { CLOUDS, COMPONENT_NAMES } from "./types";

export type JsonSchema = Record<string, unknown>;

/**
 * `pulumi config set` writes numbers and booleans as strings ("5000", "true"), and the program
 * reads both forms; so does the schema.
 */
function withTextForm(schema: JsonSchema): JsonSchema {
    if (schema.type === "integer" || schema.type === "number") {
        return { anyOf: [schema, { type: "string", pattern: schema.type === "integer" ? "^\\s*-?\\d+\\s*$" : "^\\s*-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s*$" }] };
    }
    if (schema.type === "boolean") {
        return { anyOf: [schema, { type: "string", enum: ["true", "false", "True", "False", "TRUE", "FALSE"] }] };
    }
    return schema;
}

/** One zod field as JSON Schema: what the user writes (the input side of the preprocessing). */
export function fieldSchema(field: z.ZodType): JsonSchema {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(field, { io: "input", unrepresentable: "any", target: "draft-7" }) as JsonSchema;
    return withTextForm(schema);
}

/** An object of zod fields: its properties, the required ones, and no other keys. */
export function objectSchema(fields: Record<string, z.ZodType>, nested: Record<string, JsonSchema> = {}): JsonSchema {
    const required = Object.entries(fields)
        .filter(([, field]) => !field.safeParse(undefined).success)
        .map(([key]) => key);
    return {
        type: "object",
        properties: Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, { ...fieldSchema(field), ...(nested[key] ?? {}) }])),
        ...(required.length > 0 ? { required } : {}),
        additionalProperties: false,
    };
}

/** Raw provider arguments per component and cloud: checked by the provider, not here. */
function overridesSchema(): JsonSchema {
    const perCloud = { type: "object", properties: Object.fromEntries(CLOUDS.map((cloud) => [cloud, { type: "object" }])), additionalProperties: false };
    return { type: "object", properties: Object.fromEntries(COMPONENT_NAMES.map((component) => [component, perCloud])), additionalProperties: false };
}

/** The schema of every `platform:` key, with the nested objects spelled out. */
export function platformKeySchemas(descriptions: Record<string, string> = {}): Record<string, JsonSchema> {
    const service = objectSchema(serviceFields, { cpuScaling: objectSchema(cpuScalingFields) });
    const nested: Record<string, JsonSchema> = {
        services: { type: "array", minItems: 1, items: service },
        adminCidrs: { type: "array", items: { type: "string" } },
        network: objectSchema(networkFields),
        budget: objectSchema(budgetFields),
        alarms: objectSchema(alarmFields),
        kubernetes: objectSchema(kubernetesFields),
        usage: objectSchema(usageFields),
        overrides: overridesSchema(),
        ...Object.fromEntries(Object.entries(featureFieldSchemas).map(([key, fields]) => [key, objectSchema(fields)])),
    };
    return Object.fromEntries(
        Object.entries(topLevelFields).map(([key, field]) => {
            const schema = nested[key] ?? fieldSchema(field);
            return [key, descriptions[key] ? { description: descriptions[key], ...schema } : schema];
        }),
    );
}

/**
 * The whole stack file: `config` holds the `platform:` keys (and any other namespace's, such as
 * `aws:region`, left to their providers); a `platform:` key the program does not know is an error.
 * Any value may instead be a Pulumi secret (`secure: ...`).
 */
export function stackFileSchema(descriptions: Record<string, string> = {}): JsonSchema {
    const keys = platformKeySchemas(descriptions);
    const secure = { $ref: "#/definitions/secure" };
    const known = Object.keys(keys).map((key) => `${NAMESPACE}:${key}`);
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        $id: "https://github.com/platform/schema/stack.schema.json",
        title: "Pulumi.<stack>.yaml of the platform project",
        type: "object",
        definitions: { secure: { type: "object", properties: { secure: { type: "string" } }, required: ["secure"], additionalProperties: false } },
        properties: {
            config: {
                type: "object",
                properties: Object.fromEntries(Object.entries(keys).map(([key, schema]) => [`${NAMESPACE}:${key}`, { anyOf: [schema, secure] }])),
                required: [`${NAMESPACE}:cloud`, `${NAMESPACE}:tier`, `${NAMESPACE}:services`],
                propertyNames: { anyOf: [{ enum: known }, { not: { pattern: `^${NAMESPACE}:` } }] },
            },
            secretsprovider: { type: "string" },
            encryptedkey: { type: "string" },
            encryptionsalt: { type: "string" },
            environment: {},
        },
        required: ["config"],
    };
}
