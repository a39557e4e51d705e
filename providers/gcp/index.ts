import * as gcp from "@pulumi/gcp";
import { CloudAdapter } from "../adapter";
import { createAppFleet } from "./appFleet";
import { createBackups } from "./backups";
import { createCache } from "./cache";
import { createDatabase } from "./database";
import { createDisasterRecovery } from "./disasterRecovery";
import { validateNames } from "./names";
import { capacityProblems } from "../vm/capacity";
import { capacityRegionProblems } from "./capacity";
import { createNetwork } from "./network";
import { createObjectStore } from "./objectStore";
import { createObservability } from "./observability";
import { createSearch } from "./search";
import { createTelemetry } from "./telemetry";
import { createVpn } from "./vpn";

export const gcpAdapter: CloudAdapter = {
    cloud: "gcp",
    runtimes: ["vm", "kubernetes"],
    validate: (spec) => [...validateNames(spec), ...capacityProblems(spec), ...capacityRegionProblems(spec)],
    provider: (platform, parent) =>
        new gcp.Provider(
            `${platform.name}-gcp`,
            { project: platform.gcpProject, region: platform.region },
            { parent },
        ),
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
