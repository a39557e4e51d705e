// Runs the bundled function in a separate Node.js process, as the Lambda runtime would: the bundle
// as index.js, the AWS SDK supplied from outside (here a minimal Secrets Manager kept in the
// process), and TLS trust only from NODE_EXTRA_CA_CERTS.
import { execFile } from "child_process";
import { writeFileSync } from "fs";
import * as path from "path";

const RUNNER = `
const Module = require("module");
const values = JSON.parse(process.env.FAKE_SECRET_VALUES);
const command = (operation) => class { constructor(input) { this.operation = operation; this.input = input; } };
const notFound = () => Object.assign(new Error("Secrets Manager can't find the specified secret value"), { name: "ResourceNotFoundException" });
const secretsManager = {
  SecretsManagerClient: class {
    async send({ operation, input }) {
      const value = values[input.SecretId];
      if (operation === "DescribeSecret") return { RotationEnabled: false, VersionIdsToStages: value === null ? {} : { current: ["AWSCURRENT"] } };
      if (operation === "GetSecretValue") { if (value === null || value === undefined) throw notFound(); return { SecretString: value }; }
      if (operation === "PutSecretValue") { values[input.SecretId] = input.SecretString; return { VersionId: "next" }; }
      throw new Error("unexpected " + operation);
    }
  },
  GetSecretValueCommand: command("GetSecretValue"),
  PutSecretValueCommand: command("PutSecretValue"),
  DescribeSecretCommand: command("DescribeSecret"),
  UpdateSecretVersionStageCommand: command("UpdateSecretVersionStage"),
};
const elastiCache = {
  ElastiCacheClient: class { async send() { throw new Error("no ElastiCache call expected"); } },
  DescribeReplicationGroupsCommand: command("DescribeReplicationGroups"),
  ModifyReplicationGroupCommand: command("ModifyReplicationGroup"),
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === "@aws-sdk/client-secrets-manager") return secretsManager;
  if (request === "@aws-sdk/client-elasticache") return elastiCache;
  return load.call(this, request, ...rest);
};
require(process.argv[2]).handler(JSON.parse(process.env.EVENT), { getRemainingTimeInMillis: () => 60000 }).then(
  (result) => process.stdout.write("\\nRESULT " + JSON.stringify({ result, values })),
  (error) => { process.stderr.write(String(error && error.message)); process.exit(1); },
);
`;

export interface LambdaRun {
    ok: boolean;
    result?: unknown;
    values?: Record<string, string | null>;
    error?: string;
}

/** `secretValues`: the AWSCURRENT value of each secret ARN, null for a secret without one. */
export function runBundledLambda(dir: string, bundle: string, event: unknown, secretValues: Record<string, string | null>, extraCaPath?: string): Promise<LambdaRun> {
    writeFileSync(path.join(dir, "index.js"), bundle);
    writeFileSync(path.join(dir, "runner.js"), RUNNER);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, EVENT: JSON.stringify(event), FAKE_SECRET_VALUES: JSON.stringify(secretValues) };
    if (extraCaPath) {
        env.NODE_EXTRA_CA_CERTS = extraCaPath;
    }
    return new Promise((resolve) => {
        execFile(process.execPath, [path.join(dir, "runner.js"), path.join(dir, "index.js")], { env, timeout: 60_000 }, (error, stdout, stderr) => {
            // The function logs progress lines to stdout too; the result is the last line.
            const result = stdout.slice(stdout.lastIndexOf("\nRESULT ") + "\nRESULT ".length);
            resolve(error ? { ok: false, error: stderr || error.message } : { ok: true, ...(JSON.parse(result) as object) });
        });
    });
}
