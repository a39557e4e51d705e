// Reads a Pulumi.<stack>.yaml and applies `-c key=value` overrides, the way the offline
// commands see a stack. Pure apart from reading the file.

import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { NAMESPACE } from "../config";
import { StackConfig } from "./synth";

export class UsageError extends Error {}


/** The `config:` map of a stack file; encrypted values cannot be read offline and stay redacted. */
export function readStackFile(file: string): StackConfig {
    if (!fs.existsSync(file)) {
        throw new UsageError(`stack file not found: ${file}`);
    }
    let document: unknown;
    try {
        document = YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new UsageError(`${file} is not valid YAML: ${(err as Error).message}`);
    }
    const config = (document as { config?: unknown } | null)?.config ?? {};
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new UsageError(`${file}: "config" must be a map of keys to values`);
    }
    const out: StackConfig = {};
    for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
        const isSecure = typeof value === "object" && value !== null && "secure" in value;
        out[key] = isSecure ? "[secret]" : value;
    }
    return out;
}

export function defaultStackFile(stack: string, root = process.cwd()): string {
    return path.join(root, `Pulumi.${stack}.yaml`);
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
    const [head, ...rest] = keys;
    if (rest.length === 0) {
        target[head] = value;
        return;
    }
    let child = target[head];
    if (typeof child === "string") {
        try {
            child = JSON.parse(child);
        } catch {
            child = undefined;
        }
    }
    const next = typeof child === "object" && child !== null && !Array.isArray(child) ? { ...(child as Record<string, unknown>) } : {};
    setPath(next, rest, value);
    target[head] = next;
}

/**
 * Applies "key=value" overrides. A key without namespace is the platform's (`cloud` means
 * `platform:cloud`); dots reach into objects (`budget.monthlyUsd=100`); values are read as
 * YAML scalars or flow collections, so numbers, booleans and lists keep their type.
 */
export function applyOverrides(config: StackConfig, overrides: string[]): StackConfig {
    const out: Record<string, unknown> = { ...config };
    for (const override of overrides) {
        const eq = override.indexOf("=");
        if (eq <= 0) {
            throw new UsageError(`-c expects key=value, got "${override}"`);
        }
        const key = override.slice(0, eq).trim();
        const rawValue = override.slice(eq + 1);
        let value: unknown;
        try {
            value = YAML.parse(rawValue);
        } catch {
            value = rawValue;
        }
        const [first, ...rest] = key.split(".");
        const namespaced = first.includes(":") ? first : `${NAMESPACE}:${first}`;
        setPath(out, [namespaced, ...rest], value ?? "");
    }
    return out;
}

/** The same places on each cloud: a comparison moved to another cloud keeps its geography. */
const SAME_PLACE: { aws: string; gcp: string; azure: string }[] = [
    { aws: "us-east-1", gcp: "us-east4", azure: "eastus" },
    { aws: "us-east-2", gcp: "us-east5", azure: "eastus2" },
    { aws: "us-west-1", gcp: "us-west2", azure: "westus" },
    { aws: "us-west-2", gcp: "us-west1", azure: "westus2" },
    { aws: "ca-central-1", gcp: "northamerica-northeast1", azure: "canadacentral" },
    { aws: "sa-east-1", gcp: "southamerica-east1", azure: "brazilsouth" },
    { aws: "eu-west-1", gcp: "europe-west1", azure: "northeurope" },
    { aws: "eu-west-2", gcp: "europe-west2", azure: "uksouth" },
    { aws: "eu-west-3", gcp: "europe-west9", azure: "francecentral" },
    { aws: "eu-central-1", gcp: "europe-west3", azure: "germanywestcentral" },
    { aws: "eu-north-1", gcp: "europe-north1", azure: "swedencentral" },
    { aws: "ap-south-1", gcp: "asia-south1", azure: "centralindia" },
    { aws: "ap-southeast-1", gcp: "asia-southeast1", azure: "southeastasia" },
    { aws: "ap-southeast-2", gcp: "australia-southeast1", azure: "australiaeast" },
    { aws: "ap-northeast-1", gcp: "asia-northeast1", azure: "japaneast" },
    { aws: "ap-northeast-2", gcp: "asia-northeast3", azure: "koreacentral" },
];

type RegionalCloudName = "aws" | "gcp" | "azure";
const isRegionalCloudName = (cloud: unknown): cloud is RegionalCloudName => cloud === "aws" || cloud === "gcp" || cloud === "azure";

/**
 * A stack moved to another cloud by `-c cloud=<x>` or `--compare cloud=<x>` alone: the region
 * becomes the same place on the new cloud, gcpProject appears (a placeholder, for offline
 * plans) or goes (an existing cluster, cloud kubernetes, has neither, nor the keys it refuses), and the rest of the stack is untouched. With an explicit region or project
 * in the overrides, those win.
 */
export function moveToCloud(config: StackConfig, overrides: string[], stack: string): StackConfig {
    const key = (name: string) => `${NAMESPACE}:${name}`;
    const setsKey = (name: string) => overrides.some((o) => o.trim().startsWith(`${name}=`) || o.trim().startsWith(`${key(name)}=`));
    const before = config[key("cloud")];
    const moved = applyOverrides(config, overrides);
    const after = moved[key("cloud")];
    if (before === after) {
        return moved;
    }
    if (after === "kubernetes") {
        // An existing cluster has no region or project: it already runs somewhere. Its nodes,
        // network and backups are the cluster's own, so the schedule, the VPN, the DR region and
        // the services' spot and architecture choices (refused there) stay with the cloud.
        const out: Record<string, unknown> = { ...moved };
        for (const name of ["region", "gcpProject", "gcpBillingAccount", "schedule", "vpn", "drRegion"]) {
            if (!setsKey(name)) {
                delete out[key(name)];
            }
        }
        const services = out[key("services")];
        if (Array.isArray(services) && !setsKey("services")) {
            out[key("services")] = services.map((service: unknown) => {
                if (typeof service !== "object" || service === null) {
                    return service;
                }
                const { spot: _spot, onDemandBase: _base, architecture: _architecture, ...rest } = service as Record<string, unknown>;
                return rest;
            });
        }
        return out;
    }
    if (!isRegionalCloudName(after)) {
        return moved;
    }
    const out: Record<string, unknown> = { ...moved };
    const region = config[key("region")];
    if (!setsKey("region") && isRegionalCloudName(before) && typeof region === "string") {
        const place = SAME_PLACE.find((row) => row[before] === region);
        if (!place) {
            throw new UsageError(`moving the stack from ${before} to ${after}: no known ${after} region near ${before}'s "${region}"; add region=<${after === "gcp" ? "a" : "an"} ${after} region> to the same option`);
        }
        out[key("region")] = place[after];
    }
    if (after === "gcp" && out[key("gcpProject")] === undefined) {
        out[key("gcpProject")] = `platform-${stack}`.slice(0, 30).replace(/-+$/, "");
    }
    if (after !== "gcp") {
        delete out[key("gcpProject")];
        delete out[key("gcpBillingAccount")];
    }
    return out;
}
