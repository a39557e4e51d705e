import { CloudAdapter } from "../adapter";
import { Provider } from "@pulumi/azure-native/provider";
import { createAppFleet } from "./appFleet";
import { createBackups } from "./backups";
import { createCache } from "./cache";
import { createDatabase } from "./database";
import { createDisasterRecovery, validateRecovery } from "./disasterRecovery";
import { validateNames } from "./names";
import { capacityProblems } from "../vm/capacity";
import { scheduleZoneProblems } from "./capacity";
import { createNetwork } from "./network";
import { createObjectStore } from "./objectStore";
import { createObservability } from "./observability";
import { createSearch } from "./search";
import { createTelemetry } from "./telemetry";
import { createVpn } from "./vpn";

export const azureAdapter: CloudAdapter = {
    cloud: "azure",
    runtimes: ["vm", "kubernetes"],
    validate: (spec) => [...validateNames(spec), ...validateRecovery(spec), ...capacityProblems(spec), ...scheduleZoneProblems(spec)],
    provider: (platform, parent) =>
        new Provider(`${platform.name}-azure`, { location: platform.region }, { parent }),
    network: createNetwork,
    objectStore: createObjectStore,
    database: createDatabase,
    cache: createCache,
    appFleet: createAppFleet,
    observability: createObservability,
    telemetry: createTelemetry,
    search: createSearch,
    vpn: createVpn,
    backups: createBackups,
    disasterRecovery: createDisasterRecovery,
};
