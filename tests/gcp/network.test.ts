// The idea-management document's network on GCP, checked on what the offline engine recorded:
// the layout's CIDRs, flow logs, Cloud NAT, private services access and a firewall that lets
// each tier reach only the next one. Expected values are written from the documents.

import { expect } from "chai";
import { SynthResult } from "../../tools/synth";
import { build, Inputs, inputs, ofType, one, tierConfig } from "../helpers/stacks";
import { privateServicesRangeFor } from "../../providers/gcp/network";
import { zonesFor } from "../../providers/gcp/names";

const GCP = { cloud: "gcp", region: "us-central1", gcpProject: "acme-platform" };
const FIREWALL = "gcp:compute/firewall:Firewall";
const GOOGLE_FRONT_ENDS = ["130.211.0.0/22", "35.191.0.0/16"];

function firewall(result: SynthResult, role: string): Inputs {
    return inputs(one(result, FIREWALL, `-fw-${role}`));
}

function rules(result: SynthResult): Inputs[] {
    return ofType(result, FIREWALL).map(inputs);
}

describe("GCP network (providers/gcp/network.ts, firewall.ts)", function () {
    this.timeout(600000);
    let prod: SynthResult;
    let admin: SynthResult;
    let large: SynthResult;
    before(async () => {
        prod = await build("prod", tierConfig("production-medium", GCP));
        admin = await build("prod", tierConfig("production-medium", { ...GCP, adminCidrs: ["203.0.113.0/24"] }));
        large = await build("prod", tierConfig("production-large", GCP));
    });

    it("enables every API the platform calls and leaves them enabled on destroy", () => {
        const apis = ofType(prod, "gcp:projects/service:Service").map(inputs);
        expect(apis.map((api) => api.service)).to.include.members([
            "compute.googleapis.com",
            "servicenetworking.googleapis.com",
            "sqladmin.googleapis.com",
            "redis.googleapis.com",
            "secretmanager.googleapis.com",
            "cloudkms.googleapis.com",
            "monitoring.googleapis.com",
            "logging.googleapis.com",
            "pubsub.googleapis.com",
            "iap.googleapis.com",
            "dns.googleapis.com",
            "run.googleapis.com",
            "cloudscheduler.googleapis.com",
            "billingbudgets.googleapis.com",
            "cloudresourcemanager.googleapis.com",
            "iam.googleapis.com",
            "networkconnectivity.googleapis.com",
        ]);
        expect(apis.every((api) => api.disableOnDestroy === false && api.project === "acme-platform")).to.equal(true);
    });

    it("custom-mode VPC with one regional subnetwork per role at 10.0.1.0/24, 10.0.10.0/24, 10.0.20.0/24", () => {
        const vpc = inputs(one(prod, "gcp:compute/network:Network"));
        expect([vpc.autoCreateSubnetworks, vpc.deleteDefaultRoutesOnCreate]).to.deep.equal([false, false]);
        const subnets = ofType(prod, "gcp:compute/subnetwork:Subnetwork").filter((r) => r.name.startsWith("platform-prod-network-")).map(inputs);
        expect(subnets.map((subnet) => subnet.ipCidrRange).sort()).to.deep.equal(["10.0.1.0/24", "10.0.10.0/24", "10.0.20.0/24"]);
        for (const subnet of subnets) {
            expect(subnet.region).to.equal("us-central1");
            expect(subnet.privateIpGoogleAccess).to.equal(true);
            expect(subnet.logConfig).to.deep.equal({ aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" });
        }
    });

    it("Cloud NAT for the app subnetwork only, logging its errors; nothing but the bastion gets a public address", () => {
        const nat = inputs(one(prod, "gcp:compute/routerNat:RouterNat"));
        expect(nat.sourceSubnetworkIpRangesToNat).to.equal("LIST_OF_SUBNETWORKS");
        expect(nat.subnetworks).to.deep.equal([{ name: "platform-prod-network-app-id", sourceIpRangesToNats: ["ALL_IP_RANGES"] }]);
        expect(nat.logConfig).to.deep.equal({ enable: true, filter: "ERRORS_ONLY" });
        expect(ofType(prod, "gcp:compute/instance:Instance")).to.deep.equal([]);
        expect(ofType(prod, "gcp:compute/instanceTemplate:InstanceTemplate").every((t) => (inputs(t).networkInterfaces ?? []).every((nic: Inputs) => !nic.accessConfigs))).to.equal(true);
    });

    it("private services access: a /20 at the top of 10.0.0.0/16 peered with Google's services", () => {
        const range = inputs(one(prod, "gcp:compute/globalAddress:GlobalAddress", "-network-services-range"));
        expect([range.purpose, range.addressType, range.address, range.prefixLength]).to.deep.equal(["VPC_PEERING", "INTERNAL", "10.0.240.0", 20]);
        const connection = inputs(one(prod, "gcp:servicenetworking/connection:Connection"));
        expect(connection.service).to.equal("servicenetworking.googleapis.com");
        expect(connection.reservedPeeringRanges).to.deep.equal(["platform-prod-network-services-range"]);
    });

    it("the load balancer's and health checkers' ranges reach only the service port on app instances", () => {
        const lb = firewall(prod, "lb");
        expect(lb.direction).to.equal("INGRESS");
        expect(lb.sourceRanges).to.deep.equal(GOOGLE_FRONT_ENDS);
        expect(lb.allows).to.deep.equal([{ protocol: "tcp", ports: ["3000"] }]);
        expect(lb.targetTags).to.deep.equal(["platform-prod-app"]);
        // Nothing is open to the internet but through the load balancer.
        const world = rules(prod).filter((rule) => rule.direction === "INGRESS" && rule.sourceRanges?.includes("0.0.0.0/0"));
        expect(world.map((rule) => [rule.priority, rule.denies])).to.deep.equal([[65534, [{ protocol: "all" }]]]);
    });

    it("PostgreSQL 5432, its managed pool 6432 and Redis (TLS 6378) only from app instances and the credentials job; everything else denied at the lowest priority", () => {
        const data = firewall(prod, "data-egress");
        expect(data.direction).to.equal("EGRESS");
        // Pooling is on from staging: Cloud SQL's managed pool listens on 6432.
        expect(data.allows).to.deep.equal([{ protocol: "tcp", ports: ["5432", "6432", "6378"] }]);
        expect(data.destinationRanges).to.deep.equal(["10.0.240.0/20", "10.0.20.0/24"]);
        expect(data.targetTags).to.deep.equal(["platform-prod-app", "platform-prod-credentials"]);
        for (const direction of ["ingress", "egress"]) {
            const deny = firewall(prod, `deny-${direction}`);
            expect([deny.priority, deny.denies, deny.targetTags]).to.deep.equal([65534, [{ protocol: "all" }], undefined]);
        }
        // No other rule allows the data ports.
        const dataPorts = rules(prod).filter((rule) => (rule.allows ?? []).some((allow: Inputs) => allow.ports?.some((port: string) => ["5432", "6432", "6378", "6379"].includes(port))));
        expect(dataPorts).to.have.length(1);
    });

    it("the Redis cluster's discovery and shard ports in cluster mode (production-large)", () => {
        expect(firewall(large, "data-egress").allows).to.deep.equal([{ protocol: "tcp", ports: ["5432", "6432", "6379", "11000-13047"] }]);
    });

    it("every rule logs with all metadata", () => {
        expect(rules(prod).every((rule) => rule.logConfig?.metadata === "INCLUDE_ALL_METADATA")).to.equal(true);
        expect(rules(admin).every((rule) => rule.logConfig?.metadata === "INCLUDE_ALL_METADATA")).to.equal(true);
    });

    it("no admin ranges: SSH only through IAP's range 35.235.240.0/20, and no bastion", () => {
        const ssh = rules(prod).filter((rule) => (rule.allows ?? []).some((allow: Inputs) => allow.ports?.includes("22")));
        expect(ssh.map((rule) => [rule.sourceRanges, rule.targetTags])).to.deep.equal([[["35.235.240.0/20"], ["platform-prod-app"]]]);
    });

    it("admin ranges: SSH from them to a Shielded, OS Login bastion only, and from the bastion to the app tier", () => {
        const ssh = rules(admin).filter((rule) => rule.direction === "INGRESS" && (rule.allows ?? []).some((allow: Inputs) => allow.ports?.includes("22")));
        expect(ssh.map((rule) => [rule.sourceRanges ?? rule.sourceTags, rule.targetTags])).to.deep.equal([
            [["203.0.113.0/24"], ["platform-prod-bastion"]],
            [["platform-prod-bastion"], ["platform-prod-app"]],
        ]);
        const bastion = inputs(one(admin, "gcp:compute/instance:Instance"));
        expect(bastion.shieldedInstanceConfig).to.deep.equal({ enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
        expect(bastion.metadata).to.deep.equal({ "enable-oslogin": "TRUE", "block-project-ssh-keys": "TRUE" });
        expect(bastion.tags).to.deep.equal(["platform-prod-bastion"]);
        expect(bastion.networkInterfaces[0].subnetwork).to.equal("platform-prod-network-public-id");
        expect(bastion.bootDisk.kmsKeySelfLink).to.equal("platform-prod-network-bastion-key-id");
    });

    it("one key ring, named by Pulumi so a stack brought up again gets a new one, protected in production", () => {
        const ring = one(prod, "gcp:kms/keyRing:KeyRing");
        expect(inputs(ring).name).to.equal(undefined);
        expect(inputs(ring).location).to.equal("us-central1");
        expect(ring.protect).to.equal(true);
    });

    it("computes the private services range above the layout", () => {
        expect(privateServicesRangeFor("10.0.0.0/16", 3)).to.deep.equal({ address: "10.0.240.0", prefixLength: 20, cidr: "10.0.240.0/20" });
        expect(privateServicesRangeFor("172.16.0.0/19", 3).cidr).to.equal("172.16.24.0/21");
        expect(privateServicesRangeFor("10.0.0.0/19", 9).cidr).to.equal("10.0.30.0/23");
    });

    it("names the zones GCP has in regions without an -a zone", () => {
        expect(zonesFor("us-central1", 3)).to.deep.equal(["us-central1-a", "us-central1-b", "us-central1-c"]);
        expect(zonesFor("us-east1", 2)).to.deep.equal(["us-east1-b", "us-east1-c"]);
    });
});
