// The credentials job as the offline engine records it: what it runs, where its traffic goes,
// exactly which secrets it may touch, and the schedule that rotates the application's login.
import { expect } from "chai";
import { codeBucketName, credentialsJobName } from "../../providers/gcp/credentials";
import { boundedName } from "../../providers/gcp/loadBalancer";
import { PlatformSpec } from "../../tiers/types";
import { SynthResult } from "../../tools/synth";
import { build, Inputs, inputs, ofType, one, tierConfig } from "../helpers/stacks";

const JOB = "gcp:cloudrunv2/job:Job";
const SECRET_IAM = "gcp:secretmanager/secretIamMember:SecretIamMember";

describe("GCP credentials job", function () {
    this.timeout(600_000);
    let prod: SynthResult;
    let job: Inputs;
    let account: Inputs;
    before(async () => {
        prod = await build("gcp-prod", tierConfig("production-medium", { cloud: "gcp", region: "us-central1", gcpProject: "acme-platform" }));
        job = inputs(one(prod, JOB));
        account = inputs(one(prod, "gcp:serviceaccount/account:Account", "credentials-account"));
    });

    const member = () => `serviceAccount:${account.accountId}@acme-platform.iam.gserviceaccount.com`;

    it("creates JWT_SECRET and API_KEY empty, in the region, under a key of ours: the job writes them", () => {
        const key = one(prod, "gcp:kms/cryptoKey:CryptoKey", "app-credentials-key");
        for (const secretId of ["platform-gcp-prod-jwt-secret", "platform-gcp-prod-api-key"]) {
            const secret = ofType(prod, "gcp:secretmanager/secret:Secret").find((candidate) => inputs(candidate).secretId === secretId);
            expect(secret, secretId).to.not.equal(undefined);
            expect(inputs(secret!).replication.userManaged.replicas).to.deep.equal([{ location: "us-central1", customerManagedEncryption: { kmsKeyName: `${key.name}-id` } }]);
            expect(ofType(prod, "gcp:secretmanager/secretVersion:SecretVersion").filter((version) => version.name === `${secret!.name}-version`)).to.deep.equal([]);
        }
    });

    it("runs the bundled code from a read-only bucket mount on a pinned Node.js 24 image, once per change, and the deployment waits for it", () => {
        expect(job).to.include({ name: "platform-gcp-prod-credentials", location: "us-central1", deletionProtection: false });
        expect(job.runExecutionToken).to.match(/^[0-9a-f]{8}$/);
        const task = job.template.template;
        expect(task).to.include({ timeout: "900s", maxRetries: 2, serviceAccount: `${account.accountId}@acme-platform.iam.gserviceaccount.com` });
        const [container] = task.containers;
        expect(container).to.deep.include({ image: "docker.io/library/node:24-slim", commands: ["node", "/code/index.js"], args: ["bootstrap"] });
        expect(container.volumeMounts).to.deep.equal([{ name: "code", mountPath: "/code" }]);
        const bucket = inputs(one(prod, "gcp:storage/bucket:Bucket", "credentials-code"));
        expect(task.volumes).to.deep.equal([{ name: "code", gcs: { bucket: bucket.name, readOnly: true } }]);
        expect(inputs(one(prod, "gcp:storage/bucketObject:BucketObject", "credentials-bundle"))).to.include({ name: "index.js" });
    });

    it("keeps its code in a private, encrypted, versioned bucket only it reads", () => {
        const bucket = inputs(one(prod, "gcp:storage/bucket:Bucket", "credentials-code"));
        expect(bucket).to.include({ publicAccessPrevention: "enforced", uniformBucketLevelAccess: true, location: "us-central1" });
        expect(bucket.encryption.defaultKmsKeyName).to.match(/credentials-key-id$/);
        expect(bucket.versioning).to.deep.equal({ enabled: true });
        const readers = ofType(prod, "gcp:storage/bucketIAMMember:BucketIAMMember").map(inputs).filter((grant) => grant.bucket === bucket.name);
        expect(readers.map((grant) => [grant.role, grant.member])).to.deep.equal([["roles/storage.objectViewer", member()]]);
    });

    it("leaves the VPC only as the credentials tag, from the app subnetwork", () => {
        expect(job.template.template.vpcAccess).to.deep.equal({
            egress: "ALL_TRAFFIC",
            networkInterfaces: [{ network: "platform-gcp-prod-network-vpc-id", subnetwork: "platform-gcp-prod-network-app-id", tags: ["platform-gcp-prod-credentials"] }],
        });
    });

    it("is told the database, its owner role, extensions and secrets, never a value", () => {
        const env = job.template.template.containers[0].envs as { name: string; value: string }[];
        const config = JSON.parse(env.find((entry) => entry.name === "CREDENTIALS_CONFIG")!.value) as Inputs;
        expect(config.database).to.include({ port: 5432, dbname: "app", owner: "app", masterUser: "app_admin" });
        expect(config.database.extensions).to.deep.equal(["uuid-ossp", "pg_trgm"]);
        expect(config.database.caPem).to.include("-----BEGIN CERTIFICATE-----");
        expect(config.generated.map((entry: Inputs) => entry.length)).to.deep.equal([64, 40]);
        expect(config.rotationDays).to.equal(30);
        expect(Object.keys(config).sort()).to.deep.equal(["database", "generated", "rotationDays"]);
        expect(Object.keys(config.database).sort()).to.deep.equal(["appSecret", "caPem", "dbname", "extensions", "host", "masterSecret", "masterUser", "owner", "port"]);
    });

    it("may read the administrator's secret and write only the application's login and generated secrets", () => {
        const grants = ofType(prod, SECRET_IAM)
            .map(inputs)
            .filter((grant) => grant.member === member())
            .map((grant) => `${grant.secretId} ${grant.role.replace("roles/secretmanager.", "")}`)
            .sort();
        expect(grants).to.deep.equal([
            "platform-gcp-prod-api-key secretAccessor",
            "platform-gcp-prod-api-key secretVersionAdder",
            "platform-gcp-prod-db-app secretAccessor",
            "platform-gcp-prod-db-app secretVersionAdder",
            "platform-gcp-prod-db-master secretAccessor",
            "platform-gcp-prod-jwt-secret secretAccessor",
            "platform-gcp-prod-jwt-secret secretVersionAdder",
        ]);
        const projectWide = ofType(prod, "gcp:projects/iAMMember:IAMMember").map(inputs).filter((grant) => grant.member === member());
        expect(projectWide).to.deep.equal([]);
    });

    it("is rotated every 30 days: Cloud Scheduler asks daily, as an account that may run this job only", () => {
        // The credentials job's own schedule (production's logical backups have another).
        const schedule = inputs(one(prod, "gcp:cloudscheduler/job:Job", "credentials-rotation"));
        expect(schedule).to.include({ schedule: "0 4 * * *", timeZone: "Etc/UTC", region: "us-central1" });
        expect(schedule.httpTarget.uri).to.equal("https://run.googleapis.com/v2/projects/acme-platform/locations/us-central1/jobs/platform-gcp-prod-credentials:run");
        expect(JSON.parse(Buffer.from(schedule.httpTarget.body, "base64").toString("utf8"))).to.deep.equal({
            overrides: { containerOverrides: [{ name: "credentials", args: ["rotate-if-due"] }] },
        });
        const scheduler = inputs(one(prod, "gcp:serviceaccount/account:Account", "credentials-scheduler"));
        const schedulerEmail = `${scheduler.accountId}@acme-platform.iam.gserviceaccount.com`;
        expect(schedule.httpTarget.oauthToken).to.deep.equal({ serviceAccountEmail: schedulerEmail, scope: "https://www.googleapis.com/auth/cloud-platform" });
        const runGrants = ofType(prod, "gcp:cloudrunv2/jobIamMember:JobIamMember").map(inputs);
        expect(runGrants.map((grant) => [grant.name, grant.role, grant.member])).to.deep.equal([
            ["platform-gcp-prod-credentials", "roles/run.jobsExecutorWithOverrides", `serviceAccount:${schedulerEmail}`],
        ]);
        expect(ofType(prod, SECRET_IAM).map(inputs).filter((grant) => grant.member === `serviceAccount:${schedulerEmail}`)).to.deep.equal([]);
    });

    it("instances wait for the job's first execution", () => {
        const jobUrn = one(prod, JOB).urn;
        for (const group of ofType(prod, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager")) {
            expect(group.dependsOn, group.name).to.include(jobUrn);
        }
    });

    describe("names the cloud accepts for any stack name", () => {
        const platform = (name: string) => ({ name, gcpProject: "acme-platform" }) as PlatformSpec;
        const long = "platform-a-very-long-stack-name-for-the-eu-production-tenant";

        it("keeps short names readable", () => {
            expect(credentialsJobName(platform("platform-prod"))).to.equal("platform-prod-credentials");
            expect(boundedName("platform-prod-cred", 30)).to.equal("platform-prod-cred");
        });

        it("bounds long names with a hash: job 54 (63 with its execution token), service account 30, bucket 63", () => {
            expect(credentialsJobName(platform(long))).to.have.length.at.most(54).and.match(/^[a-z][a-z0-9-]*[a-z0-9]$/);
            expect(boundedName(`${long}-cred-run`, 30)).to.have.length.at.most(30).and.match(/^[a-z][a-z0-9-]*[a-z0-9]$/);
            expect(codeBucketName(platform(long))).to.have.length.at.most(63).and.match(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
            expect(boundedName(`${long}-cred`, 30)).to.not.equal(boundedName(`${long}-2-cred`, 30));
        });

        it("puts the project in the bucket name: bucket names are global", () => {
            const other = { name: "platform-prod", gcpProject: "other-project" } as PlatformSpec;
            expect(codeBucketName(platform("platform-prod"))).to.not.equal(codeBucketName(other));
        });
    });
});
