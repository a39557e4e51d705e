import { asArray, asRecord, at, isTrue, isUnknown, Props, read, Unknown, UNKNOWN } from "../../../lib/values";

export interface ArmorRule {
    action: string;
    expression: string;
    preview: boolean;
}

/** The policy's rules; UNKNOWN while they are not known (preview). */
export function armorRules(props: Props): ArmorRule[] | Unknown {
    const rules = read(() => props.rules);
    if (isUnknown(rules)) {
        return UNKNOWN;
    }
    return asArray(rules).map((entry) => {
        const rule = asRecord(entry) ?? {};
        const expression = at(rule, "match.expr.expression");
        return { action: String(rule.action ?? ""), expression: typeof expression === "string" ? expression : "", preview: isTrue(rule.preview) };
    });
}

/** An enforced deny rule that evaluates Cloud Armor's preconfigured WAF rule set `set` ("sqli" matches "sqli-v33-stable"). */
export function blocksSet(rules: ArmorRule[], set: string): boolean {
    const pattern = new RegExp(`evaluatePreconfigured(Waf|Expr)\\(\\s*['"]${set}(-|['"])`);
    return rules.some((rule) => !rule.preview && rule.action.startsWith("deny") && pattern.test(rule.expression));
}
