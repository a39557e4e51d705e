// `-c cloud=<x>` or `--compare cloud=<x>` alone moves a stack to the same place on the other
// cloud: the one-key switch, planned offline.
import { expect } from "chai";
import { moveToCloud, UsageError } from "../tools/stackFile";

const PROD = { "platform:cloud": "aws", "platform:tier": "production-medium", "platform:region": "us-east-1", "platform:services": [{ name: "web", image: "web:1", port: 3000 }] };

describe("moving a stack to another cloud", () => {
    it("keeps the geography: us-east-1 is us-east4 on GCP and eastus on Azure", () => {
        expect(moveToCloud(PROD, ["cloud=gcp"], "prod")).to.include({ "platform:cloud": "gcp", "platform:region": "us-east4", "platform:gcpProject": "platform-prod" });
        expect(moveToCloud(PROD, ["cloud=azure"], "prod")).to.include({ "platform:cloud": "azure", "platform:region": "eastus" });
        const back = moveToCloud({ ...PROD, "platform:cloud": "azure", "platform:region": "northeurope" }, ["cloud=aws"], "prod");
        expect(back["platform:region"]).to.equal("eu-west-1");
    });

    it("lets an explicit region and project win, and drops GCP keys elsewhere", () => {
        expect(moveToCloud(PROD, ["cloud=gcp", "region=us-central1", "gcpProject=my-project"], "prod")).to.include({ "platform:region": "us-central1", "platform:gcpProject": "my-project" });
        const fromGcp = { ...PROD, "platform:cloud": "gcp", "platform:region": "us-central1", "platform:gcpProject": "p-123456" };
        const onAzure = moveToCloud(fromGcp, ["cloud=azure", "region=eastus"], "prod");
        expect(onAzure).to.not.have.property("platform:gcpProject");
    });

    it("moves onto an existing cluster without the keys a cluster refuses: region, schedule, VPN, DR region, spot and ARM", () => {
        const dev = {
            ...PROD,
            "platform:tier": "development",
            "platform:schedule": { days: ["Mon"], start: "07:00", stop: "19:00", timezone: "America/New_York" },
            "platform:vpn": { enabled: true },
            "platform:drRegion": "us-west-2",
            "platform:services": [{ name: "worker", kind: "worker", image: "w:1", spot: true, onDemandBase: 1, architecture: "arm64", minReplicas: 2 }],
        };
        const moved = moveToCloud(dev, ["cloud=kubernetes"], "dev");
        expect(moved).to.deep.equal({ "platform:cloud": "kubernetes", "platform:tier": "development", "platform:services": [{ name: "worker", kind: "worker", image: "w:1", minReplicas: 2 }] });
        expect(dev["platform:services"][0]).to.include({ spot: true }, "the stack read from the file is left as it was");
    });

    it("refuses a region with no known counterpart, naming what to add", () => {
        expect(() => moveToCloud({ ...PROD, "platform:region": "me-south-1" }, ["cloud=gcp"], "prod")).to.throw(UsageError, /add region=<a gcp region>/);
    });

    it("changes nothing when the cloud stays", () => {
        expect(moveToCloud(PROD, ["tier=staging"], "prod")).to.deep.equal({ ...PROD, "platform:tier": "staging" });
    });
});
