// Dispatch by type token instead of provider SDK classes, so the pack never loads
// @pulumi/aws, @pulumi/gcp or @pulumi/azure-native. A single-type validation carries
// `__pulumiType`, the tag the policy server uses to skip other types without calling it.

import type { ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidation, StackValidationArgs } from "@pulumi/policy";
import { tierOfResource, tierOfStack, TierName } from "./tiers";
import { Props } from "./values";

export type TypedValidation = (props: Props, args: ResourceValidationArgs, report: ReportViolation) => void | Promise<void>;

export interface MatchOptions {
    /** Only these tiers' specifications include the requirement (see RuleInfo.tiers). */
    tiers?: readonly TierName[];
}

function outsideTiers(tier: TierName | undefined, tiers: readonly TierName[] | undefined): string | undefined {
    if (!tiers || !tier || tiers.includes(tier)) {
        return undefined;
    }
    return `the ${tier} tier does not require it (only ${tiers.join(", ")})`;
}

/** A resource validation for the given type tokens; other types are "not applicable". */
export function validateTypes(types: readonly string[], validate: TypedValidation, options: MatchOptions = {}): ResourceValidation {
    const validation: ResourceValidation = (args, report) => {
        if (!types.includes(args.type)) {
            args.notApplicable(`applies to ${types.join(", ")}`);
        }
        const skip = outsideTiers(tierOfResource(args), options.tiers);
        if (skip) {
            args.notApplicable(skip);
        }
        return validate(args.props, args, report);
    };
    if (types.length === 1) {
        (validation as unknown as { __pulumiType: string }).__pulumiType = types[0];
    }
    return validation;
}

/** A stack validation that only runs for the tiers whose specification includes it. */
export function validateStackInTiers(tiers: readonly TierName[] | undefined, validate: StackValidation): StackValidation {
    return (args: StackValidationArgs, report) => {
        const skip = outsideTiers(tierOfStack(args), tiers);
        if (skip) {
            args.notApplicable(skip);
        }
        return validate(args, report);
    };
}

/** Where a violation is in a resource: `resource "name"` for messages. */
export function label(args: { name: string }): string {
    return `"${args.name}"`;
}
