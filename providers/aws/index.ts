import * as aws from "@pulumi/aws";
import { CloudAdapter } from "../adapter";
import { createAppFleet } from "./appFleet";
import { createBackups } from "./backups";
import { createCache } from "./cache";
import { createDatabase } from "./database";
import { createDisasterRecovery } from "./disasterRecovery";
import { validateNames } from "./names";
import { capacityProblems } from "../vm/capacity";
import { createNetwork } from "./network";
import { createObjectStore } from "./objectStore";
import { createObservability } from "./observability";
import { createSearch } from "./search";
import { createTelemetry } from "./telemetry";
import { createVpn } from "./vpn";

export const awsAdapter: CloudAdapter = {
    cloud: "aws",
    runtimes: ["vm", "kubernetes"],
    validate: (spec) => [...validateNames(spec), ...capacityProblems(spec)],
    provider: (platform, parent) =>
        new aws.Provider(`${platform.name}-aws`, { region: platform.region as aws.Region }, { parent }),
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
