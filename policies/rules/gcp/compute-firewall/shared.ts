// VPC firewall rules as plain data: what an ingress rule lets in, from where. GCP's defaults
// matter here: `direction` is INGRESS when unset, an `allows` entry without `ports` opens every
// port of its protocol, and an ingress rule with no source ranges, tags or service accounts
// applies to 0.0.0.0/0.

import { asArray, asNumber, asRecord, isTrue, isUnknown, Props, read } from "../../../lib/values";

export interface PortRange {
    from: number;
    to: number;
}

export interface Allowed {
    /** "tcp", "udp", "icmp", "all", ... lower case; protocol numbers mapped to names. */
    protocol: string;
    /** Every port when the entry names none. */
    ports: PortRange[];
}

export interface FirewallIngress {
    allows: Allowed[];
    /** Source CIDRs in effect, the implied 0.0.0.0/0 included. */
    sourceRanges: string[];
    /** The rule names no source at all, so GCP applies it to every address. */
    impliedWorld: boolean;
}

const PROTOCOL_NUMBERS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "ipv6-icmp" };
const EVERY_PORT: PortRange = { from: 0, to: 65535 };

function strings(value: unknown): string[] {
    return asArray(value).filter((item): item is string => typeof item === "string");
}

function parsePort(text: string): PortRange | undefined {
    const [from, to] = text.split("-").map((part) => asNumber(part.trim()));
    return from === undefined ? undefined : { from, to: to ?? from };
}

/** The ingress a firewall rule allows; undefined for egress, deny-only or disabled rules. */
export function ingressOf(props: Props): FirewallIngress | undefined {
    const direction = read(() => props.direction);
    if ((direction !== undefined && direction !== null && direction !== "INGRESS") || isTrue(read(() => props.disabled))) {
        return undefined;
    }
    const allows = asArray(read(() => props.allows)).map((entry) => {
        const block = asRecord(entry) ?? {};
        const raw = String(block.protocol ?? "all").toLowerCase();
        const protocol = PROTOCOL_NUMBERS[raw] ?? raw;
        const ports = strings(block.ports)
            .map(parsePort)
            .filter((range): range is PortRange => range !== undefined);
        return { protocol, ports: ports.length > 0 ? ports : [EVERY_PORT] };
    });
    if (allows.length === 0) {
        return undefined;
    }
    const ranges = read(() => props.sourceRanges);
    const tags = read(() => props.sourceTags);
    const accounts = read(() => props.sourceServiceAccounts);
    const impliedWorld = !isUnknown(ranges) && !isUnknown(tags) && !isUnknown(accounts) && [ranges, tags, accounts].every((value) => asArray(value).length === 0);
    return { allows, sourceRanges: impliedWorld ? ["0.0.0.0/0"] : strings(ranges), impliedWorld };
}

/** Whether an allowed entry lets TCP in on the port (protocol "all" included). */
export function coversTcpPort(allowed: Allowed, port: number): boolean {
    return (allowed.protocol === "all" || allowed.protocol === "tcp") && allowed.ports.some((range) => range.from <= port && port <= range.to);
}

export function describeAllowed(allowed: Allowed): string {
    if (allowed.protocol === "all") {
        return "all traffic";
    }
    const every = allowed.ports.length === 1 && allowed.ports[0].from === 0 && allowed.ports[0].to === 65535;
    if (every) {
        return `every ${allowed.protocol} port`;
    }
    const ports = allowed.ports.map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`)).join(", ");
    return `${allowed.protocol} ${ports}`;
}
