// What a first `pulumi up` into a real account needs beyond the mock engine: the fleet boots
// while the database is created and serves seconds after it, replicas pass only what RDS accepts
// for same-region replicas, and destroy followed by up reuses every name.
import { expect } from "chai";
import { estimateDeploy } from "../../tools/insights/deploy";
import { RecordedResource, SynthResult } from "../../tools/synth";
import { build, buildStackFile, inputs, ofType, one, statements, tierConfig } from "../helpers/stacks";

const RDS = "aws:rds/instance:Instance";
const REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";

/** Every resource `resource` waits for, directly or through others. */
function waitsOn(result: SynthResult, resource: RecordedResource): Set<string> {
    const byUrn = new Map(result.resources.map((r) => [r.urn, r]));
    const seen = new Set<string>();
    const visit = (urn: string) => {
        const current = byUrn.get(urn);
        for (const dep of [...(current?.dependsOn ?? []), ...(current?.parent ? [current.parent] : [])]) {
            if (!seen.has(dep)) {
                seen.add(dep);
                visit(dep);
            }
        }
    };
    visit(resource.urn);
    return seen;
}

describe("AWS: a first deploy that serves", () => {
    it("launch templates and groups do not wait for the database or the cache: instances read them at boot", async () => {
        const prod = await buildStackFile("prod");
        const dataStores = new Set([...ofType(prod, RDS), ...ofType(prod, REDIS)].map((r) => r.urn));
        for (const resource of [...ofType(prod, TEMPLATE), ...ofType(prod, GROUP)]) {
            const blocking = [...waitsOn(prod, resource)].filter((urn) => dataStores.has(urn));
            expect(blocking, resource.name).to.deep.equal([]);
        }
    });

    it("instances hold in a launch hook (out of the load balancer, spared by health checks) that exists before the first launch", async () => {
        const prod = await buildStackFile("prod");
        const group = inputs(one(prod, GROUP, "web-group"));
        expect(group.initialLifecycleHooks).to.deep.equal([
            { name: "wait-until-serving", lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING", heartbeatTimeout: 1800, defaultResult: "ABANDON" },
        ]);
        // `pulumi up` waits for the instances to serve: longer than the database takes, with margin.
        expect(group.waitForCapacityTimeout).to.equal("75m");
        const runtime = statements(inputs(one(prod, "aws:iam/rolePolicy:RolePolicy", "app-runtime")).policy);
        const lifecycle = runtime.find((statement) => [statement.Action].flat().includes("autoscaling:CompleteLifecycleAction"))!;
        expect(lifecycle.Resource).to.deep.equal(["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/platform-prod-app-web"]);
    });

    it("groups wait for the app subnets' NAT routes: instances install packages and read secrets as they boot", async () => {
        const prod = await buildStackFile("prod");
        const group = one(prod, GROUP, "web-group");
        const routes = ofType(prod, "aws:ec2/route:Route").filter((route) => route.name.includes("app-default-route"));
        expect(routes).to.have.length(3);
        for (const route of routes) {
            expect(group.dependsOn).to.include(route.urn);
        }
    });

    it("web instances may take themselves out of their own target groups (and only those) to restart without failed requests", async () => {
        const prod = await buildStackFile("prod");
        const [drain] = statements(inputs(one(prod, "aws:iam/rolePolicy:RolePolicy", "app-drain")).policy);
        expect(drain.Action).to.deep.equal(["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"]);
        expect(drain.Resource).to.deep.equal(["arn:aws:lb:us-east-1:123456789012:targetgroup/platform-prod-app-web-3000"]);
    });

    it("the credentials bootstrap waits for the database and cache; the fleet does not wait for it", async () => {
        const prod = await buildStackFile("prod");
        const bootstrap = one(prod, "aws:lambda/invocation:Invocation", "credentials-bootstrap");
        const waits = waitsOn(prod, bootstrap);
        expect(waits.has(one(prod, RDS).urn)).to.equal(true);
        expect(waits.has(one(prod, REDIS).urn)).to.equal(true);
        expect(waitsOn(prod, one(prod, GROUP, "web-group")).has(bootstrap.urn)).to.equal(false);
    });

    it("prod serves within 1.15x of its slowest resource (the Multi-AZ database)", async () => {
        const estimate = estimateDeploy(await buildStackFile("prod"));
        expect(estimate.slowestResource).to.match(/db-primary$/);
        expect(estimate.servingMinutes).to.be.a("number");
        expect(estimate.servingMinutes! / estimate.slowestMinutes).to.be.at.most(1.15);
        // The path to serving runs through the database and the bootstrap, not through a template.
        const path = estimate.steps.map((step) => step.type);
        expect(path).to.include.members([RDS, "aws:lambda/invocation:Invocation", GROUP]);
        expect(path).to.not.include(TEMPLATE);
    });

    it("read replicas pass no KMS key and no encryption flag: a same-region replica inherits both from its source", async () => {
        const large = await build("readiness-large", tierConfig("production-large"));
        const replicas = ofType(large, RDS).filter((r) => inputs(r).replicateSourceDb !== undefined);
        expect(replicas).to.have.length(2);
        for (const replica of replicas) {
            expect(inputs(replica)).to.not.have.any.keys("kmsKeyId", "storageEncrypted", "username", "password", "dbSubnetGroupName", "manageMasterUserPassword");
        }
        const primary = ofType(large, RDS).find((r) => inputs(r).replicateSourceDb === undefined)!;
        expect(inputs(primary).storageEncrypted).to.equal(true);
        expect(inputs(primary).kmsKeyId).to.match(/^arn:aws:kms:/);
    });

    it("outside production secrets are deleted at once, so destroy then up can reuse their names; production keeps 30 days", async () => {
        const dev = await buildStackFile("dev");
        const prod = await buildStackFile("prod");
        const windows = (result: SynthResult) => [...new Set(ofType(result, "aws:secretsmanager/secret:Secret").map((s) => inputs(s).recoveryWindowInDays))];
        expect(windows(dev)).to.deep.equal([0]);
        expect(windows(prod)).to.deep.equal([30]);
        // Buckets empty themselves on destroy outside production; production's are protected and never emptied.
        expect(ofType(dev, "aws:s3/bucket:Bucket").map((bucket) => inputs(bucket).forceDestroy)).to.deep.equal([true, true]);
        // Production's three: the object store, its access logs and the logical dumps' bucket (logical backups are on in production).
        expect(ofType(prod, "aws:s3/bucket:Bucket").map((bucket) => [bucket.name, inputs(bucket).forceDestroy, bucket.protect]).sort()).to.deep.equal(
            [
                ["platform-prod-backups-bucket", false, true],
                ["platform-prod-storage-bucket", false, true],
                ["platform-prod-storage-logs", false, true],
            ].sort(),
        );
        // Names RDS or ElastiCache keep after a delete exist only where data is protected anyway.
        expect(inputs(one(dev, RDS)).finalSnapshotIdentifier).to.equal(undefined);
        expect(inputs(one(dev, REDIS)).finalSnapshotIdentifier).to.equal(undefined);
    });

    it("the Redis token is set once by the program and rotated by the function (ROTATE keeps the current token valid)", async () => {
        const prod = await buildStackFile("prod");
        const redis = one(prod, REDIS);
        expect(inputs(redis).authToken).to.equal("[secret]");
        expect(inputs(redis).authTokenUpdateStrategy).to.equal("ROTATE");
        const rotation = inputs(one(prod, "aws:secretsmanager/secretRotation:SecretRotation", "cache-token-rotation"));
        expect(rotation.secretId).to.equal("platform-prod-cache-auth-token-id");
        const fn = inputs(one(prod, "aws:lambda/function:Function", "credentials-function"));
        expect(fn.environment.variables.CACHE_REPLICATION_GROUP_ID).to.equal("platform-prod-redis");
    });
});
