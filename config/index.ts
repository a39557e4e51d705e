export * from "./types";
export { loadConfig, parseConfig, ConfigError } from "./load";
export { NAMESPACE } from "./schema";
