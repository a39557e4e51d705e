// The LMS document's cost levers: spot workers above an on-demand base, scale-to-zero outside
// working hours, ARM instances; built on each cloud's VMs and priced next to the estimate.
import { expect } from "chai";
import awsPrices from "../tools/prices/aws.json";
import azurePrices from "../tools/prices/azure.json";
import gcpPrices from "../tools/prices/gcp.json";
import { estimateCost } from "../tools/insights/cost";
import { amazonLinuxImage, instanceTypeFor, spotInstanceTypesFor } from "../providers/aws/sizes";
import { bootImageFor, machineTypeFor } from "../providers/gcp/sizes";
import { vmSizeFor } from "../providers/azure/sizes";
import { windowsTimeZone } from "../providers/azure/timeZones";
import { scheduledProfiles, scheduleZoneProblems } from "../providers/azure/capacity";
import { scheduledBounds } from "../providers/gcp/capacity";
import { cronAt, hoursOffPerWeek, hoursOnPerWeek } from "../providers/vm/schedule";
import { capacityProblems } from "../providers/vm/capacity";
import { PlatformSpec, ServiceSpec } from "../tiers/types";
import { build, buildStackFile, cloudTierConfig, inputs, ofType, one, WEB_SERVICE, WORKER_SERVICE } from "./helpers/stacks";

const WEEKDAYS_7_TO_19 = { days: ["Mon", "Tue", "Wed", "Thu", "Fri"], start: "07:00", stop: "19:00", timezone: "America/New_York" } as const;
/** The LMS document: "Spot Instances: 70-90% savings for fault-tolerant workloads". */
const DOCUMENT_SPOT_RANGE = [0.7, 0.9];


describe("cost levers: the schedule's arithmetic and each cloud's spelling of it", () => {
    it("weekdays 07:00-19:00 run 60 hours a week and are off 108 of 168", () => {
        expect(hoursOnPerWeek({ ...WEEKDAYS_7_TO_19, days: [...WEEKDAYS_7_TO_19.days] })).to.equal(60);
        expect(hoursOffPerWeek({ ...WEEKDAYS_7_TO_19, days: [...WEEKDAYS_7_TO_19.days] })).to.equal(108);
        expect(hoursOffPerWeek({ days: ["Sat"], start: "09:30", stop: "10:00" })).to.equal(167.5);
    });

    it("cron fires at the minute and hour on the days in week order, Sunday as 0", () => {
        expect(cronAt("07:00", ["Mon", "Tue", "Wed", "Thu", "Fri"])).to.equal("0 7 * * 1,2,3,4,5");
        expect(cronAt("19:30", ["Sun", "Sat"])).to.equal("30 19 * * 6,0");
    });

    it("IANA zones map to Azure's Windows names; an unmapped zone is refused naming the key", () => {
        expect(windowsTimeZone("America/New_York")).to.equal("Eastern Standard Time");
        expect(windowsTimeZone("Europe/Berlin")).to.equal("W. Europe Standard Time");
        expect(windowsTimeZone("Europe/Paris")).to.equal("Romance Standard Time");
        expect(windowsTimeZone("Asia/Kolkata")).to.equal("India Standard Time");
        expect(windowsTimeZone("UTC")).to.equal("UTC");
        expect(windowsTimeZone("America/Boise")).to.equal(undefined);
        const spec = { appFleet: { schedule: { ...WEEKDAYS_7_TO_19, days: ["Mon"], timezone: "America/Boise" } } } as unknown as PlatformSpec;
        expect(scheduleZoneProblems(spec)[0]).to.match(/^platform:schedule\.timezone: "America\/Boise" has no Windows time zone name.*allowed: UTC/);
    });

    const svc = { name: "web", minReplicas: 2, maxReplicas: 6 } as ServiceSpec;
    const schedule = { ...WEEKDAYS_7_TO_19, days: [...WEEKDAYS_7_TO_19.days] };

    it("azure: a working-hours profile from start and a zero profile from stop, in the zone's Windows name", () => {
        const [working, off] = scheduledProfiles({ name: "replicas", capacity: { minimum: "2", maximum: "6", default: "2" }, rules: [] }, schedule);
        expect(working.recurrence).to.deep.equal({ frequency: "Week", schedule: { timeZone: "Eastern Standard Time", days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], hours: [7], minutes: [0] } });
        expect(working.capacity).to.deep.equal({ minimum: "2", maximum: "6", default: "2" });
        expect(off.capacity).to.deep.equal({ minimum: "0", maximum: "0", default: "0" });
        expect((off.recurrence as { schedule: { hours: number[] } }).schedule.hours).to.deep.equal([19]);
    });

    it("gcp: the autoscaler may reach zero and a 12-hour scaling schedule holds the minimum", () => {
        expect(scheduledBounds(svc, undefined)).to.deep.equal({ minReplicas: 2 });
        const bounds = scheduledBounds(svc, schedule);
        expect(bounds.minReplicas).to.equal(0);
        expect(bounds.scalingSchedules?.[0]).to.include({ schedule: "0 7 * * 1,2,3,4,5", durationSec: 12 * 3600, minRequiredReplicas: 2, timeZone: "America/New_York" });
    });
});

describe("cost levers: ARM and spot types per cloud", () => {
    const shape = { vcpus: 2, memoryGb: 8 };
    it("arm64 maps each shape to Graviton, Tau T2A and Cobalt 100 with the arm64 image; x86_64 stays the default", () => {
        expect(instanceTypeFor(shape)).to.equal("t3.large");
        expect(instanceTypeFor(shape, "arm64")).to.equal("t4g.large");
        expect(instanceTypeFor({ vcpus: 8, memoryGb: 32 }, "arm64")).to.equal("m7g.2xlarge");
        expect(amazonLinuxImage("arm64")).to.match(/al2023-ami-kernel-default-arm64$/);
        expect(machineTypeFor(shape, "arm64")).to.equal("t2a-standard-2");
        expect(bootImageFor("arm64")).to.equal("projects/debian-cloud/global/images/family/debian-12-arm64");
        expect(vmSizeFor(shape, "arm64")).to.equal("Standard_D2ps_v6");
        expect(vmSizeFor({ vcpus: 2, memoryGb: 4 }, "arm64")).to.equal("Standard_D2pls_v6");
    });

    it("a spot group may launch three types of its shape, its own first", () => {
        expect(spotInstanceTypesFor(shape, "x86_64")).to.deep.equal(["t3.large", "t3a.large", "m6i.large"]);
        expect(spotInstanceTypesFor(shape, "arm64")[0]).to.equal("t4g.large");
    });

    it("the price books state the spot discounts used; Azure's and GCP's E2/N2 fall in the document's 70-90 %, AWS's m6i/m7g and GCP's T2A below it", () => {
        const discounts = (items: Record<string, { price: number }>, prefix: string) =>
            Object.fromEntries(Object.entries(items).filter(([key]) => key.startsWith(prefix)).map(([key, item]) => [key.slice(prefix.length), item.price]));
        expect(discounts(awsPrices.items, "ec2-spot-discount:")).to.deep.equal({ t3: 0.7, t4g: 0.7, m6i: 0.62, m7g: 0.6 });
        expect(discounts(gcpPrices.items, "gce-spot-discount:")).to.deep.equal({ e2: 0.7, n2: 0.76, t2a: 0.6 });
        const azure = discounts(azurePrices.items, "vm-spot-discount:");
        for (const discount of Object.values(azure)) {
            expect(discount).to.be.within(DOCUMENT_SPOT_RANGE[0], DOCUMENT_SPOT_RANGE[1]);
        }
    });

    it("arm64 on the cluster runtime is refused, naming the key", () => {
        const spec = { runtime: "kubernetes", cloud: "aws", appFleet: { services: [{ capacity: { architecture: "arm64" } }] } } as unknown as PlatformSpec;
        expect(capacityProblems(spec)).to.deep.equal([`platform:services[0].architecture: "arm64", but on runtime kubernetes the aws node pool is x86_64 and an arm64 image would not start there; remove it or use runtime vm`]);
    });
});

describe("cost levers: the shipped stacks", () => {
    it("ideation: the Celery workers run spot above 2 on-demand instances of three 2 vCPU / 8 GiB types, the API never on spot", async () => {
        const result = await buildStackFile("ideation");
        const worker = inputs(one(result, "aws:autoscaling/group:Group", "worker-group"));
        expect(worker.minSize).to.equal(2);
        expect(worker.capacityRebalance).to.equal(true);
        expect(worker.mixedInstancesPolicy.instancesDistribution).to.deep.equal({
            onDemandBaseCapacity: 2,
            onDemandPercentageAboveBaseCapacity: 0,
            onDemandAllocationStrategy: "prioritized",
            spotAllocationStrategy: "price-capacity-optimized",
        });
        expect(worker.mixedInstancesPolicy.launchTemplate.overrides.map((o: { instanceType: string }) => o.instanceType)).to.deep.equal(["t3.large", "t3a.large", "m6i.large"]);
        const api = inputs(one(result, "aws:autoscaling/group:Group", "api-group"));
        expect(api.mixedInstancesPolicy).to.equal(undefined);
        expect(api.launchTemplate).to.not.equal(undefined);
        expect(ofType(result, "aws:autoscaling/schedule:Schedule")).to.have.length(0);
    });

    it("ideation: the plan prices spot at 70 % off t3.large on the 8 workers above the base at the maximum, nothing at the minimum", async () => {
        const levers = estimateCost(await buildStackFile("ideation")).levers!;
        const spot = levers.items.find((item) => item.lever === "spot")!;
        expect(spot.on).to.equal(true);
        expect(spot.monthly).to.equal(0);
        expect(spot.monthlyAtMax).to.be.closeTo(8 * 0.0832 * 730 * 0.7, 0.01);
        expect(levers.notApplicable.map((item) => item.lever)).to.deep.equal(["schedule"]);
        const arm = levers.items.find((item) => item.lever === "arm")!;
        expect(arm.on).to.equal(false);
        expect(arm.monthly).to.be.closeTo(4 * (0.0832 - 0.0672) * 730, 0.01);
    });

    it("dev: every group goes to its range at 07:00 and to zero at 19:00, Monday to Friday, New York time; the plan counts 108 of 168 hours off", async () => {
        const result = await buildStackFile("dev");
        const actions = ofType(result, "aws:autoscaling/schedule:Schedule").map(inputs);
        const groups = ofType(result, "aws:autoscaling/group:Group").filter((group) => !group.name.includes("bastion"));
        expect(actions).to.have.length(2 * groups.length);
        const start = actions.find((action) => action.recurrence === "0 7 * * 1,2,3,4,5")!;
        const stop = actions.find((action) => action.recurrence === "0 19 * * 1,2,3,4,5")!;
        expect(start).to.include({ timeZone: "America/New_York", minSize: 1, desiredCapacity: 1 });
        expect(stop).to.include({ timeZone: "America/New_York", minSize: 0, maxSize: 0, desiredCapacity: 0 });
        const estimate = estimateCost(result);
        const scheduled = estimate.levers!.items.find((item) => item.lever === "schedule")!;
        expect(scheduled.on).to.equal(true);
        const fleet = estimate.items.filter((item) => item.type === "aws:autoscaling/group:Group" && !item.urn.includes("bastion"));
        const instanceHours = groups.reduce((sum, group) => sum + inputs(group).minSize * 0.0416 * 730, 0);
        expect(fleet.length).to.equal(groups.length);
        expect(scheduled.monthly).to.be.closeTo((instanceHours * 108) / 168, 0.01);
    });

    it("azure staging: the schedule is two recurring profiles, arm64 runs Cobalt on the arm64 Ubuntu image, a spot worker is a regular set of its base and a Spot set", async () => {
        const worker = { ...WORKER_SERVICE, minReplicas: 2, maxReplicas: 5, spot: true, onDemandBase: 1 };
        const result = await build(
            "levers-azure",
            cloudTierConfig("azure", "staging", { services: [{ ...WEB_SERVICE, architecture: "arm64" }, worker], schedule: { ...WEEKDAYS_7_TO_19, days: [...WEEKDAYS_7_TO_19.days], timezone: "Europe/Berlin" } }),
        );
        const regular = inputs(one(result, "azure-native:compute:VirtualMachineScaleSet", "worker-scale-set"));
        const spot = inputs(one(result, "azure-native:compute:VirtualMachineScaleSet", "worker-spot-scale-set"));
        expect(regular.virtualMachineProfile.priority).to.equal(undefined);
        expect(spot.virtualMachineProfile).to.include({ priority: "Spot", evictionPolicy: "Delete" });
        expect(spot.virtualMachineProfile.billingProfile).to.deep.equal({ maxPrice: -1 });
        const capacity = (suffix: string) => inputs(one(result, "azure-native:monitor:AutoscaleSetting", suffix)).profiles[0].capacity;
        expect(capacity("worker-autoscale")).to.deep.equal({ minimum: "1", maximum: "1", default: "1" });
        expect(capacity("worker-spot-autoscale")).to.deep.equal({ minimum: "1", maximum: "4", default: "1" });
        const set = inputs(one(result, "azure-native:compute:VirtualMachineScaleSet", "web-scale-set"));
        expect(set.sku.name).to.equal("Standard_D2ps_v6");
        expect(set.virtualMachineProfile.storageProfile.imageReference.sku).to.equal("server-arm64");
        const profiles = inputs(one(result, "azure-native:monitor:AutoscaleSetting", "web-autoscale")).profiles;
        expect(profiles.map((profile: { name: string }) => profile.name)).to.deep.equal(["working-hours", "off-hours"]);
        expect(profiles[0].recurrence.schedule.timeZone).to.equal("W. Europe Standard Time");
        const levers = estimateCost(result).levers!;
        expect(levers.items.map((item) => [item.lever, item.on])).to.deep.equal([
            ["spot", true],
            ["schedule", true],
            ["arm", true],
        ]);
        expect(spot.sku.name).to.equal("Standard_D2s_v5");
        expect(levers.items[0].monthly).to.be.closeTo(1 * 0.096 * 730 * 0.8, 0.01);
    });
});
