// GCP and Azure pricing worked out by hand from the price files' published numbers: the HA
// doubling, groups priced at their autoscaler's minimum, usage shared as stated.
import { expect } from "chai";
import { budgetFromResult, estimateCost } from "../../tools/insights/cost";
import { UsageAssumptions } from "../../tools/insights/usage";
import { resource, result, urn } from "./fixtures";

const USAGE: UsageAssumptions = {
    natDataGb: 100,
    loadBalancerLcu: 1,
    internetEgressGb: 50,
    logIngestGb: 10,
    objectStorageGb: 0,
    objectWriteThousands: 0,
    accessLogStorageGb: 0,
    wafRequestsMillions: 2,
    queueRequestsMillions: 0,
};

const near = (actual: number | undefined, expected: number): void => {
    expect(actual).to.be.closeTo(Math.round(expected * 100) / 100, 0.011);
};

describe("insights: GCP cost", () => {
    const TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate";
    const GROUP = "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager";
    const stack = result(
        [
            resource("pulumi:providers:gcp", "fixture-gcp", { region: "us-central1", project: "acme" }),
            resource(TEMPLATE, "web-template", { machineType: "e2-standard-4", disks: [{ diskSizeGb: 20, diskType: "pd-balanced", boot: true }] }),
            resource(GROUP, "web-group", { baseInstanceName: "web" }, [urn(TEMPLATE, "web-template")]),
            resource("gcp:compute/regionAutoscaler:RegionAutoscaler", "web-autoscaler", { autoscalingPolicy: { minReplicas: 3, maxReplicas: 10 } }, [urn(GROUP, "web-group")]),
            resource("gcp:sql/databaseInstance:DatabaseInstance", "db", { settings: { tier: "db-custom-4-16384", availabilityType: "REGIONAL", diskSize: 100, diskType: "PD_SSD" } }),
            resource("gcp:redis/instance:Instance", "redis", { tier: "STANDARD_HA", memorySizeGb: 5, replicaCount: 2 }),
            resource("gcp:compute/routerNat:RouterNat", "nat", {}),
            resource("gcp:billing/budget:Budget", "budget", { amount: { specifiedAmount: { currencyCode: "USD", units: "5000" } } }),
            resource("gcp:compute/firewall:Firewall", "deny-all", {}),
        ],
        "production-medium",
        "gcp",
    );
    const estimate = estimateCost(stack, { assumptions: USAGE });
    const item = (name: string) => estimate.items.find((i) => i.urn.endsWith(`::${name}`))?.monthly;

    it("prices a group at its autoscaler's minimum from its template's machine type and disks", () => {
        near(item("web-group"), 3 * 730 * 0.134012 + 3 * 20 * 0.1); // 3 x e2-standard-4, 20 GB pd-balanced each
    });

    it("doubles a REGIONAL Cloud SQL instance: vCPUs, memory and disk", () => {
        near(item("db"), 2 * (4 * 730 * 0.0413 + 16 * 730 * 0.007) + 2 * 100 * 0.17);
    });

    it("prices a Standard Memorystore instance per GB in its capacity band, with the second read replica added", () => {
        near(item("redis"), 5 * 730 * 0.054 + 5 * 730 * 0.054 * 0.5); // M2 band; the pair plus one further replica
    });

    it("bills Cloud NAT per VM behind it and per GB processed", () => {
        near(item("nat"), 3 * 730 * 0.0014 + 100 * 0.045);
    });

    it("lists free types with their reason and reads the budget", () => {
        expect(estimate.free.map((f) => f.type)).to.include("gcp:compute/firewall:Firewall");
        expect(estimate.unpriced).to.deep.equal([]);
        expect(budgetFromResult(stack)).to.equal(5000);
    });
});

describe("insights: Azure cost", () => {
    const SET = "azure-native:compute:VirtualMachineScaleSet";
    const stack = result(
        [
            resource("pulumi:providers:azure-native", "fixture-azure", { location: "eastus" }),
            resource(SET, "web-vmss", { sku: { name: "Standard_D4s_v5", capacity: 3 }, virtualMachineProfile: { storageProfile: { osDisk: { diskSizeGB: 64, managedDisk: { storageAccountType: "Premium_LRS" } } } } }),
            resource("azure-native:monitor:AutoscaleSetting", "web-autoscale", { profiles: [{ capacity: { minimum: "3", maximum: "10", default: "3" } }] }, [urn(SET, "web-vmss")]),
            resource("azure-native:dbforpostgresql:Server", "db", { sku: { name: "Standard_E4ds_v5", tier: "MemoryOptimized" }, storage: { storageSizeGB: 512 }, highAvailability: { mode: "ZoneRedundant" } }),
            resource("azure-native:redis:Redis", "redis", { sku: { name: "Premium", family: "P", capacity: 1 }, shardCount: 3, replicasPerPrimary: 2 }),
            resource("azure-native:network:ApplicationGateway", "gateway", { sku: { name: "WAF_v2", tier: "WAF_v2" }, autoscaleConfiguration: { minCapacity: 2, maxCapacity: 10 } }),
            resource("azure-native:consumption:Budget", "budget", { amount: 5000, timeGrain: "Monthly" }),
            resource("azure-native:network:NetworkSecurityGroup", "nsg", {}),
        ],
        "production-medium",
        "azure",
    );
    const estimate = estimateCost(stack, { assumptions: USAGE });
    const item = (name: string) => estimate.items.find((i) => i.urn.endsWith(`::${name}`))?.monthly;

    it("prices a scale set at its autoscale minimum with its OS disks by size step", () => {
        near(item("web-vmss"), 3 * 730 * 0.192 + 3 * 10.21); // 3 x D4s_v5, a P6 (64 GiB) disk each
    });

    it("doubles a zone-redundant flexible server: compute and storage", () => {
        near(item("db"), 2 * 730 * 0.488 + 2 * 512 * 0.115);
    });

    it("prices Premium Redis per shard, with replicas beyond the first", () => {
        near(item("redis"), 3 * 730 * 0.554 + 3 * 730 * 0.554 * 0.5); // 3 shards of P1, one further replica each
    });

    it("prices a WAF_v2 gateway's fixed hours and the ten capacity units each minimum instance reserves", () => {
        near(item("gateway"), 730 * 0.36 + 20 * 730 * 0.0144 + 50 * 0.087);
    });

    it("lists free types with their reason and reads the budget", () => {
        expect(estimate.free.map((f) => f.type)).to.include("azure-native:network:NetworkSecurityGroup");
        expect(estimate.unpriced).to.deep.equal([]);
        expect(estimate.region).to.equal("eastus");
        expect(budgetFromResult(stack)).to.equal(5000);
    });
});
