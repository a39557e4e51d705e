import { expect } from "chai";
import { diagramDot, renderDiagram } from "../../tools/insights/diagram";
import { build, buildStackFile, tierConfig } from "../helpers/stacks";
import { resource, result } from "./fixtures";

/** Graphviz writes "-" as "&#45;" in SVG text. */
const text = (svg: string): string => svg.replace(/&#45;/g, "-").replace(/&amp;/g, "&");

const TIERS = ["development", "staging", "production-small", "production-medium", "production-large"];

describe("insights: diagram", () => {
    for (const tier of TIERS) {
        it(`${tier}: renders valid SVG with the zones, subnets, load balancer, fleets and database`, async () => {
            const stack = await build(`t-${tier}`, tierConfig(tier));
            const dot = diagramDot(stack);
            const zones = new Set(stack.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet").map((r) => r.inputs.availabilityZone as string));
            for (const zone of zones) {
                expect(dot).to.include(`label="${zone}"`);
            }
            const subnets = stack.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet");
            expect(dot.match(/subgraph "cluster_subnet_/g)).to.have.length(subnets.length);
            const lb = stack.resources.find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")!;
            const dbs = stack.resources.filter((r) => r.type === "aws:rds/instance:Instance");
            expect(dot).to.include(lb.name);
            dbs.forEach((db) => expect(dot).to.include(db.name));
            expect(dot).to.match(/\d+-\d+ x (t3|m6i)\./);

            const svg = text(await renderDiagram(stack));
            expect(svg.startsWith("<?xml") || svg.startsWith("<svg")).to.equal(true);
            expect(svg).to.include("</svg>");
            expect(svg).to.include(lb.name);
            dbs.forEach((db) => expect(svg).to.include(db.name));
        });
    }

    it("draws the application contract: the credentials function creates the app role and keeps the secrets the fleets read", async () => {
        const prod = await buildStackFile("prod");
        const dot = diagramDot(prod);
        const secrets = prod.resources.filter((r) => r.type === "aws:secretsmanager/secret:Secret").length;
        expect(dot).to.include(`${secrets} secrets`);
        expect(dot.match(/label="creates the app role"/g)).to.have.length(1);
        expect(dot.match(/label="writes, rotates"/g)).to.have.length(1);
        expect(dot.match(/label="reads at boot"/g)).to.have.length(1);
    });

    it("production-large: draws both read replicas off the primary and the sharded cache", async () => {
        const dot = diagramDot(await build("t-production-large", tierConfig("production-large")));
        expect(dot.match(/label="replicates"/g)).to.have.length(2);
        expect(dot).to.include("3 shards");
        // The LMS document's search cluster: 3 data nodes and 3 dedicated managers, used by every app fleet.
        expect(dot).to.include("OpenSearch_2.19: 3 x m7g.2xlarge.search + 3 x m7g.large.search managers");
        expect(dot.match(/label="search \(HTTPS\)"/g)?.length).to.be.greaterThan(0);
    });

    it("the shipped dev stack (no domain, no WAF) still renders", async () => {
        const svg = text(await renderDiagram(await buildStackFile("dev")));
        expect(svg).to.include("platform-dev-app-lb").and.include("platform-dev-db-primary").and.include("</svg>");
    });

    it("a cloud without a view falls back to one box per component", async () => {
        const other = result([resource("platform:index:Database", "db"), resource("openstack:database/instance:Instance", "sql", {}, [], { parent: "urn:pulumi:fixture::platform::platform:index:Database::db" })], "production-medium", "openstack");
        const dot = diagramDot(other);
        expect(dot).to.include("Database\\n1 resources");
        expect(await renderDiagram(other)).to.include("</svg>");
    });
});
