// Runs the rules table over recorded resources: the name AWS would get, every ARN-valued and
// JSON input, tags, policy documents and the row's own checks.

import { RecordedResource } from "../../../tools/synth";
import { Inputs, isArn, nameProblem } from "./checks";
import { AUTO_NAME_SUFFIX } from "./names";
import { policyProblems } from "./policies";
import { NameSource, NOT_AWS, Row, RULES } from "./table";

/** Inputs that hold policy documents on any type; the row must say which kind each is. */
const POLICY_DOCUMENT_INPUTS = ["policy", "assumeRolePolicy"];
/** Inputs named *Policy that name a policy (or, like EKS's upgradePolicy and an Auto Scaling group's mixedInstancesPolicy, hold a settings block) instead of holding one. */
const POLICY_NAME_INPUTS = ["sslPolicy", "upgradePolicy", "mixedInstancesPolicy"];
const TAG = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The name AWS receives: the explicit input, or Pulumi's auto-name from the logical name. */
export function physicalName(resource: RecordedResource, source: NameSource): string | undefined {
    const explicit = source.input ? resource.inputs[source.input] : undefined;
    if (typeof explicit === "string") {
        return explicit;
    }
    if (!source.autoName) {
        return undefined;
    }
    return `${source.autoName === "lowercase" ? resource.name.toLowerCase() : resource.name}${AUTO_NAME_SUFFIX}`;
}

function nameProblems(resource: RecordedResource, source: NameSource): string[] {
    const name = physicalName(resource, source);
    if (name === undefined) {
        return [`no ${source.input ?? "name"} input, and the provider does not name this type`];
    }
    const autoNamed = resource.inputs[source.input ?? ""] === undefined;
    const problems = [nameProblem(name, source.rule)].filter((p): p is string => p !== undefined);
    if (autoNamed && source.autoNameMax !== undefined && name.length > source.autoNameMax) {
        problems.push(`auto-name ${JSON.stringify(name)} is longer than the provider's ${source.autoNameMax}`);
    }
    return problems.map((problem) => `name: ${problem}`);
}

/** Every key ending in Arn or Arns, at any depth, holds ARNs. */
function arnProblems(value: unknown, path = ""): string[] {
    if (Array.isArray(value)) {
        return value.flatMap((item, index) => arnProblems(item, `${path}[${index}]`));
    }
    if (value === null || typeof value !== "object") {
        return [];
    }
    return Object.entries(value as Inputs).flatMap(([key, item]) => {
        const here = path ? `${path}.${key}` : key;
        if (/Arns?$/.test(key) && item !== undefined) {
            return (Array.isArray(item) ? item : [item]).filter((one) => !isArn(one)).map((one) => `${here} ${JSON.stringify(one)} is not an ARN`);
        }
        return arnProblems(item, here);
    });
}

function tagProblems(inputs: Inputs): string[] {
    // A map on most types; a list of {key, value, propagateAtLaunch} on Auto Scaling groups.
    const maps = [inputs.tags, ...((inputs.tagSpecifications as Inputs[] | undefined) ?? []).map((spec) => spec.tags)].filter(
        (tags): tags is Inputs => typeof tags === "object" && tags !== null && !Array.isArray(tags),
    );
    const pairs = [
        ...maps.map((tags) => Object.entries(tags)),
        ...(Array.isArray(inputs.tags) ? [(inputs.tags as Inputs[]).map((tag) => [tag.key, tag.value] as [unknown, unknown])] : []),
    ];
    return pairs.flatMap((entries) => [
        ...(entries.length > 50 ? [`${entries.length} tags; AWS allows 50`] : []),
        ...entries.flatMap(([key, value]) => {
            const ok = typeof key === "string" && key.length >= 1 && key.length <= 128 && TAG.test(key) && !key.startsWith("aws:") && typeof value === "string" && value.length <= 256 && TAG.test(value);
            return ok ? [] : [`tag ${JSON.stringify(key)}=${JSON.stringify(value)} breaks AWS's tag rules`];
        }),
    ]);
}

function jsonProblems(inputs: Inputs, row: Row): string[] {
    const keys = [...Object.keys(inputs).filter((key) => /(^p|P)olicy$/.test(key) && !POLICY_NAME_INPUTS.includes(key)), ...(row.json ?? [])];
    return keys.flatMap((key) => {
        // A plan redacts secret inputs; their JSON is checked where they are built (tests of the bootstrap payload).
        if (inputs[key] === undefined || inputs[key] === "[secret]") {
            return [];
        }
        try {
            JSON.parse(String(inputs[key]));
            return POLICY_DOCUMENT_INPUTS.includes(key) && !row.policies?.[key] ? [`${key} holds a policy document the rules table does not classify`] : [];
        } catch {
            return [`${key} is not valid JSON`];
        }
    });
}

/** What AWS would refuse in one recorded resource; a type without a row is itself a problem. */
export function resourceProblems(resource: RecordedResource): string[] {
    const row = RULES[resource.type];
    const inputs = resource.inputs as Inputs;
    if (!row) {
        const checks = NOT_AWS[resource.type];
        return checks ? checks.flatMap((check) => check(inputs)) : [`${resource.type} has no row in the rules table`];
    }
    const problems = [
        ...(row.name ? nameProblems(resource, row.name) : []),
        ...arnProblems(inputs),
        ...tagProblems(inputs),
        ...jsonProblems(inputs, row),
        ...Object.entries(row.policies ?? {}).flatMap(([key, kind]) => (inputs[key] === undefined ? [] : policyProblems(inputs[key], kind).map((problem) => `${key}: ${problem}`))),
    ];
    for (const check of row.checks ?? []) {
        try {
            problems.push(...check(inputs));
        } catch (error) {
            problems.push(`a check failed on malformed inputs: ${(error as Error).message}`);
        }
    }
    return problems;
}

/** Every problem of a plan, prefixed with the resource, so a failing test names each one. */
export function planProblems(resources: RecordedResource[]): string[] {
    return resources.flatMap((resource) => resourceProblems(resource).map((problem) => `${resource.type} ${resource.name}: ${problem}`));
}
