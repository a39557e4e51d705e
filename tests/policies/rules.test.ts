// Every rule: its compliant baseline passes, and each mutation breaks exactly that rule with
// the expected message (or, for tier- and config-dependent cases, passes on purpose).

import { expect } from "chai";
import { policies } from "../../policies/rules";
import { cases as awsCluster } from "./cases/aws-cluster";
import { cases as awsData } from "./cases/aws-data";
import { cases as awsNetwork } from "./cases/aws-network";
import { cases as awsPlatform } from "./cases/aws-platform";
import { cases as awsTelemetry } from "./cases/aws-telemetry";
import { cases as azureCluster } from "./cases/azure-cluster";
import { cases as azureData } from "./cases/azure-data";
import { cases as azureNetwork } from "./cases/azure-network";
import { cases as azurePlatform } from "./cases/azure-platform";
import { cases as azureTelemetry } from "./cases/azure-telemetry";
import { cases as gcpCluster } from "./cases/gcp-cluster";
import { cases as gcpData } from "./cases/gcp-data";
import { cases as gcpNetwork } from "./cases/gcp-network";
import { cases as gcpPlatform } from "./cases/gcp-platform";
import { cases as disasterRecovery } from "./cases/disaster-recovery";
import { cases as kubernetes } from "./cases/kubernetes";
import { cases as pooling } from "./cases/pooling";
import { cases as search } from "./cases/search";
import { cases as vpnBackups } from "./cases/vpn-backups";
import { mutate, PolicyCase, violationsOf } from "./harness";

const allCases: PolicyCase[] = [...awsData, ...awsCluster, ...awsNetwork, ...awsPlatform, ...gcpData, ...gcpNetwork, ...gcpPlatform, ...gcpCluster, ...azureData, ...azureNetwork, ...azurePlatform, ...azureCluster, ...kubernetes, ...pooling, ...disasterRecovery, ...awsTelemetry, ...azureTelemetry, ...search, ...vpnBackups];

describe("policy rules", () => {
    it("every rule of the pack has a case with at least one failing mutation", () => {
        const covered = new Set(allCases.filter((c) => c.mutations.some((m) => !m.expectNone)).map((c) => c.policy.name));
        const missing = policies.map((policy) => policy.name).filter((name) => !covered.has(name));
        expect(missing, "rules without a failing mutation").to.deep.equal([]);
    });

    for (const testCase of allCases) {
        describe(testCase.policy.name, () => {
            it("passes the compliant baseline", async () => {
                const violations = await violationsOf(testCase.policy, testCase.baseline(), { tier: testCase.tier });
                expect(violations.map((v) => `${v.name}: ${v.message}`)).to.deep.equal([]);
            });

            for (const mutation of testCase.mutations) {
                it(`${mutation.expectNone ? "accepts" : "rejects"}: ${mutation.title}`, async () => {
                    const resources = mutate(testCase.baseline(), mutation);
                    const violations = await violationsOf(testCase.policy, resources, { tier: mutation.tier ?? testCase.tier, config: mutation.config });
                    const messages = violations.map((v) => v.message);
                    if (mutation.expectNone) {
                        expect(messages).to.deep.equal([]);
                        return;
                    }
                    expect(violations.every((v) => v.policy === testCase.policy.name)).to.equal(true);
                    expect(messages.some((message) => mutation.message!.test(message)), `expected ${mutation.message} in ${JSON.stringify(messages)}`).to.equal(true);
                });
            }
        });
    }
});
