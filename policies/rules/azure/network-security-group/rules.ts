// NSG security rules in their two Pulumi shapes: inline `securityRules` of a
// NetworkSecurityGroup and the SecurityRule resource. Each becomes one plain inbound rule.

import { asArray, asRecord, at, Props, read } from "../../../lib/values";
import { NETWORK_SECURITY_GROUP, SECURITY_RULE } from "../types";

export const RULE_TYPES = [NETWORK_SECURITY_GROUP, SECURITY_RULE];

export interface InboundAllow {
    /** "tcp", "udp", "icmp", "*" ... lower case. */
    protocol: string;
    ports: { from: number; to: number }[];
    sources: string[];
    name: string;
    /** "securityRules[2]" for inline rules, "" for a rule resource. */
    where: string;
}

/** Source prefixes that mean "anyone on the internet". */
const WORLD = new Set(["*", "internet", "any", "0.0.0.0", "0.0.0.0/0", "::/0"]);

export function isWorldSource(source: string): boolean {
    return WORLD.has(source.trim().toLowerCase()) || /\/0$/.test(source.trim());
}

function portRanges(values: unknown[]): { from: number; to: number }[] {
    return values
        .filter((value): value is string | number => typeof value === "string" || typeof value === "number")
        .map((value) => {
            const text = String(value).trim();
            if (text === "*") {
                return { from: 0, to: 65535 };
            }
            const [from, to] = text.split("-").map((part) => Number(part));
            return { from, to: Number.isFinite(to) ? to : from };
        })
        .filter((range) => Number.isFinite(range.from));
}

function strings(...values: unknown[]): string[] {
    return values.flatMap((value) => asArray(value)).filter((item): item is string => typeof item === "string");
}

function fromBlock(block: Props, where: string): InboundAllow | undefined {
    const direction = String(read(() => block.direction) ?? "").toLowerCase();
    const access = String(read(() => block.access) ?? "").toLowerCase();
    if (direction !== "inbound" || access !== "allow") {
        return undefined;
    }
    return {
        protocol: String(read(() => block.protocol) ?? "*").toLowerCase(),
        ports: portRanges([...asArray(read(() => block.destinationPortRange)), ...asArray(read(() => block.destinationPortRanges))]),
        sources: strings(read(() => block.sourceAddressPrefix), read(() => block.sourceAddressPrefixes)),
        name: String(read(() => block.name ?? block.securityRuleName) ?? ""),
        where,
    };
}

/** The inbound Allow rules a NetworkSecurityGroup or SecurityRule declares. */
export function inboundAllowsOf(type: string, props: Props): InboundAllow[] {
    if (type === NETWORK_SECURITY_GROUP) {
        return asArray(at(props, "securityRules")).flatMap((entry, index) => {
            const rule = fromBlock(asRecord(entry) ?? {}, `securityRules[${index}]`);
            return rule ? [rule] : [];
        });
    }
    if (type === SECURITY_RULE) {
        const rule = fromBlock(props, "");
        return rule ? [rule] : [];
    }
    return [];
}

export function coversPort(rule: InboundAllow, protocol: "tcp" | "udp", port: number): boolean {
    return (rule.protocol === "*" || rule.protocol === protocol) && rule.ports.some((range) => range.from <= port && port <= range.to);
}

export function describeRule(rule: InboundAllow): string {
    const ports = rule.ports.map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`)).join(",");
    const label = rule.name ? `rule "${rule.name}"` : "the rule";
    return `${rule.where ? `${rule.where} ` : ""}${label} (${rule.protocol === "*" ? "any protocol" : rule.protocol} ${ports || "no port"})`;
}

export function worldSources(rule: InboundAllow): string[] {
    return rule.sources.filter(isWorldSource);
}
