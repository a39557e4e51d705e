import { Cloud, Runtime } from "../config/types";
import { CloudAdapter, UnsupportedCloudError } from "./adapter";
import { awsAdapter } from "./aws";
import { azureAdapter } from "./azure";
import { gcpAdapter } from "./gcp";
import { kubernetesAdapter } from "./kubernetes";

const ADAPTERS: Partial<Record<Cloud, CloudAdapter>> = {
    aws: awsAdapter,
    gcp: gcpAdapter,
    azure: azureAdapter,
    kubernetes: kubernetesAdapter,
};

/** The adapter for a cloud and runtime; a clear error, not a stack trace, for one not yet available. */
export function adapterFor(cloud: Cloud, runtime?: Runtime): CloudAdapter {
    const adapter = ADAPTERS[cloud];
    if (!adapter) {
        const available = Object.keys(ADAPTERS).join(", ");
        throw new UnsupportedCloudError(
            `platform:cloud: "${cloud}" has no adapter in this version of the program; available: ${available}.`,
        );
    }
    if (runtime && !adapter.runtimes.includes(runtime)) {
        throw new UnsupportedCloudError(
            `platform:runtime: "${runtime}" is not built for cloud ${cloud} in this version of the program; available: ${adapter.runtimes.join(", ")}.`,
        );
    }
    return adapter;
}

export function implementedClouds(): Cloud[] {
    return Object.keys(ADAPTERS) as Cloud[];
}
