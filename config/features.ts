// The keys of the documents' remaining capabilities: connection pooling, metrics, tracing, the
// search cluster, logical backups, disaster recovery, the VPN and the scale-to-zero schedule.
// Each is validated alone (fields), then against the cloud, tier and network it would run in.

import * as ipaddr from "ipaddr.js";
import { z } from "zod";
import { isProductionTier } from "../tiers/table";
import { cidrsOverlap, isNetworkAddress, parseIpv4Cidr } from "./cidr";
import { REGIONS } from "./regions";
import {
    boolean,
    choice,
    didYouMean,
    integerIn,
    isPlainObject,
    keyPath,
    listOf,
    numberWhere,
    parseFields,
    Problems,
    show,
    text,
    withRules,
} from "./schema";
import { Cloud, FeaturesConfig, ScheduleConfig, SCHEDULE_KEYS, SEARCH_KEYS, TierName, TRACING_KEYS, VPN_KEYS, VpnConfig, Weekday, WEEKDAYS } from "./types";

export const tracingFields = {
    enabled: boolean("true or false").optional(),
    sampleRatio: numberWhere("a sampling ratio from 0 to 1 (1 keeps every trace)", (value) => value >= 0 && value <= 1).optional(),
} satisfies Record<(typeof TRACING_KEYS)[number], z.ZodType>;

export const searchFields = {
    enabled: boolean("true or false").optional(),
    shipLogs: boolean("true or false").optional(),
} satisfies Record<(typeof SEARCH_KEYS)[number], z.ZodType>;

const DOCUMENTATION_NETWORKS = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"];

/** A public, unicast IPv4 address: what a VPN peer must be for the cloud's gateway to reach it. */
export function publicIpv4Problem(address: string): string | undefined {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address)) {
        return `${show(address)} is not an IPv4 address; expected the customer gateway's public address, e.g. 198.51.100.7`;
    }
    const parsed = ipaddr.IPv4.parse(address);
    const range = parsed.range();
    // The documentation networks (RFC 5737) stay usable so examples and offline plans work.
    const documentation = DOCUMENTATION_NETWORKS.some((network) => parsed.match(ipaddr.IPv4.parseCIDR(network)));
    return range === "unicast" || documentation ? undefined : `${show(address)} is a ${range} address; the VPN peer must be reachable on the internet: give its public IPv4 address`;
}

const vpnCidrRule = (cidr: string): string | undefined => {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed) {
        return `${show(cidr)} is not an IPv4 CIDR; expected a range behind the peer, e.g. 192.168.0.0/16`;
    }
    return isNetworkAddress(parsed) ? undefined : `${show(cidr)} has host bits set; write the network address of the range`;
};

export const vpnFields = {
    enabled: boolean("true or false"),
    peerAddress: withRules(text("the customer gateway's public IPv4 address"), publicIpv4Problem).optional(),
    peerCidrs: listOf(withRules(text("an IPv4 CIDR"), vpnCidrRule), 'a list of IPv4 CIDRs behind the peer, e.g. ["192.168.0.0/16"]').optional(),
    // 64512-65534 and 4200000000-4294967294 are private; public ASNs are the peer's own.
    peerAsn: integerIn(1, 4294967294, "a BGP ASN (an integer from 1 to 4294967294)").optional(),
} satisfies Record<(typeof VPN_KEYS)[number], z.ZodType>;

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const clockRule = (time: string) => (CLOCK.test(time) ? undefined : `${show(time)} is not a time of day; expected "HH:MM" on a 24-hour clock, e.g. "08:00"`);

/** IANA zones the runtime knows (Intl), the same database the clouds' schedulers use. */
export const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf("timeZone"), "UTC"];
const timezoneRule = (zone: string) =>
    TIME_ZONES.includes(zone) ? undefined : `${show(zone)} is not an IANA time zone${didYouMean(zone, TIME_ZONES)}; expected a name like "Europe/Berlin", "America/New_York" or "UTC"`;

export const scheduleFields = {
    days: listOf(choice(WEEKDAYS, "a weekday"), `a list of weekdays, e.g. ["Mon", "Tue", "Wed", "Thu", "Fri"]`),
    start: withRules(text('a time "HH:MM"'), clockRule),
    stop: withRules(text('a time "HH:MM"'), clockRule),
    timezone: withRules(text("an IANA time zone"), timezoneRule),
} satisfies Record<(typeof SCHEDULE_KEYS)[number], z.ZodType>;

type FeatureKey = "pooling" | "metrics" | "tracing" | "search" | "logicalBackups" | "drRegion" | "vpn" | "schedule";

export interface FeatureContext {
    cloud?: Cloud;
    tier?: TierName;
    region?: string;
    /** The VPC's range, once valid. */
    networkCidr?: string;
}

function minutesOf(time: string): number {
    const [hours, minutes] = time.split(":").map(Number);
    return hours * 60 + minutes;
}

function checkSchedule(raw: Record<string, unknown>, ctx: FeatureContext, problems: Problems): ScheduleConfig | undefined {
    const { value, failed } = parseFields(scheduleFields, raw, ["schedule"], problems);
    if (ctx.tier && isProductionTier(ctx.tier)) {
        problems.add(["schedule"], `${show(raw)}: tier ${ctx.tier} serves users around the clock; the scale-to-zero schedule is for development and staging only; remove it`);
    }
    if (ctx.cloud === "kubernetes") {
        problems.add(["schedule"], `${show(raw)}: on cloud kubernetes the cluster's own autoscaler owns the nodes; scale the namespace down with your cluster's tooling; remove it`);
    }
    if (value.days && new Set(value.days).size !== value.days.length) {
        problems.add(["schedule", "days"], `${show(value.days)} lists a day twice; list each day once`);
    }
    if (value.days?.length === 0) {
        problems.add(["schedule", "days"], `[] is empty; the platform would never run; list at least one day, e.g. ["Mon", "Tue", "Wed", "Thu", "Fri"]`);
    }
    if (!failed.has("start") && !failed.has("stop") && value.start && value.stop && minutesOf(value.start) >= minutesOf(value.stop)) {
        problems.add(["schedule", "stop"], `${show(value.stop)} is not after ${keyPath(["schedule", "start"])} ${show(value.start)}; the platform runs from start to stop on the same day`);
    }
    return value.days && value.start && value.stop && value.timezone ? { days: value.days as Weekday[], start: value.start, stop: value.stop, timezone: value.timezone } : undefined;
}

function checkVpn(raw: Record<string, unknown>, ctx: FeatureContext, problems: Problems): VpnConfig | undefined {
    const { value } = parseFields(vpnFields, raw, ["vpn"], problems);
    if (ctx.cloud === "kubernetes") {
        problems.add(["vpn"], `${show(raw)}: on cloud kubernetes the cluster's network is not the platform's to attach a gateway to; remove it`);
    }
    const peerCidrs = value.peerCidrs ?? [];
    if (value.peerAddress !== undefined && raw.peerCidrs === undefined) {
        problems.add(["vpn", "peerCidrs"], `missing; with a peerAddress the tunnels need the ranges behind it, e.g. ["192.168.0.0/16"]`);
    }
    if (raw.peerCidrs !== undefined && value.peerAddress === undefined && raw.peerAddress === undefined) {
        problems.add(["vpn", "peerAddress"], `missing; peerCidrs are routed through tunnels to a peer: give its public IPv4 address, or remove peerCidrs to create the gateway alone`);
    }
    if (value.enabled === false && (raw.peerAddress !== undefined || raw.peerCidrs !== undefined)) {
        problems.add(["vpn", "enabled"], `false, but a peer is given; set enabled: true to build the tunnels, or remove the peer`);
    }
    peerCidrs.forEach((cidr, index) => {
        if (ctx.networkCidr && parseIpv4Cidr(cidr) && cidrsOverlap(cidr, ctx.networkCidr)) {
            problems.add(["vpn", "peerCidrs", index], `${show(cidr)} overlaps the platform's network ${keyPath(["network", "cidr"])} ${show(ctx.networkCidr)}; traffic to it could not be routed to the peer; use the peer's own, distinct range`);
        }
        peerCidrs.slice(0, index).forEach((earlier, earlierIndex) => {
            if (parseIpv4Cidr(cidr) && parseIpv4Cidr(earlier) && cidrsOverlap(cidr, earlier)) {
                problems.add(["vpn", "peerCidrs", index], `${show(cidr)} overlaps ${keyPath(["vpn", "peerCidrs", earlierIndex])} ${show(earlier)}; keep only the wider range`);
            }
        });
    });
    return value.enabled === undefined ? undefined : { enabled: value.enabled, ...(value.peerAddress ? { peerAddress: value.peerAddress } : {}), peerCidrs, ...(value.peerAsn !== undefined ? { peerAsn: value.peerAsn } : {}) };
}

function checkDrRegion(drRegion: string, ctx: FeatureContext, problems: Problems): void {
    if (ctx.cloud === "kubernetes") {
        problems.add(["drRegion"], `${show(drRegion)}: cloud kubernetes has no regions; copy the cluster's volumes and the object store with your cluster's backup tooling; remove it`);
        return;
    }
    if (!ctx.cloud) {
        return;
    }
    const regions = REGIONS[ctx.cloud];
    if (!regions.includes(drRegion)) {
        problems.add(["drRegion"], `${show(drRegion)} is not a ${ctx.cloud} region${didYouMean(drRegion, regions)}; allowed: ${regions.join(", ")}`);
    } else if (drRegion === ctx.region) {
        problems.add(["drRegion"], `${show(drRegion)} is the platform's own region; disaster-recovery copies must be in another region, e.g. ${regions.find((region) => region !== ctx.region)}`);
    }
}

/** The feature keys of the stack config, checked; `value` holds the fields that parsed. */
export function parseFeatures(top: Partial<Record<FeatureKey, unknown>>, ctx: FeatureContext, problems: Problems): FeaturesConfig {
    const tracing = isPlainObject(top.tracing) ? parseFields(tracingFields, top.tracing, ["tracing"], problems).value : {};
    const search = isPlainObject(top.search) ? parseFields(searchFields, top.search, ["search"], problems).value : {};
    if (search.shipLogs === true && search.enabled === false) {
        problems.add(["search", "shipLogs"], "true, but search.enabled is false: logs need the search cluster; enable it or drop shipLogs");
    }
    const vpn = isPlainObject(top.vpn) ? checkVpn(top.vpn, ctx, problems) : undefined;
    const schedule = isPlainObject(top.schedule) ? checkSchedule(top.schedule, ctx, problems) : undefined;
    const drRegion = typeof top.drRegion === "string" ? top.drRegion.trim() : undefined;
    if (drRegion !== undefined) {
        checkDrRegion(drRegion, ctx, problems);
    }
    const flag = (key: "pooling" | "metrics" | "logicalBackups") => (typeof top[key] === "boolean" ? (top[key] as boolean) : undefined);
    const result: FeaturesConfig = { tracing, search };
    for (const [key, value] of Object.entries({ pooling: flag("pooling"), metrics: flag("metrics"), logicalBackups: flag("logicalBackups"), drRegion, vpn, schedule })) {
        if (value !== undefined) {
            (result as unknown as Record<string, unknown>)[key] = value;
        }
    }
    return result;
}

/** The nested fields of the feature keys, for the stack file's JSON Schema (config/jsonSchema.ts). */
export const featureFieldSchemas = { tracing: tracingFields, search: searchFields, vpn: vpnFields, schedule: scheduleFields };
