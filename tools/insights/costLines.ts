// The formula shapes every cloud's pricer writes, so a line reads the same on every cloud:
// "3 x t3.xlarge x 730 h x $0.1664/h", "500 GB pd-ssd x $0.17/GB-month".

import type { CostLine, Pricer, PricingContext } from "./cost";
import { qty, unitPrice } from "./format";

export const num = (value: unknown, fallback = 0): number => (typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : fallback);
export const str = (value: unknown): string => (typeof value === "string" ? value : "");

/** `count x what x 730 h x $p/h`. */
export function hourly(ctx: PricingContext, count: number, what: string, key: string): CostLine {
    const price = ctx.prices.get(key);
    return { monthly: count * ctx.prices.hours * price, formula: `${qty(count)} x ${what} x ${ctx.prices.hours} h x ${unitPrice(price)}/h` };
}

/** `quantity what x $p/unit`. */
export function per(ctx: PricingContext, quantity: number, what: string, key: string, unit: string): CostLine {
    const price = ctx.prices.get(key);
    return { monthly: quantity * price, formula: `${qty(quantity)} ${what} x ${unitPrice(price)}/${unit}` };
}

/** A flat monthly fee per resource. */
export const fixed = (what: string, key: string): Pricer => (_resource, ctx) => ({ lines: [per(ctx, 1, what, key, "month")] });

/** Steady-state months a month's logs are kept for: retention in days (none: a year counted). */
export function monthsKept(retentionDays: number): number {
    return (retentionDays > 0 ? Math.min(retentionDays, 3653) : 365) / (365 / 12);
}
