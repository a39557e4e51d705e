// Validation of generated objects against the Kubernetes OpenAPI schemas (kubernetes-models)
// and the operators' CRD schemas (@kubernetes-models/*), strict like `kubectl apply
// --validate=strict`: a wrong type fails, and so does a field the schema does not know.
//
// The models' compiled validators check types but ignore unknown fields (the API server
// prunes or refuses them). Every field a validator knows it reads, so the object is
// validated through a proxy that records reads: a key nobody read is unknown to the schema.

/** A kubernetes-models class: its prototype's validate() checks `this` against the schema. */
export interface SchemaModel {
    prototype: object;
}

function tracked(value: unknown, path: string, reads: Map<object, Set<string>>, paths: Map<object, string>): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    const target = value as object;
    reads.set(target, reads.get(target) ?? new Set());
    paths.set(target, path);
    return new Proxy(target, {
        get(object, key, receiver) {
            const child = Reflect.get(object, key, receiver);
            if (typeof key !== "string") {
                return child;
            }
            reads.get(object)!.add(key);
            return tracked(child, `${path}/${key}`, reads, paths);
        },
    });
}

/** Schema errors and unknown fields (JSON pointers) of `manifest`; empty when the API would take it. */
export function schemaProblems(model: SchemaModel, manifest: unknown): string[] {
    const copy = JSON.parse(JSON.stringify(manifest)) as unknown;
    const reads = new Map<object, Set<string>>();
    const paths = new Map<object, string>();
    const problems: string[] = [];
    try {
        (model.prototype as { validate(this: unknown): void }).validate.call(tracked(copy, "", reads, paths));
    } catch (error) {
        problems.push((error as Error).message);
    }
    for (const [object, read] of reads) {
        if (Array.isArray(object)) {
            continue;
        }
        for (const key of Object.keys(object)) {
            if (!read.has(key)) {
                problems.push(`${paths.get(object) || "/"}/${key}: not a field of the schema`);
            }
        }
    }
    return problems;
}
