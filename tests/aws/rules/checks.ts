// Small checks of recorded inputs against AWS's rules, written from the AWS API references and
// the provider's .d.ts docs, independently of the adapter code they check.

export type Inputs = Record<string, unknown>;
/** Problems of one resource's inputs; empty when AWS would accept them. */
export type Check = (inputs: Inputs) => string[];

/** Values at a path like "a.b[].c": "[]" walks every element of an array; absent parts yield nothing. */
export function at(value: unknown, path: string): unknown[] {
    let values = [value];
    for (const part of path.split(".")) {
        const key = part.replace(/\[\]$/, "");
        values = values.flatMap((current) => {
            const next = current !== null && typeof current === "object" && !Array.isArray(current) ? (current as Inputs)[key] : undefined;
            if (next === undefined || next === null) {
                return [];
            }
            return part.endsWith("[]") ? (Array.isArray(next) ? next : [next]) : [next];
        });
    }
    return values;
}

const show = (value: unknown) => JSON.stringify(value);

export const oneOf =
    (path: string, allowed: readonly unknown[]): Check =>
    (inputs) =>
        at(inputs, path)
            .filter((value) => !allowed.includes(value))
            .map((value) => `${path} ${show(value)} is not one of ${allowed.join(", ")}`);

/** Numbers, or numeric strings, within [min, max]. */
export const between =
    (path: string, min: number, max: number): Check =>
    (inputs) =>
        at(inputs, path)
            .filter((value) => !(Number(value) >= min && Number(value) <= max))
            .map((value) => `${path} ${show(value)} is outside ${min}..${max}`);

export const matches =
    (path: string, pattern: RegExp, what: string): Check =>
    (inputs) =>
        at(inputs, path)
            .filter((value) => typeof value !== "string" || !pattern.test(value))
            .map((value) => `${path} ${show(value)} is not ${what}`);

export const required =
    (...paths: string[]): Check =>
    (inputs) =>
        paths.filter((path) => at(inputs, path).length === 0).map((path) => `${path} is required`);

/** Checks that apply only when `condition` holds for the inputs. */
export const when =
    (condition: (inputs: Inputs) => boolean, ...checks: Check[]): Check =>
    (inputs) =>
        condition(inputs) ? checks.flatMap((check) => check(inputs)) : [];

/** A check written as one function returning a problem (or nothing). */
export const rule =
    (problem: (inputs: Inputs) => string | undefined | false): Check =>
    (inputs) => {
        const found = problem(inputs);
        return found ? [found] : [];
    };

/** arn:partition:service:region:account:resource; region and account may be empty (S3, IAM). */
const ARN = /^arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+$/;

export function isArn(value: unknown): boolean {
    return typeof value === "string" && ARN.test(value);
}

export const arn = (path: string): Check => matches(path, ARN, "an ARN");

/** A CloudWatch Logs or KMS key input that must be an ARN (CloudWatch Logs refuses key ids). */
export const keyArn = arn;

export interface NameRule {
    max: number;
    /** The whole name, including the characters at either end. */
    pattern: RegExp;
    allowed: string;
}

export function nameProblem(name: string, rule: NameRule): string | undefined {
    if (name.length > rule.max) {
        return `${show(name)} is ${name.length} characters long; AWS allows ${rule.max}`;
    }
    return rule.pattern.test(name) ? undefined : `${show(name)} is not ${rule.allowed}`;
}

export const named =
    (path: string, nameRule: NameRule): Check =>
    (inputs) =>
        at(inputs, path).flatMap((value) => {
            const problem = typeof value === "string" ? nameProblem(value, nameRule) : `${show(value)} is not a string`;
            return problem ? [`${path}: ${problem}`] : [];
        });

/** "hh24:mi-hh24:mi" or "ddd:hh24:mi-ddd:hh24:mi" -> [start, end] in minutes of the week. */
export function windowMinutes(window: string): [number, number] | undefined {
    const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    const match = /^(?:([a-z]{3}):)?(\d{2}):(\d{2})-(?:([a-z]{3}):)?(\d{2}):(\d{2})$/.exec(window);
    if (!match || Boolean(match[1]) !== Boolean(match[4])) {
        return undefined;
    }
    const minute = (day: string | undefined, hour: string, min: string) => {
        const dayIndex = day === undefined ? 0 : days.indexOf(day);
        return dayIndex < 0 || Number(hour) > 23 || Number(min) > 59 ? NaN : dayIndex * 1440 + Number(hour) * 60 + Number(min);
    };
    const start = minute(match[1], match[2], match[3]);
    let end = minute(match[4], match[5], match[6]);
    if (Number.isNaN(start) || Number.isNaN(end)) {
        return undefined;
    }
    const period = match[1] ? 7 * 1440 : 1440;
    if (end <= start) {
        end += period;
    }
    return [start, end];
}

/** Two windows, daily or weekly, share a minute (a daily window repeats on every day). */
export function windowsOverlap(daily: [number, number], weekly: [number, number]): boolean {
    return Array.from({ length: 8 }, (_, day) => [daily[0] + (day - 1) * 1440, daily[1] + (day - 1) * 1440]).some(
        ([start, end]) => [-7 * 1440, 0, 7 * 1440].some((shift) => start + shift < weekly[1] && weekly[0] < end + shift),
    );
}

/** A backup (daily) and a maintenance (weekly) window: well-formed, long enough, apart. */
export const windows =
    (dailyPath: string, weeklyPath: string, minMinutes: number): Check =>
    (inputs) => {
        const [daily] = at(inputs, dailyPath) as string[];
        const [weekly] = at(inputs, weeklyPath) as string[];
        const problems: string[] = [];
        const parsed = [[dailyPath, daily], [weeklyPath, weekly]].map(([path, window]) => {
            if (window === undefined) {
                return undefined;
            }
            const minutes = windowMinutes(window);
            if (!minutes) {
                problems.push(`${path} ${show(window)} is not a window like 03:00-04:00 or sun:04:00-sun:05:00`);
            } else if (minutes[1] - minutes[0] < minMinutes) {
                problems.push(`${path} ${show(window)} is shorter than ${minMinutes} minutes`);
            }
            return minutes;
        });
        if (parsed[0] && parsed[1] && windowsOverlap(parsed[0], parsed[1])) {
            problems.push(`${dailyPath} ${show(daily)} overlaps ${weeklyPath} ${show(weekly)}`);
        }
        return problems;
    };
