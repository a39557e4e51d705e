import * as pulumi from "@pulumi/pulumi";
import { PlatformConfig } from "./types";

export class ConfigError extends pulumi.RunError {}

export function parseConfig(_raw: Record<string, unknown>): PlatformConfig {
    throw new ConfigError("not implemented");
}

export function loadConfig(): PlatformConfig {
    return parseConfig({});
}
