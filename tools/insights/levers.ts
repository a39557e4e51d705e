// The LMS document's cost levers next to the estimate: what spot capacity for workers, the
// scale-to-zero schedule and ARM instances save on the app fleet each month, when the stack
// turns them on, or would save, when it does not. Every figure comes from the price book: the
// fleet's on-demand instance prices, the book's stated spot discount per instance family, and
// the price of the ARM type of the same shape.

import { Architecture } from "../../config/types";
import { instanceTypeFor as awsType } from "../../providers/aws/sizes";
import { vmSizeFor as azureType } from "../../providers/azure/sizes";
import { machineTypeFor as gcpType } from "../../providers/gcp/sizes";
import { hoursOffPerWeek, HOURS_PER_WEEK } from "../../providers/vm/schedule";
import { isProductionTier, resolvePlatformSpec } from "../../tiers";
import { ScheduleSpec, ServiceSpec, Shape } from "../../tiers/types";
import type { SynthResult } from "../synth";
import { cents, money, qty, table, unitPrice } from "./format";
import { Prices } from "./prices";

export type LeverName = "spot" | "schedule" | "arm";

export interface LeverSaving {
    lever: LeverName;
    /** True when the stack turns the lever on; otherwise the figures are what it would save. */
    on: boolean;
    /** Monthly saving with the fleets at their minimum, as the estimate prices them. */
    monthly: number;
    /** Monthly saving with the fleets at their maximum. */
    monthlyAtMax: number;
    basis: string;
}

export interface CostLevers {
    items: LeverSaving[];
    /** Levers that do not apply to this stack, with the reason. */
    notApplicable: { lever: LeverName; reason: string }[];
    /** The estimate's total less what the levers that are on save (fleets at their minimum). */
    monthlyWithLeversOn: number;
}

/** The schedule a development or staging stack would be offered: weekdays, 07:00-19:00. */
export const SUGGESTED_SCHEDULE: Pick<ScheduleSpec, "days" | "start" | "stop"> = { days: ["Mon", "Tue", "Wed", "Thu", "Fri"], start: "07:00", stop: "19:00" };

interface CloudTypes {
    typeFor(shape: Shape, architecture: Architecture): string;
    priceKey(type: string): string;
    /** The price book's spot-discount key for a type's family. */
    familyKey(type: string): string;
}

const CLOUD_TYPES: Record<string, CloudTypes> = {
    aws: { typeFor: awsType, priceKey: (type) => `ec2:${type}`, familyKey: (type) => `ec2-spot-discount:${type.split(".")[0]}` },
    gcp: { typeFor: gcpType, priceKey: (type) => `gce:${type}`, familyKey: (type) => `gce-spot-discount:${type.split("-")[0]}` },
    azure: {
        typeFor: azureType,
        priceKey: (type) => `vm:${type}`,
        // Standard_D2ls_v5 -> Dls_v5: the series, whatever the size.
        familyKey: (type) => `vm-spot-discount:${type.replace(/^Standard_([A-Z]+)\d+([a-z]*)_(v\d+)$/, "$1$2_$3")}`,
    },
};

interface Fleet {
    service: ServiceSpec;
    type: string;
    hourly: number;
}

function fleets(services: readonly ServiceSpec[], types: CloudTypes, prices: Prices): Fleet[] {
    return services.map((service) => {
        const type = types.typeFor(service.shape, service.capacity.architecture);
        return { service, type, hourly: prices.get(types.priceKey(type)) };
    });
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

function spotLever(workers: Fleet[], types: CloudTypes, prices: Prices): LeverSaving {
    const on = workers.some((fleet) => fleet.service.capacity.spot);
    const chosen = on ? workers.filter((fleet) => fleet.service.capacity.spot) : workers;
    const parts = chosen.map((fleet) => {
        const discount = prices.get(types.familyKey(fleet.type));
        // Off: what `spot: true` alone builds, the default base of one regular instance.
        const base = on ? fleet.service.capacity.onDemandBase : Math.min(1, fleet.service.minReplicas);
        const perInstance = fleet.hourly * prices.hours * discount;
        return {
            atMin: Math.max(0, fleet.service.minReplicas - base) * perInstance,
            atMax: Math.max(0, fleet.service.maxReplicas - base) * perInstance,
            formula: `${fleet.service.name}: (${fleet.service.minReplicas}..${fleet.service.maxReplicas} - base ${base}) x ${fleet.type} ${unitPrice(fleet.hourly)}/h x ${prices.hours} h x ${qty(discount * 100)}% spot discount`,
        };
    });
    return { lever: "spot", on, monthly: cents(sum(parts.map((p) => p.atMin))), monthlyAtMax: cents(sum(parts.map((p) => p.atMax))), basis: parts.map((p) => p.formula).join("; ") };
}

function scheduleLever(all: Fleet[], schedule: ScheduleSpec | undefined, prices: Prices): LeverSaving {
    const hours = schedule ?? SUGGESTED_SCHEDULE;
    const off = hoursOffPerWeek(hours);
    const share = off / HOURS_PER_WEEK;
    const atMin = sum(all.map((fleet) => fleet.service.minReplicas * fleet.hourly * prices.hours)) * share;
    const atMax = sum(all.map((fleet) => fleet.service.maxReplicas * fleet.hourly * prices.hours)) * share;
    const when = `${hours.days.join(",")} ${hours.start}-${hours.stop}`;
    return {
        lever: "schedule",
        on: schedule !== undefined,
        monthly: cents(atMin),
        monthlyAtMax: cents(atMax),
        basis: `fleet instance-hours x ${qty(off)} h off / ${HOURS_PER_WEEK} h a week (${when}${schedule ? "" : ", suggested"}); volumes of stopped instances are deleted with them, not counted`,
    };
}

function armLever(all: Fleet[], types: CloudTypes, prices: Prices): LeverSaving {
    const on = all.some((fleet) => fleet.service.capacity.architecture === "arm64");
    const chosen = on ? all.filter((fleet) => fleet.service.capacity.architecture === "arm64") : all;
    const parts = chosen.map((fleet) => {
        const x86 = types.typeFor(fleet.service.shape, "x86_64");
        const arm = types.typeFor(fleet.service.shape, "arm64");
        const difference = (prices.get(types.priceKey(x86)) - prices.get(types.priceKey(arm))) * prices.hours;
        return {
            atMin: fleet.service.minReplicas * difference,
            atMax: fleet.service.maxReplicas * difference,
            formula: `${fleet.service.name}: ${fleet.service.minReplicas}..${fleet.service.maxReplicas} x (${x86} ${unitPrice(prices.get(types.priceKey(x86)))} - ${arm} ${unitPrice(prices.get(types.priceKey(arm)))})/h x ${prices.hours} h`,
        };
    });
    return {
        lever: "arm",
        on,
        monthly: cents(sum(parts.map((p) => p.atMin))),
        monthlyAtMax: cents(sum(parts.map((p) => p.atMax))),
        basis: `${parts.map((p) => p.formula).join("; ")}; the image must be built for linux/arm64`,
    };
}

/** The levers of a recorded stack; `monthlyTotal` is the estimate they are measured against. */
export function costLevers(result: SynthResult, prices: Prices, monthlyTotal: number): CostLevers {
    const types = CLOUD_TYPES[result.cloud];
    const spec = resolvePlatformSpec(result.config, result.project, result.stack);
    const levers: CostLevers = { items: [], notApplicable: [], monthlyWithLeversOn: monthlyTotal };
    if (!types || spec.runtime !== "vm") {
        const reason = "the levers act on the app fleet's instance groups (runtime vm); on a cluster the nodes are shared by every service, and spot and the schedule are not applied there";
        levers.notApplicable = (["spot", "schedule", "arm"] as const).map((lever) => ({ lever, reason }));
        return levers;
    }
    const all = fleets(spec.appFleet.services, types, prices);
    const workers = all.filter((fleet) => fleet.service.kind === "worker");
    if (workers.length > 0) {
        levers.items.push(spotLever(workers, types, prices));
    } else {
        levers.notApplicable.push({ lever: "spot", reason: "spot is for workers only, and the stack has none (web services would lose requests when capacity is reclaimed)" });
    }
    if (isProductionTier(result.config.tier)) {
        levers.notApplicable.push({ lever: "schedule", reason: `tier ${result.config.tier} serves users around the clock; the schedule is for development and staging` });
    } else {
        levers.items.push(scheduleLever(all, spec.appFleet.schedule, prices));
    }
    levers.items.push(armLever(all, types, prices));
    levers.monthlyWithLeversOn = cents(monthlyTotal - sum(levers.items.filter((item) => item.on).map((item) => item.monthly)));
    return levers;
}

/** A negative saving is a lever that costs more here (a shared-core x86 type below the ARM price). */
function signed(amount: number): string {
    return amount < 0 ? `${money(-amount)} more` : money(amount);
}

export function formatLevers(levers: CostLevers): string {
    const rows = [
        ["lever", "state", "saves/month", "at max", "basis"],
        ...levers.items.map((item) => [item.lever, item.on ? "on" : "off (would save)", signed(item.monthly), signed(item.monthlyAtMax), item.basis]),
        ...levers.notApplicable.map((item) => [item.lever, "n/a", "-", "-", item.reason]),
    ];
    const on = levers.items.filter((item) => item.on);
    return [
        "Cost levers (each measured alone against the on-demand estimate; together they overlap):",
        table(rows),
        on.length
            ? `With the levers that are on (${on.map((item) => item.lever).join(", ")}): ${money(levers.monthlyWithLeversOn)} per month at the fleets' minimum (their savings summed, so a lower bound where they overlap).`
            : "No lever is on.",
    ].join("\n");
}
