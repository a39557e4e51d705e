// The stack file's JSON Schema (schema/stack.schema.json): generated from the program's own config
// schema and kept in step with it, accepting every shipped stack and flagging what editors should.

import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { renderSchema, SCHEMA_FILE } from "../tools/stackSchema";

const ROOT = path.join(__dirname, "..");
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true }).compile(schema);

function errorsOf(document: unknown): string[] {
    return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message}`);
}

const minimal = (config: Record<string, unknown> = {}) => ({
    config: {
        "platform:cloud": "aws",
        "platform:tier": "development",
        "platform:services": [{ name: "web", image: "ghcr.io/acme/lms:1.0", port: 3000 }],
        ...config,
    },
});

describe("stack file JSON Schema", () => {
    it("is the file the program generates (npm run schema)", () => {
        expect(fs.readFileSync(SCHEMA_FILE, "utf8")).to.equal(renderSchema());
    });

    for (const file of fs.readdirSync(ROOT).filter((name) => /^Pulumi\..+\.yaml$/.test(name))) {
        it(`accepts the shipped ${file}`, () => {
            expect(errorsOf(YAML.parse(fs.readFileSync(path.join(ROOT, file), "utf8")))).to.deep.equal([]);
        });
    }

    it("accepts the strings `pulumi config set` writes, secrets and other namespaces' keys", () => {
        expect(errorsOf(minimal({ "platform:concurrentUsers": "5000", "platform:pooling": "true", "platform:domain": { secure: "v1:abc" }, "aws:region": "us-east-1" }))).to.deep.equal([]);
    });

    it("flags an unknown platform key, a value outside a list and a misspelled nested field", () => {
        expect(errorsOf(minimal({ "platform:regoin": "us-east-1" })).join("\n")).to.include("property name");
        expect(errorsOf(minimal({ "platform:tier": "prod" })).join("\n")).to.include("should be equal to one of the allowed values");
        expect(errorsOf(minimal({ "platform:vpn": { enabled: true, peerCidr: ["192.168.0.0/16"] } })).join("\n")).to.include("should NOT have additional properties");
        expect(errorsOf(minimal({ "platform:services": [{ name: "web", image: "i", port: 70000 }] })).join("\n")).to.include("should be <= 65535");
        expect(errorsOf(minimal({ "platform:schedule": { days: ["Monday"], start: "07:00", stop: "19:00", timezone: "UTC" } })).join("\n")).to.include("allowed values");
    });

    it("requires the cloud, the tier and the services", () => {
        const errors = errorsOf({ config: { "platform:region": "us-east-1" } }).join("\n");
        for (const key of ["platform:cloud", "platform:tier", "platform:services"]) {
            expect(errors).to.include(key);
        }
    });
});
