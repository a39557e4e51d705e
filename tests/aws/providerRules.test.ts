// The mock engine accepts anything; AWS does not. Every recorded input of the shipped stacks and
// of every tier is held to AWS's own rules (tests/aws/rules/table.ts): names, enums, ranges,
// ARNs and policy documents. Then the stack name: the longest one the program accepts builds
// names exactly at AWS's limit, and anything longer or with characters AWS refuses is a
// config error before any resource is registered.

import { expect } from "chai";
import { ConfigError, parseConfig } from "../../config";
import { awsAdapter } from "../../providers/aws";
import { resolvePlatformSpec } from "../../tiers";
import { PROJECT, RecordedResource, synthesize, SynthResult } from "../../tools/synth";
import { build, buildStackFile, tierConfig } from "../helpers/stacks";
import { physicalName, planProblems, resourceProblems } from "./rules/evaluate";
import { policyProblems } from "./rules/policies";
import { NOT_AWS, RULES } from "./rules/table";

const SHIPPED = ["dev", "prod", "ideation"];
const TIERS = ["development", "staging", "production-small", "production-medium", "production-large"];
const PLANS: { label: string; build: () => Promise<SynthResult> }[] = [
    ...SHIPPED.map((stack) => ({ label: `Pulumi.${stack}.yaml`, build: () => buildStackFile(stack) })),
    ...TIERS.map((tier) => ({ label: `tier ${tier}`, build: () => build(`t-${tier}`, tierConfig(tier)) })),
];
/** Types the program is about to create; their rows must be ready before the first plan has them. */
const COMING = ["aws:lambda/function:Function", "aws:lambda/invocation:Invocation", "aws:lambda/permission:Permission", "aws:secretsmanager/secretRotation:SecretRotation", "aws:autoscaling/lifecycleHook:LifecycleHook"];

function resource(type: string, name: string, inputs: Record<string, unknown>): RecordedResource {
    return { urn: `urn:${type}::${name}`, type, name, dependsOn: [], protect: false, custom: true, inputs };
}

async function rejection(stack: string, config: Record<string, unknown>): Promise<ConfigError> {
    try {
        await synthesize(stack, config);
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigError);
        return error as ConfigError;
    }
    return expect.fail(`stack ${stack} was accepted`);
}

describe("AWS provider rules on the recorded plans", function () {
    this.timeout(600000);

    it("every resource type of every plan has a row, and so do the types about to be added", async () => {
        for (const plan of PLANS) {
            const types = [...new Set((await plan.build()).resources.map((r) => r.type))];
            expect(types.filter((type) => !RULES[type] && !NOT_AWS[type]), plan.label).to.deep.equal([]);
        }
        expect(COMING.filter((type) => !RULES[type])).to.deep.equal([]);
    });

    for (const plan of PLANS) {
        it(`${plan.label}: every name, enum, range, ARN and policy document is one AWS accepts`, async () => {
            expect(planProblems((await plan.build()).resources)).to.deep.equal([]);
        });
    }

    describe("the rules refuse what AWS refuses", () => {
        const cases: [string, RecordedResource, string][] = [
            ["an auto-named role over 64 characters with Pulumi's suffix", resource("aws:iam/role:Role", `${"r".repeat(56)}x`, {}), "65 characters long; AWS allows 64"],
            ["an upper-case RDS parameter group auto-name", resource("aws:rds/parameterGroup:ParameterGroup", "platform-Prod-db-params", {}), "is not lowercase letters"],
            ["a bucket auto-name with an underscore", resource("aws:s3/bucket:Bucket", "platform-my_stack-storage-bucket", {}), "is not 3 or more lowercase letters"],
            ["storage type gp4", resource("aws:rds/instance:Instance", "db", { identifier: "db", storageType: "gp4" }), 'storageType "gp4" is not one of'],
            ["an instance class without db.", resource("aws:rds/instance:Instance", "db", { identifier: "db", instanceClass: "m6g.large" }), "is not an instance class"],
            ["a cluster-mode group on a non-cluster parameter group", resource("aws:elasticache/replicationGroup:ReplicationGroup", "r", { replicationGroupId: "r", engine: "redis", engineVersion: "7.1", clusterMode: "enabled", parameterGroupName: "default.redis7" }), "does not fit default.redis7"],
            ["a 45-second alarm period", resource("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { name: "a", statistic: "Average", period: 45, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold" }), "period 45 is not 10, 20, 30 or a multiple of 60"],
            ["treatMissingData notbreaching", resource("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { name: "a", statistic: "Average", period: 60, evaluationPeriods: 1, treatMissingData: "notbreaching" }), "treatMissingData"],
            ["a 2-day log retention", resource("aws:cloudwatch/logGroup:LogGroup", "l", { name: "/l", retentionInDays: 2 }), "retentionInDays 2 is not one of"],
            ["a 30-second SQS retention", resource("aws:sqs/queue:Queue", "q", { name: "q", messageRetentionSeconds: 30 }), "outside 60..1209600"],
            ["a 5-day key deletion window", resource("aws:kms/key:Key", "k", { deletionWindowInDays: 5 }), "outside 7..30"],
            ["a 3-day secret recovery window", resource("aws:secretsmanager/secret:Secret", "s", { name: "s", recoveryWindowInDays: 3 }), "neither 0 nor 7..30"],
            ["an unknown TLS policy", resource("aws:lb/listener:Listener", "l", { protocol: "HTTPS", port: 443, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/c", sslPolicy: "TLS-1-2" }), 'sslPolicy "TLS-1-2" is not one of'],
            ["an unknown group metric", resource("aws:autoscaling/group:Group", "g", { name: "g", enabledMetrics: ["CPU"] }), 'enabledMetrics[] "CPU" is not one of'],
            ["a redrive policy without an ARN", resource("aws:sqs/queue:Queue", "q", { name: "q", redrivePolicy: '{"deadLetterTargetArn":"q-dlq","maxReceiveCount":5}' }), "deadLetterTargetArn is not an ARN"],
            ["an ARN input holding an id", resource("aws:ec2/flowLog:FlowLog", "f", { iamRoleArn: "role-id" }), 'iamRoleArn "role-id" is not an ARN'],
            ["a policy that is not JSON", resource("aws:s3/bucketPolicy:BucketPolicy", "p", { policy: "{Version" }), "policy is not valid JSON"],
            ["user data over 16 KB", resource("aws:ec2/launchTemplate:LaunchTemplate", "t", { userData: Buffer.alloc(16385, "a").toString("base64") }), "16385 bytes before encoding"],
            ["a security group description with a quote", resource("aws:ec2/securityGroup:SecurityGroup", "sg", { description: 'the "app" tier' }), "is not a security group description"],
            ["overlapping backup and maintenance windows", resource("aws:rds/instance:Instance", "db", { identifier: "db", backupWindow: "03:00-04:00", maintenanceWindow: "sun:03:30-sun:04:30" }), "overlaps maintenanceWindow"],
            ["a Fargate task of 512 CPU units with 512 MiB", resource("aws:ecs/taskDefinition:TaskDefinition", "t", { family: "t", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "512", memory: "512", containerDefinitions: "[{}]" }), "is not a Fargate task size"],
            ["a five-field cron on EventBridge Scheduler", resource("aws:scheduler/schedule:Schedule", "s", { flexibleTimeWindow: { mode: "OFF" }, scheduleExpression: "cron(0 2 * * *)", target: { arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c", roleArn: "arn:aws:iam::123456789012:role/r" } }), "six-field cron"],
            ["a spot strategy AWS does not offer", resource("aws:autoscaling/group:Group", "g", { name: "g", mixedInstancesPolicy: { instancesDistribution: { spotAllocationStrategy: "cheapest" } } }), "spotAllocationStrategy"],
            ["object lock retention in days and years", resource("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "l", { bucket: "b", rule: { defaultRetention: { mode: "GOVERNANCE", days: 30, years: 1 } } }), "exactly one of days and years"],
            ["a type without a row", resource("aws:ec2/instance:Instance", "i", {}), "has no row in the rules table"],
        ];
        for (const [what, recorded, problem] of cases) {
            it(what, () => {
                expect(resourceProblems(recorded).join("\n")).to.contain(problem);
            });
        }

        it("policy documents: version, statements, effects, actions, resources and principals", () => {
            const doc = (statement: object, version = "2012-10-17") => JSON.stringify({ Version: version, Statement: [statement] });
            const allow = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
            expect(policyProblems(doc(allow), "identity")).to.deep.equal([]);
            expect(policyProblems(doc(allow, "2008-10-17"), "identity")).to.deep.equal(['Version "2008-10-17" is not "2012-10-17"']);
            expect(policyProblems(JSON.stringify({ Version: "2012-10-17", Statement: [] }), "identity")).to.deep.equal(["Statement is not a non-empty array"]);
            expect(policyProblems(doc({ ...allow, Effect: "allow" }), "identity")).to.deep.equal(['Effect "allow" is neither Allow nor Deny']);
            expect(policyProblems(doc({ ...allow, Action: "s3GetObject" }), "identity")).to.deep.equal(['action "s3GetObject" is not service:Action']);
            expect(policyProblems(doc({ ...allow, Resource: "my-bucket" }), "identity")).to.deep.equal(['resource "my-bucket" is neither "*" nor an ARN']);
            expect(policyProblems(doc(allow), "resource")).to.deep.equal(["a resource or trust policy statement needs a Principal"]);
            expect(policyProblems(doc({ Effect: "Allow", Principal: { Service: "ec2" }, Action: "sts:AssumeRole" }), "trust")).to.deep.equal(['service principal "ec2" is not <service>.amazonaws.com']);
        });
    });

    describe("stack names", () => {
        // Everything that derives a name: bastion, WAF, replicas, workers, a us-east-1 alert copy.
        const config = tierConfig("production-large", { region: "eu-west-1", adminCidrs: ["203.0.113.0/24"] });
        const accepted = (stack: string) => (awsAdapter.validate?.(resolvePlatformSpec(parseConfig(config), PROJECT, stack)) ?? []).length === 0;
        const longest = (() => {
            let stack = "s";
            while (accepted(`${stack}s`)) {
                stack += "s";
            }
            return stack;
        })();

        it("the longest accepted stack name (24 characters with project platform) builds every name within AWS's limits, one at the limit", async () => {
            expect(longest).to.have.length(24);
            const result = await build(longest, config);
            expect(planProblems(result.resources)).to.deep.equal([]);
            const slack = result.resources.flatMap((r) => {
                const source = RULES[r.type]?.name;
                const name = source && physicalName(r, source);
                return source && name ? [{ type: r.type, name, left: source.rule.max - name.length }] : [];
            });
            const tightest = slack.reduce((a, b) => (b.left < a.left ? b : a));
            // The limit is AWS's, not a guess: the tightest name is exactly as long as AWS allows.
            expect(tightest.left, JSON.stringify(tightest)).to.equal(0);
            expect(tightest.type).to.equal("aws:iam/role:Role");
        });

        it("one character more is refused before any resource, naming the stack, the name and the limit", async () => {
            const error = await rejection(`${longest}s`, config);
            expect(error.problems).to.have.length(1);
            expect(error.problems[0]).to.match(new RegExp(`^stack "${longest}s": the platform name "platform-${longest}s" makes the IAM role name `));
            expect(error.problems[0]).to.contain("65 characters long; AWS allows 64: the platform name may have at most 33 characters, so the stack name at most 24");
        });

        it("upper case, _ and . in a stack name are refused with the names they would break and what is allowed", async () => {
            const upper = await rejection("Prod", tierConfig("development"));
            expect(upper.problems.join("\n")).to.contain('stack "Prod": the platform name "platform-Prod" makes the RDS parameter group name "platform-Prod-db-params"');
            expect(upper.problems.join("\n")).to.contain('invalid (it contains upper case "P"); allowed: lowercase letters, digits and hyphens');
            const underscore = await rejection("my_stack", tierConfig("development"));
            expect(underscore.problems.join("\n")).to.contain('makes the RDS identifier "platform-my_stack-db" invalid (it contains "_")');
            expect(underscore.problems.join("\n")).to.contain('makes the load balancer name "platform-my_stack-app-lb" invalid');
            const dot = await rejection("my.stack", tierConfig("development"));
            expect(dot.problems.join("\n")).to.contain('makes the CloudWatch dashboard name "platform-my.stack" invalid (it contains ".")');
            expect(dot.problems.join("\n")).to.contain('makes the SNS topic name "platform-my.stack-obs-alerts" invalid');
        });
    });
});
