// The three `cloud: kubernetes` stacks the data tests share (one synthesis each per process):
// development (single nodes), staging (a standby, Redis replicas with Sentinel) and
// production-large (read replicas, Redis cluster mode, protected data).
import { RecordedResource, SynthResult } from "../../tools/synth";
import { buildClusterTier } from "../helpers/stacks";

export const DATA_TIERS = ["development", "staging", "production-large"] as const;
export type DataTier = (typeof DATA_TIERS)[number];

/** The shared synthesis every cluster test of the tier uses. */
export function dataStack(tier: DataTier): Promise<SynthResult> {
    return buildClusterTier("kubernetes", tier);
}

/** Custom resources of one kind, whatever their group. */
export function customResources(result: SynthResult, kind: string): RecordedResource[] {
    return result.resources.filter((r) => r.type.startsWith("kubernetes:") && r.type.endsWith(`:${kind}`) && (r.inputs as { kind?: string }).kind === kind);
}

/** Resources created by the data components (object store, database, cache). */
export function dataResources(result: SynthResult): RecordedResource[] {
    const parents = result.resources.filter((r) => /^platform:index:(ObjectStore|Database|Cache)$/.test(r.type)).map((r) => r.urn);
    return result.resources.filter((r) => r.parent !== undefined && parents.includes(r.parent));
}
