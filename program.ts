// The whole program as a function, so `index.ts`, the offline plan and the tests run the
// same code: stack config -> validated config -> tier spec -> components -> adapter.

import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadConfig } from "./config";
import { Platform } from "./components/platform";
import { adapterFor } from "./providers";
import { resolvePlatformSpec } from "./tiers";

export function main() {
    const config = loadConfig();
    const spec = resolvePlatformSpec(config, pulumi.getProject(), pulumi.getStack());
    const adapter = adapterFor(spec.cloud, spec.runtime);
    // Names derived from the stack name that the cloud would refuse halfway through `pulumi up`.
    const problems = adapter.validate?.(spec) ?? [];
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
    const platform = new Platform(spec.name, { spec, adapter });
    return {
        cloud: spec.cloud,
        tier: config.tier,
        network: platform.network.outputs,
        database: platform.database.outputs,
        cache: platform.cache.outputs,
        objectStore: platform.objectStore.outputs,
        appFleet: platform.appFleet.outputs,
        observability: platform.observability.outputs,
        // The DR region's copies and the recovery objectives they allow, beside the documents' targets.
        ...(platform.disasterRecovery && spec.disasterRecovery
            ? { disasterRecovery: { ...platform.disasterRecovery.outputs, targets: spec.disasterRecovery.targets } }
            : {}),
    };
}
