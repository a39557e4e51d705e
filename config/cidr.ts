// CIDR math for the network layout, on ipaddr.js. Pure functions, tested without Pulumi.
//
// The layout is the idea-management document's: in a 10.0.0.0/16, public subnets are
// 10.0.1.0/24, 10.0.2.0/24..., app subnets 10.0.10.0/24..., data subnets 10.0.20.0/24...
// In any other range the same /24 offsets (1, 10, 20 plus the zone index) are used.

import * as ipaddr from "ipaddr.js";
import { SubnetBlock } from "../tiers/types";

export const SUBNET_PREFIX = 24;
export const PUBLIC_OFFSET = 1;
export const APP_OFFSET = 10;
export const DATA_OFFSET = 20;
/** Public subnets 1..9 stay below the app block at 10: at most 9 zones fit the layout. */
export const MAX_LAYOUT_ZONES = APP_OFFSET - PUBLIC_OFFSET;

export interface ParsedCidr {
    address: ipaddr.IPv4;
    prefix: number;
}

/** Parses "a.b.c.d/n" (IPv4 only); undefined when malformed. */
export function parseIpv4Cidr(cidr: string): ParsedCidr | undefined {
    if (typeof cidr !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr.trim())) {
        return undefined;
    }
    try {
        const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr.trim());
        return { address, prefix };
    } catch {
        return undefined;
    }
}

/** Parses an IPv4 or IPv6 CIDR; undefined when malformed. */
export function parseAnyCidr(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
    try {
        return ipaddr.parseCIDR(cidr.trim());
    } catch {
        return undefined;
    }
}

export function toInt(address: ipaddr.IPv4): number {
    return address.toByteArray().reduce((value, byte) => value * 256 + byte, 0);
}

export function fromInt(value: number): ipaddr.IPv4 {
    const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
    return new ipaddr.IPv4(bytes);
}

/** The network address of a CIDR (host bits cleared). */
export function networkAddress(parsed: ParsedCidr): string {
    const size = 2 ** (32 - parsed.prefix);
    return fromInt(Math.floor(toInt(parsed.address) / size) * size).toString();
}

/** True when the address has no host bits set, i.e. "10.0.0.0/16" and not "10.0.0.1/16". */
export function isNetworkAddress(parsed: ParsedCidr): boolean {
    return networkAddress(parsed) === parsed.address.toString();
}

/** Number of /24 blocks a range holds. */
export function blockCount(prefix: number): number {
    return prefix > SUBNET_PREFIX ? 0 : 2 ** (SUBNET_PREFIX - prefix);
}

/** Blocks the layout needs for `zones` zones: the last data subnet is at offset 20 + zones - 1. */
export function blocksNeeded(zones: number): number {
    return DATA_OFFSET + zones;
}

function block(base: number, index: number): string {
    return `${fromInt(base + index * 2 ** (32 - SUBNET_PREFIX)).toString()}/${SUBNET_PREFIX}`;
}

/** The public/app/data /24 of each zone. The caller has validated the CIDR and zone count. */
export function subnetLayout(cidr: string, zones: number): SubnetBlock[] {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed) {
        throw new Error(`not an IPv4 CIDR: ${cidr}`);
    }
    if (blockCount(parsed.prefix) < blocksNeeded(zones) || zones > MAX_LAYOUT_ZONES) {
        throw new Error(`${cidr} cannot hold the subnets of ${zones} zones`);
    }
    const base = toInt(parsed.address);
    return Array.from({ length: zones }, (_, zoneIndex) => ({
        zoneIndex,
        publicCidr: block(base, PUBLIC_OFFSET + zoneIndex),
        appCidr: block(base, APP_OFFSET + zoneIndex),
        dataCidr: block(base, DATA_OFFSET + zoneIndex),
    }));
}

/** True when two CIDRs (same family) share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
    const left = parseAnyCidr(a);
    const right = parseAnyCidr(b);
    if (!left || !right || left[0].kind() !== right[0].kind()) {
        return false;
    }
    // Two aligned ranges overlap exactly when one contains the other's network address.
    return left[0].match(right[0], Math.min(left[1], right[1]));
}
