// The shape of every stack config key as zod schemas, plus the rules that need several keys at
// once (region of the chosen cloud, zones of the tier, ports of web services...).
//
// Keys are validated one by one rather than as one z.object: a zod object skips its refinements
// as soon as one property fails, and the contract is to report every problem in one run. Each
// problem reads "<key path>: <bad value, JSON-quoted> <what is wrong>; <what is allowed>".

import * as ipaddr from "ipaddr.js";
import { z } from "zod";
import { cidrsOverlap, isNetworkAddress, networkAddress, parseAnyCidr, parseIpv4Cidr } from "./cidr";
import { ALARM_KEYS, ARCHITECTURES, SCHEDULE_KEYS, SEARCH_KEYS, TRACING_KEYS, VPN_KEYS, CLOUDS, COMPONENT_NAMES, COMPUTE_SHAPES, CPU_SCALING_KEYS, KUBERNETES_KEYS, RUNTIMES, SERVICE_KINDS, TIER_NAMES, USAGE_KEYS, UsageKey } from "./types";

export const NAMESPACE = "platform";

// ---------------------------------------------------------------------------------------------
// Messages

export type Path = readonly (string | number)[];

/** The value as the user would write it in JSON, shortened so one problem stays one line. */
export function show(value: unknown): string {
    if (typeof value === "number" && !Number.isFinite(value)) {
        return String(value);
    }
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        text = String(value);
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** ["services", 1, "port"] -> "platform:services[1].port" */
export function keyPath(path: Path): string {
    return path.reduce<string>(
        (text, part, index) => (typeof part === "number" ? `${text}[${part}]` : index === 0 ? `${text}${part}` : `${text}.${part}`),
        `${NAMESPACE}:`,
    );
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("regoin"). */
export function editDistance(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.length][b.length];
}

/** The candidate closest to `word` (case-insensitive) when it is at most `maxDistance` edits away. */
export function closest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance <= maxDistance && (!best || distance < best.distance)) {
            best = { candidate, distance };
        }
    }
    return best?.candidate;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
    const match = closest(word, candidates);
    return match ? ` (did you mean "${match}"?)` : "";
}

/** `elsewhere`: where the key belongs when it is not a typo of an allowed one ("network.zones"). */
function unknownKey(key: string, allowed: readonly string[], kind = "key", elsewhere?: string): string {
    const hint = didYouMean(key, allowed) || (elsewhere ? ` (did you mean "${elsewhere}"?)` : "");
    return `unknown ${kind} ${show(key)}${hint}; allowed: ${allowed.join(", ")}`;
}

/** Collects problems with their key path; messages come out grouped by top-level key. */
export class Problems {
    private readonly items: { path: Path; message: string }[] = [];

    constructor(private readonly keyOrder: readonly string[]) {}

    add(path: Path, message: string): void {
        this.items.push({ path, message });
    }

    addIssues(base: Path, issues: readonly z.core.$ZodIssue[]): void {
        for (const issue of issues) {
            this.add([...base, ...issue.path.map((part) => (typeof part === "number" ? part : String(part)))], issue.message);
        }
    }

    get count(): number {
        return this.items.length;
    }

    messages(): string[] {
        const rank = (path: Path) => this.keyOrder.indexOf(String(path[0]));
        const index = (path: Path) => (typeof path[1] === "number" ? path[1] : -1);
        return [...this.items]
            .sort((a, b) => rank(a.path) - rank(b.path) || index(a.path) - index(b.path))
            .map(({ path, message }) => `${keyPath(path)}: ${message}`);
    }
}

// ---------------------------------------------------------------------------------------------
// Pulumi config values are strings: "5000", "true", or JSON text for lists and objects.

const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function asNumber(value: unknown): unknown {
    return typeof value === "string" && NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
}

function asBoolean(value: unknown): unknown {
    return typeof value === "string" && /^(true|false)$/i.test(value.trim()) ? value.trim().toLowerCase() === "true" : value;
}

function asJson(value: unknown): unknown {
    if (typeof value !== "string" || !/^\s*[[{]/.test(value)) {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

function jsonHint(value: unknown): string {
    if (typeof value !== "string" || !/^\s*[[{]/.test(value)) {
        return "";
    }
    try {
        JSON.parse(value);
        return "";
    } catch (error) {
        return ` (not valid JSON: ${(error as Error).message})`;
    }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Leaf schemas. `what` completes "<value> is not ..." and "missing; required: ...".

export type Rule<T> = (value: T) => string | undefined;

export function withRules<T>(schema: z.ZodType<T>, ...rules: Rule<T>[]): z.ZodType<T> {
    return schema.superRefine((value, ctx) => {
        for (const rule of rules) {
            const message = rule(value);
            if (message) {
                ctx.addIssue({ code: "custom", message, input: value });
            }
        }
    });
}

function missingOr(what: string, wrongType: (input: unknown) => string) {
    return (issue: { input?: unknown }) => (issue.input === undefined ? `missing; required: ${what}` : wrongType(issue.input));
}

export function text(what: string) {
    return z.string({ error: missingOr(what, (input) => `${show(input)} is not a string; expected ${what}`) });
}

export function choice<T extends readonly [string, ...string[]]>(values: T, what: string) {
    const allowed = values.join(", ");
    return z.enum(values, {
        error: missingOr(`${what}, one of: ${allowed}`, (input) => `${show(input)} is not ${what}${typeof input === "string" ? didYouMean(input, values) : ""}; allowed: ${allowed}`),
    });
}

/** A number (or number text) passing `ok`; `what` says what is allowed, e.g. "an integer from 1 to 100". */
export function numberWhere(what: string, ok: (value: number) => boolean) {
    return z.preprocess(
        asNumber,
        withRules(z.number({ error: missingOr(what, (input) => `${show(input)} is not a number; expected ${what}`) }), (value) =>
            ok(value) ? undefined : `${show(value)} is not ${what}`,
        ),
    );
}

export function integerIn(min: number, max: number, what = `an integer from ${min} to ${max}`) {
    // The metadata is what the stack file's JSON Schema shows editors (config/jsonSchema.ts).
    return numberWhere(what, (value) => Number.isInteger(value) && value >= min && value <= max).meta({ type: "integer", minimum: min, maximum: max, description: what });
}

export function boolean(what: string) {
    return z.preprocess(asBoolean, z.boolean({ error: missingOr(what, (input) => `${show(input)} is not ${what}`) }));
}

export function objectOf(what: string) {
    return z.preprocess(
        asJson,
        z.custom<Record<string, unknown>>(isPlainObject, {
            error: missingOr(what, (input) => `${show(input)} is not an object; expected ${what}${jsonHint(input)}`),
        }),
    );
}

export function listOf<T>(item: z.ZodType<T>, what: string) {
    return z.preprocess(asJson, z.array(item, { error: missingOr(what, (input) => `${show(input)} is not a list; expected ${what}${jsonHint(input)}`) }));
}

// ---------------------------------------------------------------------------------------------
// Single-value rules

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const SERVICE_NAME_MAX = 20;
export const MAX_CONCURRENT_USERS = 170_000;
/** Components whose primary resource takes `overrides` (README: network -> the VPC, ...). */
export const OVERRIDABLE_COMPONENTS = COMPONENT_NAMES.filter((component) => component !== "observability");
/** ACM refuses a certificate whose first domain name is longer. */
export const CERTIFICATE_NAME_MAX = 64;
const GCP_PROJECT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
/** A Cloud Billing account id as the console shows it: three groups of six uppercase hex digits. */
const GCP_BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;

/** Why `name` is not a DNS name of the form app.example.com, or undefined when it is one. */
export function dnsNameProblem(name: string): string | undefined {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) {
        return "remove the scheme";
    }
    if (name.includes("*")) {
        return "wildcards are not allowed";
    }
    if (name.endsWith(".")) {
        return "remove the trailing dot";
    }
    if (name !== name.toLowerCase()) {
        return "use lowercase";
    }
    if (name.length > 253) {
        return "longer than 253 characters";
    }
    const labels = name.split(".");
    if (labels.length < 2) {
        return "needs at least two labels";
    }
    const badLabel = labels.find((label) => label.length > 63 || !DNS_LABEL.test(label));
    if (badLabel !== undefined) {
        return `label ${show(badLabel)} is invalid: labels are 1 to 63 characters of a-z, 0-9 and "-", not starting or ending with "-"`;
    }
    const tld = labels[labels.length - 1];
    if (!/^[a-z]{2,63}$/.test(tld) && !/^xn--[a-z0-9-]+$/.test(tld)) {
        return `top-level domain ${show(tld)} must be alphabetic`;
    }
    return undefined;
}

/**
 * Names no public DNS zone can hold (RFC 2606, RFC 6761, RFC 6762, ICANN's .internal), so no
 * certificate authority can ever validate a certificate for them.
 */
export const RESERVED_DOMAINS: readonly { suffix: string; why: string }[] = [
    ...["example.com", "example.net", "example.org"].map((suffix) => ({ suffix, why: "reserved for documentation by RFC 2606" })),
    ...["test", "example", "invalid", "localhost"].map((suffix) => ({ suffix, why: "a top-level domain reserved by RFC 2606 and RFC 6761" })),
    { suffix: "local", why: "multicast DNS on the local link (RFC 6762), not public DNS" },
    { suffix: "internal", why: "reserved for private networks, not public DNS" },
];

/** The reserved name `domain` is, or falls under. */
export function reservedDomainOf(domain: string): { suffix: string; why: string } | undefined {
    return RESERVED_DOMAINS.find(({ suffix }) => domain === suffix || domain.endsWith(`.${suffix}`));
}

const domainRule: Rule<string> = (domain) => {
    const problem = dnsNameProblem(domain);
    if (problem) {
        return `${show(domain)} is not a DNS name: ${problem}; expected a bare name like app.example.com`;
    }
    if (domain.length > CERTIFICATE_NAME_MAX) {
        return `${show(domain)} has ${domain.length} characters; a certificate's domain name has at most ${CERTIFICATE_NAME_MAX} (ACM): use a shorter name`;
    }
    const reserved = reservedDomainOf(domain);
    return (
        reserved &&
        `${show(domain)} is under ${reserved.suffix}, ${reserved.why}: no certificate can be validated for it; ` +
            `allowed: a domain you own whose public Route 53 hosted zone is in this account, or no domain (HTTPS on the load balancer's name with a self-signed certificate)`
    );
};

const EMAIL_LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

const emailRule: Rule<string> = (email) => {
    const parts = email.split("@");
    let problem: string | undefined;
    if (parts.length !== 2) {
        problem = "it needs exactly one @";
    } else if (parts[0].length > 64 || !EMAIL_LOCAL_PART.test(parts[0])) {
        problem = "the part before @ is invalid";
    } else {
        const domainProblem = dnsNameProblem(parts[1].toLowerCase());
        problem = domainProblem && `domain ${show(parts[1])}: ${domainProblem}`;
    }
    return problem && `${show(email)} is not an email address (${problem}); expected e.g. ops@example.com`;
};

const gcpProjectRule: Rule<string> = (id) =>
    GCP_PROJECT_ID.test(id)
        ? undefined
        : `${show(id)} is not a GCP project id; allowed: 6 to 30 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen`;

const gcpBillingAccountRule: Rule<string> = (id) =>
    GCP_BILLING_ACCOUNT.test(id) ? undefined : `${show(id)} is not a Cloud Billing account id; expected e.g. 0123AB-4567CD-89EF01 (three groups of six uppercase hex digits)`;

const serviceNameRule: Rule<string> = (name) =>
    SERVICE_NAME.test(name) && name.length <= SERVICE_NAME_MAX
        ? undefined
        : `${show(name)} is not a valid service name; allowed: a DNS label of at most ${SERVICE_NAME_MAX} characters (lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen): cloud resource names derive from it`;

const imageRule: Rule<string> = (image) =>
    image.length > 0 && !/\s/.test(image) ? undefined : `${show(image)} is not a container image reference; expected e.g. ghcr.io/acme/app:1.0 (non-empty, no spaces)`;

/** Route 53 health checks take a resource path of at most 255 characters. */
export const HTTP_PATH_MAX = 255;
// Unreserved URL characters and "/": the path goes into health checks, probes and shell commands.
const httpPathRule: Rule<string> = (path) =>
    /^\/[A-Za-z0-9._~/-]*$/.test(path) && path.length <= HTTP_PATH_MAX
        ? undefined
        : `${show(path)} is not an HTTP path; expected a path starting with "/", of letters, digits and ._~/- (no query string), at most ${HTTP_PATH_MAX} characters, e.g. /health`;

export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/** Ranges the VPC must stay clear of, and why. */
export const RESERVED_RANGES = [
    { cidr: "172.17.0.0/16", use: "Docker's default bridge on the app hosts: containers could not reach those addresses" },
    { cidr: "169.254.0.0/16", use: "link-local, where the cloud metadata service lives" },
    { cidr: "100.64.0.0/10", use: "carrier-grade NAT space, used by managed Kubernetes" },
] as const;

function vpcCidrProblems(cidr: string): string[] {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed) {
        return [`${show(cidr)} is not an IPv4 CIDR; expected a.b.c.d/n inside a private range, e.g. 10.0.0.0/16`];
    }
    const network = `${networkAddress(parsed)}/${parsed.prefix}`;
    const problems = isNetworkAddress(parsed) ? [] : [`${show(cidr)} has host bits set; use the network address ${show(network)}`];
    const reserved = RESERVED_RANGES.filter((range) => cidrsOverlap(network, range.cidr));
    for (const range of reserved) {
        problems.push(`${show(cidr)} overlaps ${range.cidr} (${range.use}); choose a range clear of ${RESERVED_RANGES.map((r) => r.cidr).join(", ")}`);
    }
    const isPrivate = PRIVATE_RANGES.some((block) => {
        const [address, prefix] = ipaddr.IPv4.parseCIDR(block);
        return parsed.prefix >= prefix && parsed.address.match(address, prefix);
    });
    if (!isPrivate && reserved.length === 0) {
        problems.push(`${show(cidr)} is not inside a private range; allowed: ${PRIVATE_RANGES.join(", ")}`);
    }
    return problems;
}

/** IPv4 prefixes shorter than /8 and IPv6 shorter than /16 would open SSH to (most of) the internet. */
export const ADMIN_MIN_PREFIX = { ipv4: 8, ipv6: 16 } as const;

const adminCidrRule: Rule<string> = (cidr) => {
    const isV6 = cidr.includes(":");
    const parsed = isV6 ? parseAnyCidr(cidr) : parseIpv4Cidr(cidr) && parseAnyCidr(cidr);
    if (!parsed || parsed[0].kind() !== (isV6 ? "ipv6" : "ipv4")) {
        const bareAddress = ipaddr.isValid(cidr.trim()) && !cidr.includes("/");
        return `${show(cidr)} is not a CIDR; expected an IPv4 or IPv6 range like 203.0.113.0/24${bareAddress ? ` (for one address write ${cidr.trim()}/${isV6 ? 128 : 32})` : ""}`;
    }
    const [address, prefix] = parsed;
    const minPrefix = ADMIN_MIN_PREFIX[address.kind()];
    if (prefix < minPrefix) {
        return `${show(cidr)} opens SSH to the whole internet; allowed: your office or VPN ranges, /${minPrefix} or narrower for ${address.kind() === "ipv4" ? "IPv4" : "IPv6"}`;
    }
    const network = isV6 ? ipaddr.IPv6.networkAddressFromCIDR(cidr.trim()) : ipaddr.IPv4.networkAddressFromCIDR(cidr.trim());
    if (network.toString() !== address.toString()) {
        return `${show(cidr)} has host bits set; use the network address ${show(`${network.toString()}/${prefix}`)} (or /${isV6 ? 128 : 32} for a single address)`;
    }
    return undefined;
};

function overridesProblems(overrides: Record<string, unknown>, ctx: z.RefinementCtx): void {
    for (const [component, byCloud] of Object.entries(overrides)) {
        if (!(COMPONENT_NAMES as readonly string[]).includes(component)) {
            ctx.addIssue({ code: "custom", path: [component], message: unknownKey(component, COMPONENT_NAMES, "component") });
            continue;
        }
        if (!(OVERRIDABLE_COMPONENTS as readonly string[]).includes(component)) {
            ctx.addIssue({
                code: "custom",
                path: [component],
                message: `${show(component)} has no primary resource to merge provider arguments into (its alarms, dashboard and budget follow the tier and platform:alarms); allowed: ${OVERRIDABLE_COMPONENTS.join(", ")}`,
            });
            continue;
        }
        if (!isPlainObject(byCloud)) {
            ctx.addIssue({ code: "custom", path: [component], message: `${show(byCloud)} is not an object keyed by cloud; expected e.g. {"aws": {...}}` });
            continue;
        }
        for (const [cloud, args] of Object.entries(byCloud)) {
            if (!(CLOUDS as readonly string[]).includes(cloud)) {
                ctx.addIssue({ code: "custom", path: [component, cloud], message: unknownKey(cloud, CLOUDS, "cloud") });
            } else if (!isPlainObject(args)) {
                ctx.addIssue({ code: "custom", path: [component, cloud], message: `${show(args)} is not an object of provider arguments` });
            }
        }
    }
}

export const adminCidrEntry = withRules(text("a CIDR like 203.0.113.0/24"), adminCidrRule);

// ---------------------------------------------------------------------------------------------
// Field schemas, key by key. Required keys are those without .optional().

export const serviceFields = {
    name: withRules(text("a service name"), serviceNameRule),
    image: withRules(text("a container image reference, e.g. ghcr.io/acme/app:1.0"), imageRule),
    kind: choice(SERVICE_KINDS, "a service kind").optional(),
    port: integerIn(1, 65535, "a port (an integer from 1 to 65535)").optional(),
    healthPath: withRules(text("an HTTP path"), httpPathRule).optional(),
    readyPath: withRules(text("an HTTP path"), httpPathRule).optional(),
    public: boolean("true or false").optional(),
    command: z
        .array(withRules(text("a string"), (arg) => (arg.length > 0 ? undefined : `"" is an empty argument`)), {
            error: (issue) =>
                `${show(issue.input)} is not a list of strings; write the command as a list, e.g. ${show(typeof issue.input === "string" ? issue.input.trim().split(/\s+/) : ["npm", "start"])}`,
        })
        .min(1, { error: "[] is an empty command; omit command to run the image's default" })
        .optional(),
    minReplicas: integerIn(1, 100).optional(),
    maxReplicas: integerIn(1, 100).optional(),
    size: choice(COMPUTE_SHAPES, "a compute size").optional(),
    // Its fields and the rules across them are checked in thresholds.ts.
    cpuScaling: objectOf(`{${CPU_SCALING_KEYS.join(", ")}}`).optional(),
    calls: listOf(withRules(text("a service name"), serviceNameRule), 'a list of the web services this one calls, e.g. ["api"]').optional(),
    spot: boolean("true or false (workers only: capacity above onDemandBase on spot/preemptible machines)").optional(),
    onDemandBase: integerIn(0, 100, "a number of replicas kept on regular capacity (an integer from 0 to 100)").optional(),
    architecture: choice(ARCHITECTURES, "a CPU architecture").optional(),
};

export const networkFields = {
    cidr: z
        .string({ error: (issue) => `${show(issue.input)} is not a string; expected an IPv4 CIDR like 10.0.0.0/16` })
        .superRefine((cidr, ctx) => vpcCidrProblems(cidr).forEach((message) => ctx.addIssue({ code: "custom", message, input: cidr })))
        .optional(),
    zones: numberWhere("a whole number of zones", Number.isInteger).optional(),
};

/** A Kubernetes object name (RFC 1123 subdomain), as the API checks a StorageClass or IngressClass name. */
const kubernetesNameRule: Rule<string> = (name) =>
    name.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)
        ? undefined
        : `${show(name)} is not a Kubernetes object name; use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters`;

const kubeContextRule: Rule<string> = (context) => (context.trim() === "" ? `${show(context)} is empty; give a context name from your kubeconfig (kubectl config get-contexts)` : undefined);

export const kubernetesFields = {
    context: withRules(text("a kubeconfig context name"), kubeContextRule).optional(),
    storageClass: withRules(text("a StorageClass name"), kubernetesNameRule).optional(),
    ingressClass: withRules(text("an IngressClass name"), kubernetesNameRule).optional(),
} satisfies Record<(typeof KUBERNETES_KEYS)[number], z.ZodType>;

export const budgetFields = {
    monthlyUsd: numberWhere("a positive amount of US dollars", (value) => value > 0).optional(),
    alertPercent: numberWhere("a percentage from 1 to 100", (value) => value >= 1 && value <= 100).optional(),
};

const usageAmount = () => numberWhere("a non-negative amount", (value) => value >= 0).optional();
export const usageFields = Object.fromEntries(USAGE_KEYS.map((key) => [key, usageAmount()])) as Record<UsageKey, ReturnType<typeof usageAmount>>;

export const topLevelFields = {
    cloud: choice(CLOUDS, "a cloud"),
    tier: choice(TIER_NAMES, "a tier"),
    region: text("a region").optional(),
    gcpProject: withRules(text("a GCP project id"), gcpProjectRule).optional(),
    gcpBillingAccount: withRules(text("a Cloud Billing account id"), gcpBillingAccountRule).optional(),
    services: listOf(z.unknown(), "a non-empty list of services (name, image, port...)").superRefine((services, ctx) => {
        if (services.length === 0) {
            ctx.addIssue({ code: "custom", message: "[] is empty; at least one service is required", input: services });
        }
    }),
    domain: withRules(text("a DNS name"), domainRule).optional(),
    network: objectOf(`{${Object.keys(networkFields).join(", ")}}`).optional(),
    // Entries are checked one by one (adminCidrEntry) so one bad entry does not hide the others' overlaps.
    adminCidrs: listOf(z.unknown(), 'a list of CIDRs, e.g. ["203.0.113.0/24"]').optional(),
    alertEmail: withRules(text("an email address"), emailRule).optional(),
    budget: objectOf(`{${Object.keys(budgetFields).join(", ")}}`).optional(),
    alarms: objectOf(`{${ALARM_KEYS.join(", ")}}`).optional(),
    // 1.5 connections a user must stay under PostgreSQL's max_connections ceiling (262,143),
    // and 0.1 GB a user (twice, for autoscaling headroom) under RDS's 65,536 GiB.
    concurrentUsers: integerIn(1, MAX_CONCURRENT_USERS, `a whole number of users from 1 to ${MAX_CONCURRENT_USERS} (the sizing formulas' database connections and storage stay within PostgreSQL's and RDS's limits)`).optional(),
    runtime: choice(RUNTIMES, "a runtime").optional(),
    kubernetes: objectOf(`{${KUBERNETES_KEYS.join(", ")}}`).optional(),
    usage: objectOf(`{${USAGE_KEYS.join(", ")}}`).optional(),
    overrides: objectOf(`{<component>: {<cloud>: {...provider args}}}`)
        .superRefine(overridesProblems)
        .optional(),
    // The documents' remaining capabilities; their fields and rules are in features.ts.
    pooling: boolean("true or false (PgBouncer-style transaction pooling in front of PostgreSQL)").optional(),
    metrics: boolean("true or false (managed Prometheus and Grafana with a collector on every instance)").optional(),
    tracing: objectOf(`{${TRACING_KEYS.join(", ")}}`).optional(),
    search: objectOf(`{${SEARCH_KEYS.join(", ")}}`).optional(),
    logicalBackups: boolean("true or false (daily pg_dump to a backups bucket, outside the database service)").optional(),
    drRegion: text("a region of the same cloud").optional(),
    vpn: objectOf(`{${VPN_KEYS.join(", ")}}`).optional(),
    schedule: objectOf(`{${SCHEDULE_KEYS.join(", ")}}`).optional(),
};

export const TOP_LEVEL_KEYS = Object.keys(topLevelFields);

type Fields = Record<string, z.ZodType>;
export type Parsed<F extends Fields> = { [K in keyof F]?: Exclude<z.output<F[K]>, undefined> };

/** Nested keys users put at the top level by mistake ("zones" for network.zones). */
const NESTED_KEYS: Record<string, string> = Object.fromEntries([
    ...Object.keys(networkFields).map((key) => [key, `network.${key}`]),
    ...Object.keys(budgetFields).map((key) => [key, `budget.${key}`]),
    ...ALARM_KEYS.map((key) => [key, `alarms.${key}`]),
]);

/**
 * Validates an object key by key: unknown keys, then every field's schema. Returns the fields that
 * passed and the names of those that failed, so rules across fields run on valid values only.
 */
export function parseFields<F extends Fields>(fields: F, raw: Record<string, unknown>, path: Path, problems: Problems): { value: Parsed<F>; failed: Set<string> } {
    const allowed = Object.keys(fields);
    for (const key of Object.keys(raw).filter((key) => !allowed.includes(key))) {
        const elsewhere = path.length === 0 && NESTED_KEYS[key] ? `${NAMESPACE}:${NESTED_KEYS[key]}` : undefined;
        problems.add([...path, key], unknownKey(key, allowed, "key", elsewhere));
    }
    const value: Record<string, unknown> = {};
    const failed = new Set<string>();
    for (const key of allowed) {
        const result = fields[key].safeParse(raw[key]);
        if (result.success) {
            if (result.data !== undefined) {
                value[key] = result.data;
            }
        } else {
            failed.add(key);
            problems.addIssues([...path, key], result.error.issues);
        }
    }
    return { value: value as Parsed<F>, failed };
}
