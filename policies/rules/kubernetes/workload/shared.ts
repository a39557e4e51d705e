import type { ReportViolation } from "@pulumi/policy";
import { ContainerRef, containersOf, podSpecOf, WORKLOAD_TYPES } from "../../../lib/kubernetes";
import { TypedValidation, validateTypes } from "../../../lib/match";
import { Props } from "../../../lib/values";

export { WORKLOAD_TYPES };

/** A validation run once per container of the workload's pod template. */
export function eachContainer(check: (ref: ContainerRef, spec: Props, report: ReportViolation, type: string) => void): ReturnType<typeof validateTypes> {
    const validate: TypedValidation = (props, args, report) => {
        const spec = podSpecOf(args.type, props);
        if (!spec) {
            return;
        }
        for (const ref of containersOf(spec)) {
            check(ref, spec, report, args.type);
        }
    };
    return validateTypes(WORKLOAD_TYPES, validate);
}

/** A validation of the pod spec itself. */
export function podSpec(check: (spec: Props, report: ReportViolation, type: string) => void): ReturnType<typeof validateTypes> {
    return validateTypes(WORKLOAD_TYPES, (props, args, report) => {
        const spec = podSpecOf(args.type, props);
        if (spec) {
            check(spec, report, args.type);
        }
    });
}
