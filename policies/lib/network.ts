// Security group ingress in its three Pulumi shapes: inline `ingress` blocks on
// aws.ec2.SecurityGroup, aws.ec2.SecurityGroupRule with `type: "ingress"`, and the newer
// aws.vpc.SecurityGroupIngressRule. Each becomes one plain rule to reason about.

import { asArray, asNumber, asRecord, at, Props } from "./values";

export const AWS_SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const AWS_SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const AWS_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const AWS_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const INGRESS_TYPES = [AWS_SECURITY_GROUP, AWS_SECURITY_GROUP_RULE, AWS_INGRESS_RULE];

export interface IngressRule {
    /** "-1" (all), "tcp", "udp", "icmp", ... lower case; protocol numbers mapped to names. */
    protocol: string;
    fromPort: number;
    toPort: number;
    cidrs: string[];
    description?: string;
    /** "ingress[2]" for inline blocks, "" for a rule resource. */
    where: string;
}

const PROTOCOL_NUMBERS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" };

function normaliseProtocol(value: unknown): string {
    const text = String(value ?? "-1").toLowerCase();
    return PROTOCOL_NUMBERS[text] ?? text;
}

function cidrsOf(...values: unknown[]): string[] {
    return values.flatMap((value) => asArray(value)).filter((item): item is string => typeof item === "string");
}

function rule(protocol: unknown, from: unknown, to: unknown, cidrs: string[], description: unknown, where: string): IngressRule {
    const normalised = normaliseProtocol(protocol);
    const all = normalised === "-1";
    return {
        protocol: normalised,
        fromPort: all ? 0 : asNumber(from) ?? 0,
        toPort: all ? 65535 : asNumber(to) ?? asNumber(from) ?? 65535,
        cidrs,
        description: typeof description === "string" ? description : undefined,
        where,
    };
}

/** The ingress rules a resource of one of INGRESS_TYPES declares. */
export function ingressRulesOf(type: string, props: Props): IngressRule[] {
    if (type === AWS_SECURITY_GROUP) {
        return asArray(at(props, "ingress")).map((entry, index) => {
            const block = asRecord(entry) ?? {};
            return rule(block.protocol, block.fromPort, block.toPort, cidrsOf(block.cidrBlocks, block.ipv6CidrBlocks), block.description, `ingress[${index}]`);
        });
    }
    if (type === AWS_SECURITY_GROUP_RULE) {
        if (at(props, "type") !== "ingress") {
            return [];
        }
        return [rule(at(props, "protocol"), at(props, "fromPort"), at(props, "toPort"), cidrsOf(at(props, "cidrBlocks"), at(props, "ipv6CidrBlocks")), at(props, "description"), "")];
    }
    if (type === AWS_INGRESS_RULE) {
        return [rule(at(props, "ipProtocol"), at(props, "fromPort"), at(props, "toPort"), cidrsOf(at(props, "cidrIpv4"), at(props, "cidrIpv6")), at(props, "description"), "")];
    }
    return [];
}

/** Prefix length of a CIDR block; undefined when it is not one. */
export function prefixLength(cidr: string): number | undefined {
    const match = /\/(\d{1,3})$/.exec(cidr.trim());
    return match ? Number(match[1]) : undefined;
}

/** The whole internet: 0.0.0.0/0, ::/0 (and spellings of them). */
export function isWorld(cidr: string): boolean {
    return prefixLength(cidr) === 0;
}

export function isIpv6(cidr: string): boolean {
    return cidr.includes(":");
}

/** Whether the rule lets traffic in on a TCP port (all-protocol rules included). */
export function coversTcpPort(ingress: IngressRule, port: number): boolean {
    return (ingress.protocol === "-1" || ingress.protocol === "tcp") && ingress.fromPort <= port && port <= ingress.toPort;
}

export function describePorts(ingress: IngressRule): string {
    if (ingress.protocol === "-1") {
        return "all traffic";
    }
    const ports = ingress.fromPort === ingress.toPort ? `port ${ingress.fromPort}` : `ports ${ingress.fromPort}-${ingress.toPort}`;
    return `${ingress.protocol} ${ports}`;
}

export function worldCidrs(ingress: IngressRule): string[] {
    return ingress.cidrs.filter(isWorld);
}
