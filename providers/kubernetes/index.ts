import * as k8s from "@pulumi/kubernetes";
import { CloudAdapter } from "../adapter";
import { createAppFleet } from "./appFleet";
import { createBackups } from "./backups";
import { createCache } from "./cache";
import { createDatabase } from "./database";
import { createDisasterRecovery } from "./disasterRecovery";
import { validateNames } from "./names";
import { createNetwork } from "./network";
import { createObjectStore } from "./objectStore";
import { createObservability } from "./observability";
import { createSearch } from "./search";
import { createTelemetry } from "./telemetry";
import { createVpn } from "./vpn";

export const kubernetesAdapter: CloudAdapter = {
    cloud: "kubernetes",
    runtimes: ["kubernetes"],
    validate: validateNames,
    // The kubeconfig's context (platform:kubernetes.context) or its current one.
    provider: (platform, parent) =>
        new k8s.Provider(`${platform.name}-kubernetes`, { ...(platform.kubernetes?.context ? { context: platform.kubernetes.context } : {}), enableServerSideApply: true }, { parent }),
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
