import { expect } from "chai";
import { blocksNeeded, cidrsOverlap, isNetworkAddress, parseIpv4Cidr, subnetLayout } from "../config/cidr";

describe("subnet layout (idea-management network design)", () => {
    it("places public, app and data /24s at the document's addresses in 10.0.0.0/16", () => {
        const layout = subnetLayout("10.0.0.0/16", 2);
        expect(layout.map((s) => s.publicCidr)).to.deep.equal(["10.0.1.0/24", "10.0.2.0/24"]);
        expect(layout.map((s) => s.appCidr)).to.deep.equal(["10.0.10.0/24", "10.0.11.0/24"]);
        expect(layout.map((s) => s.dataCidr)).to.deep.equal(["10.0.20.0/24", "10.0.21.0/24"]);
    });

    it("adds a third zone at the next /24 of each block", () => {
        const third = subnetLayout("10.0.0.0/16", 3)[2];
        expect(third).to.deep.equal({ zoneIndex: 2, publicCidr: "10.0.3.0/24", appCidr: "10.0.12.0/24", dataCidr: "10.0.22.0/24" });
    });

    it("keeps the same offsets in another private range", () => {
        const [first] = subnetLayout("172.20.0.0/16", 1);
        expect(first).to.deep.equal({ zoneIndex: 0, publicCidr: "172.20.1.0/24", appCidr: "172.20.10.0/24", dataCidr: "172.20.20.0/24" });
    });

    it("fits three zones in a /19 but not in a /20", () => {
        expect(subnetLayout("10.8.0.0/19", 3)).to.have.length(3);
        expect(() => subnetLayout("10.8.0.0/20", 3)).to.throw(/cannot hold/);
        expect(blocksNeeded(3)).to.equal(23);
    });

    it("every subnet of a layout lies inside the VPC and none overlap", () => {
        const layout = subnetLayout("10.0.0.0/16", 3);
        const all = layout.flatMap((s) => [s.publicCidr, s.appCidr, s.dataCidr]);
        for (const cidr of all) {
            expect(cidrsOverlap(cidr, "10.0.0.0/16"), cidr).to.equal(true);
        }
        for (let i = 0; i < all.length; i++) {
            for (let j = i + 1; j < all.length; j++) {
                expect(cidrsOverlap(all[i], all[j]), `${all[i]} vs ${all[j]}`).to.equal(false);
            }
        }
    });
});

describe("CIDR parsing", () => {
    it("rejects malformed ranges", () => {
        for (const bad of ["10.0.0.0", "10.0.0.0/33", "10.0.0/16", "300.0.0.0/16", "abc", "10.0.0.0/-1"]) {
            expect(parseIpv4Cidr(bad), bad).to.equal(undefined);
        }
    });

    it("tells a network address from one with host bits set", () => {
        expect(isNetworkAddress(parseIpv4Cidr("10.0.0.0/16")!)).to.equal(true);
        expect(isNetworkAddress(parseIpv4Cidr("10.0.0.1/16")!)).to.equal(false);
    });

    it("detects overlap in both directions and across families", () => {
        expect(cidrsOverlap("172.16.0.0/12", "172.17.0.0/16")).to.equal(true);
        expect(cidrsOverlap("172.17.0.0/16", "172.16.0.0/12")).to.equal(true);
        expect(cidrsOverlap("10.0.0.0/16", "10.1.0.0/16")).to.equal(false);
        expect(cidrsOverlap("10.0.0.0/16", "::/0")).to.equal(false);
    });
});
