import * as gcp from "@pulumi/gcp";
import { CloudAdapter } from "../adapter";
import { createAppFleet } from "./appFleet";
import { createCache } from "./cache";
import { createDatabase } from "./database";
import { validateNames } from "./names";
import { createNetwork } from "./network";
import { createObjectStore } from "./objectStore";
import { createObservability } from "./observability";

export const gcpAdapter: CloudAdapter = {
    cloud: "gcp",
    runtimes: ["vm", "kubernetes"],
    validate: validateNames,
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
};
