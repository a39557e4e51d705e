import * as aws from "@pulumi/aws";
import { CloudAdapter } from "../adapter";
import { createAppFleet } from "./appFleet";
import { createCache } from "./cache";
import { createDatabase } from "./database";
import { validateNames } from "./names";
import { createNetwork } from "./network";
import { createObjectStore } from "./objectStore";
import { createObservability } from "./observability";

export const awsAdapter: CloudAdapter = {
    cloud: "aws",
    runtimes: ["vm", "kubernetes"],
    validate: validateNames,
    provider: (platform, parent) =>
        new aws.Provider(`${platform.name}-aws`, { region: platform.region as aws.Region }, { parent }),
    network: createNetwork,
    objectStore: createObjectStore,
    database: createDatabase,
    cache: createCache,
    appFleet: createAppFleet,
    observability: createObservability,
};
