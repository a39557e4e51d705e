// The credentials function as the Lambda runtime gets it: one file, PostgreSQL's client inside,
// nothing required at run time but Node's own modules and the runtime's AWS SDK v3.
import { expect } from "chai";
import { builtinModules, createRequire } from "module";
import * as path from "path";
import { bundleFunction } from "../../functions/bundle";
import { FakeSecretsManager } from "./helpers/fakeSecretsManager";

const ENTRY = "functions/aws/credentials.ts";
const nodeRequire = createRequire(__filename);
const JWT_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ideation/jwt/secret-AbCdEf";

function isBuiltin(name: string): boolean {
    return name.startsWith("node:") || builtinModules.includes(name);
}

/** An AWS SDK v3 module whose client sends each command to the fake (GetSecretValueCommand -> getSecretValue). */
function fakeSdkModule(clientName: string, commands: string[], target: object): Record<string, unknown> {
    const sdk: Record<string, unknown> = {
        [clientName]: class {
            send(command: { operation: string; input: unknown }): Promise<unknown> {
                const method = command.operation[0].toLowerCase() + command.operation.slice(1);
                return (target as Record<string, (input: unknown) => Promise<unknown>>)[method](command.input);
            }
        },
    };
    for (const operation of commands) {
        sdk[`${operation}Command`] = class {
            readonly operation = operation;
            constructor(readonly input: unknown) {}
        };
    }
    return sdk;
}

/** Evaluates the bundle as Lambda would load index.js, recording every require. */
function loadBundle(code: string, modules: Record<string, unknown>, required: string[]): { handler: (event: unknown) => Promise<unknown> } {
    const module = { exports: {} as Record<string, unknown> };
    const sandboxRequire = (name: string): unknown => {
        required.push(name);
        if (isBuiltin(name)) {
            return nodeRequire(name);
        }
        if (name in modules) {
            return modules[name];
        }
        throw new Error(`Cannot find module '${name}'`);
    };
    new Function("module", "exports", "require", "__filename", "__dirname", code)(module, module.exports, sandboxRequire, "/var/task/index.js", "/var/task");
    return module.exports as { handler: (event: unknown) => Promise<unknown> };
}

describe("credentials function bundle", function () {
    this.timeout(60_000);
    let code: string;

    before(() => {
        code = bundleFunction(ENTRY);
    });

    it("is the same text on every build, with no path of this checkout in it", () => {
        expect(bundleFunction(ENTRY)).to.equal(code);
        expect(code).not.to.contain(path.resolve(__dirname, "../.."));
        expect(code).to.contain("// node_modules/pg/lib/client.js");
        // Resolved through a linked node_modules, paths would depend on where the install lives.
        expect(code).not.to.match(/^\/\/ \.\.\//m);
    });

    it("requires only Node's modules and the runtime's AWS SDK (pg-native only behind pg.native)", () => {
        const required = new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]).filter((name) => !isBuiltin(name)));
        expect([...required].sort()).to.deep.equal(["@aws-sdk/client-elasticache", "@aws-sdk/client-secrets-manager", "pg-native"]);
        expect(code).not.to.match(/\brequire\("pg"\)/);
    });

    it("loads without the SDK and reaches Secrets Manager through the runtime's SDK when invoked", async () => {
        const secrets = new FakeSecretsManager();
        secrets.create(JWT_ARN);
        const required: string[] = [];
        const modules = {
            "@aws-sdk/client-secrets-manager": fakeSdkModule("SecretsManagerClient", ["GetSecretValue", "PutSecretValue", "DescribeSecret", "UpdateSecretVersionStage"], secrets),
            "@aws-sdk/client-elasticache": fakeSdkModule("ElastiCacheClient", ["DescribeReplicationGroups", "ModifyReplicationGroup"], {}),
        };
        const { handler } = loadBundle(code, modules, required);
        expect(required.filter((name) => !isBuiltin(name))).to.deep.equal([]);
        expect(handler).to.be.a("function");

        const result = await handler({ action: "bootstrap", generated: [{ secretArn: JWT_ARN, length: 64 }] });
        expect(result).to.deep.equal({ action: "bootstrap", generated: [{ secretArn: JWT_ARN, secret: "created" }] });
        expect(secrets.valueAt(JWT_ARN, "AWSCURRENT")).to.match(/^[A-Za-z0-9]{64}$/);
        expect(required.filter((name) => !isBuiltin(name)).sort()).to.deep.equal(["@aws-sdk/client-elasticache", "@aws-sdk/client-secrets-manager"]);
    });
});
