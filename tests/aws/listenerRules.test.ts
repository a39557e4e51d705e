// Listener rule priorities are a pure function of the service names.
import { expect } from "chai";
import { rulePriorities } from "../../providers/aws/common";

describe("AWS listener rule priorities", () => {
    it("depend on the service's name, not its position: reordering or inserting services keeps every existing rule's priority", () => {
        const before = rulePriorities(["api", "admin"]);
        const after = rulePriorities(["pricing", "admin", "search", "api"]);
        expect(after.api).to.equal(before.api);
        expect(after.admin).to.equal(before.admin);
        const all = Object.values(after);
        expect(new Set(all).size).to.equal(all.length);
        // ALB accepts 1 to 50,000.
        expect(all.every((priority) => Number.isInteger(priority) && priority >= 1 && priority <= 50000)).to.equal(true);
    });

    it("stay unique when names collide on the hash", () => {
        const names = Array.from({ length: 2000 }, (_, index) => `service-${index}`);
        const priorities = Object.values(rulePriorities(names));
        expect(new Set(priorities).size).to.equal(2000);
    });
});
