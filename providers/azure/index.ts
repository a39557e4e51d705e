import { Provider } from "@pulumi/azure-native/provider";
import { CloudAdapter } from "../adapter";
import { createAppFleet } from "./appFleet";
import { createCache } from "./cache";
import { createDatabase } from "./database";
import { validateNames } from "./names";
import { createNetwork } from "./network";
import { createObjectStore } from "./objectStore";
import { createObservability } from "./observability";

export const azureAdapter: CloudAdapter = {
    cloud: "azure",
    runtimes: ["vm", "kubernetes"],
    validate: validateNames,
    provider: (platform, parent) =>
        new Provider(`${platform.name}-azure`, { location: platform.region }, { parent }),
    network: createNetwork,
    objectStore: createObjectStore,
    database: createDatabase,
    cache: createCache,
    appFleet: createAppFleet,
    observability: createObservability,
};
