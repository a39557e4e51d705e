// What the offline engine answers in place of Azure: provider-computed outputs per resource
// type and the data-source invokes the azure adapter makes. Deterministic, so two plans of
// the same stack are byte-identical.

type State = Record<string, unknown>;

/** Provider-computed outputs of a azure resource; what the program set wins over them. */
export function azureOutputs(type: string, name: string, inputs: State, region: string): State {
    switch (type) {
        default:
            return { name: inputs.name ?? name, id: `${type}/${name}`, region };
    }
}

export const AZURE_INVOKES: Record<string, (inputs: State, region: string) => State> = {};
