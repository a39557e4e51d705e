// The seeds' numbers checked on what the offline engine recorded for the shipped stacks.
// Every expected value is written here from the documents, never read from the tier table.
import { expect } from "chai";
import { SynthResult } from "../../tools/synth";
import { buildStackFile, inputs, list, ofType, one, statements } from "../helpers/stacks";

const RDS = "aws:rds/instance:Instance";
const REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SCALING_POLICY = "aws:autoscaling/policy:Policy";

function ingressRules(result: SynthResult, group: string) {
    return ofType(result, INGRESS)
        .map(inputs)
        .filter((rule) => rule.securityGroupId === `${result.project}-${result.stack}-network-${group}-sg-id`);
}

function alarm(result: SynthResult, suffix: string) {
    return inputs(one(result, ALARM, suffix));
}

interface DashboardWidget {
    properties: { title?: string; annotations?: { horizontal: { value: number }[] } };
}

/** The threshold lines of every dashboard panel titled `title`, panel by panel in layout order. */
function thresholdLines(result: SynthResult, title: string): number[][] {
    const body = JSON.parse(inputs(one(result, "aws:cloudwatch/dashboard:Dashboard")).dashboardBody) as { widgets: DashboardWidget[] };
    const panels = body.widgets.filter((widget) => widget.properties.title === title);
    expect(panels, title).to.have.length.above(0);
    return panels.map((panel) => (panel.properties.annotations?.horizontal ?? []).map((line) => line.value));
}

describe("AWS inventory: LMS production-medium (Pulumi.prod.yaml)", function () {
    let prod: SynthResult;
    before(async () => {
        prod = await buildStackFile("prod");
    });

    it("VPC 10.0.0.0/16 with DNS hostnames, three zones of public/app/data subnets and a NAT per zone", () => {
        const vpc = inputs(one(prod, "aws:ec2/vpc:Vpc"));
        expect(vpc.cidrBlock).to.equal("10.0.0.0/16");
        expect(vpc.enableDnsHostnames).to.equal(true);
        const cidrs = ofType(prod, "aws:ec2/subnet:Subnet").map((s) => inputs(s).cidrBlock).sort();
        expect(cidrs).to.deep.equal(
            ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24", "10.0.20.0/24", "10.0.21.0/24", "10.0.22.0/24"].sort(),
        );
        expect(ofType(prod, "aws:ec2/subnet:Subnet").every((s) => inputs(s).mapPublicIpOnLaunch === false)).to.equal(true);
        expect(ofType(prod, "aws:ec2/natGateway:NatGateway")).to.have.length(3);
        expect(ofType(prod, "aws:ec2/flowLog:FlowLog").map((f) => inputs(f).trafficType)).to.deep.equal(["ALL"]);
    });

    it("security groups: 80/443 from anywhere only on the load balancer; app, database and cache reachable only from the tier above", () => {
        const world = ofType(prod, INGRESS).map(inputs).filter((rule) => rule.cidrIpv4 === "0.0.0.0/0" || rule.cidrIpv6 === "::/0");
        expect(world.map((rule) => rule.fromPort).sort()).to.deep.equal([443, 80]);
        expect(world.every((rule) => rule.securityGroupId === "platform-prod-network-lb-sg-id")).to.equal(true);
        const app = ingressRules(prod, "app").find((rule) => rule.referencedSecurityGroupId === "platform-prod-network-lb-sg-id");
        expect([app?.fromPort, app?.toPort]).to.deep.equal([3000, 3000]);
        // The app tier, the RDS Proxy (pooling is on from staging), the credentials function that
        // creates the application's role, and the daily logical dump (on in production).
        expect(ingressRules(prod, "db").map((rule) => [rule.fromPort, rule.referencedSecurityGroupId])).to.deep.equal([
            [5432, "platform-prod-network-app-sg-id"],
            [5432, "platform-prod-db-pool-sg-id"],
            [5432, "platform-prod-app-credentials-sg-id"],
            [5432, "platform-prod-backups-dump-sg-id"],
        ]);
        expect(ingressRules(prod, "cache").map((rule) => [rule.fromPort, rule.referencedSecurityGroupId])).to.deep.equal([
            [6379, "platform-prod-network-app-sg-id"],
            [6379, "platform-prod-app-credentials-sg-id"],
        ]);
        // No adminCidrs: no bastion, no SSH anywhere.
        expect(ofType(prod, INGRESS).map(inputs).filter((rule) => rule.fromPort === 22)).to.deep.equal([]);
        expect(prod.resources.filter((r) => r.name.includes("bastion"))).to.deep.equal([]);
    });

    it("RDS PostgreSQL 15 on db.r6g.xlarge, 500 GB gp3 growing to 1000, Multi-AZ, encrypted with a customer key", () => {
        const db = one(prod, RDS);
        const i = inputs(db);
        expect(i.engine).to.equal("postgres");
        expect(i.engineVersion).to.match(/^15(\.|$)/);
        expect(i.instanceClass).to.equal("db.r6g.xlarge");
        expect([i.allocatedStorage, i.maxAllocatedStorage, i.storageType]).to.deep.equal([500, 1000, "gp3"]);
        expect(i.multiAz).to.equal(true);
        expect(i.storageEncrypted).to.equal(true);
        expect(i.kmsKeyId).to.match(/^arn:aws:kms:/);
        expect(i.publiclyAccessible).to.equal(false);
        expect(db.protect).to.equal(true);
    });

    it("RDS backups 30 days in the seeds' windows, Performance Insights, 60 s enhanced monitoring, deletion protection and a final snapshot", () => {
        const i = inputs(one(prod, RDS));
        expect(i.backupRetentionPeriod).to.equal(30);
        expect(i.backupWindow).to.equal("03:00-04:00");
        expect(i.maintenanceWindow).to.equal("sun:04:00-sun:05:00");
        expect(i.performanceInsightsEnabled).to.equal(true);
        expect(i.monitoringInterval).to.equal(60);
        expect(i.monitoringRoleArn).to.be.a("string");
        expect(i.deletionProtection).to.equal(true);
        expect(i.skipFinalSnapshot).to.equal(false);
        expect(i.finalSnapshotIdentifier).to.be.a("string");
    });

    it("the master password is managed by RDS in Secrets Manager (own key, rotated), never in the program", () => {
        const i = inputs(one(prod, RDS));
        expect(i.password).to.equal(undefined);
        expect(i.manageMasterUserPassword).to.equal(true);
        expect(i.masterUserSecretKmsKeyId).to.equal(i.kmsKeyId);
        expect(JSON.stringify(prod.outputs)).not.to.match(/mock-.*-Aa1/);
    });

    it("the application's login lives in <platform>/db/app, written and rotated every 30 days by the credentials function, never by the program", () => {
        const secret = one(prod, "aws:secretsmanager/secret:Secret", "db-app-credentials");
        expect(inputs(secret).name).to.equal("platform-prod/db/app");
        expect(inputs(secret).kmsKeyId).to.match(/^arn:aws:kms:/);
        expect(secret.protect).to.equal(true);
        expect(ofType(prod, "aws:secretsmanager/secretVersion:SecretVersion").filter((v) => v.name.includes("db-app"))).to.deep.equal([]);
        const rotation = inputs(one(prod, "aws:secretsmanager/secretRotation:SecretRotation", "db-app-rotation"));
        expect(rotation.secretId).to.equal("platform-prod-db-app-credentials-id");
        expect(rotation.rotationRules.automaticallyAfterDays).to.equal(30);
        expect(rotation.rotateImmediately).to.equal(false);
        const fn = inputs(one(prod, "aws:lambda/function:Function", "credentials-function"));
        expect(fn.environment.variables.APP_DB_SECRET_ARN).to.match(/secret:platform-prod\/db\/app-/);
        expect(fn.vpcConfig.subnetIds).to.have.length(3);
        // The bootstrap runs once the database exists, and carries the cache token only as a secret.
        const bootstrap = one(prod, "aws:lambda/invocation:Invocation", "credentials-bootstrap");
        expect(inputs(bootstrap).input).to.equal("[secret]");
    });

    it("a parameter group logs slow queries and forces TLS", () => {
        const params = Object.fromEntries(list(inputs(one(prod, "aws:rds/parameterGroup:ParameterGroup")).parameters).map((p: { name: string; value: string }) => [p.name, p.value]));
        expect(Number(params.log_min_duration_statement)).to.be.greaterThan(0);
        expect(params["rds.force_ssl"]).to.equal("1");
    });

    it("Redis: 1 primary + 2 replicas, automatic failover, Multi-AZ, encrypted at rest and in transit, AUTH, snapshots kept 5 days", () => {
        const group = one(prod, REDIS);
        const i = inputs(group);
        expect(i.engine).to.equal("redis");
        expect(i.numCacheClusters).to.equal(3);
        expect(i.nodeType).to.equal("cache.r6g.large");
        expect(i.automaticFailoverEnabled).to.equal(true);
        expect(i.multiAzEnabled).to.equal(true);
        expect(i.atRestEncryptionEnabled).to.equal(true);
        expect(i.transitEncryptionEnabled).to.equal(true);
        expect(i.authToken).to.equal("[secret]");
        expect(i.snapshotRetentionLimit).to.equal(5);
        expect(group.protect).to.equal(true);
    });

    it("S3: versioned, SSE-KMS, public access blocked, TLS-only policy, lifecycle 30/90/365, CORS for the domain, access logging", () => {
        // The object store's bucket (the logical dumps' bucket, on in production, has its own tests).
        expect(inputs(one(prod, "aws:s3/bucketVersioning:BucketVersioning", "storage-bucket-versioning")).versioningConfiguration.status).to.equal("Enabled");
        const sse = inputs(one(prod, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "storage-bucket-encryption"));
        expect(sse.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm).to.equal("aws:kms");
        const block = inputs(one(prod, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "storage-bucket-public-access"));
        expect([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets]).to.deep.equal([true, true, true, true]);
        const deny = statements(inputs(one(prod, "aws:s3/bucketPolicy:BucketPolicy", "storage-bucket-policy")).policy).find((s) => s.Condition?.Bool?.["aws:SecureTransport"] === "false");
        expect(deny?.Effect).to.equal("Deny");
        const rules = inputs(one(prod, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "storage-bucket-lifecycle")).rules;
        expect(rules.find((r: { noncurrentVersionExpiration?: { noncurrentDays: number } }) => r.noncurrentVersionExpiration)?.noncurrentVersionExpiration.noncurrentDays).to.equal(30);
        expect(rules.flatMap((r: { transitions?: { days: number; storageClass: string }[] }) => r.transitions ?? [])).to.deep.include({ days: 90, storageClass: "GLACIER" });
        expect(rules.find((r: { expiration?: { days: number } }) => r.expiration)?.expiration.days).to.equal(365);
        expect(inputs(one(prod, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration")).corsRules[0].allowedOrigins).to.include("https://heypeter-academy.com");
        expect(inputs(one(prod, "aws:s3/bucketLogging:BucketLogging", "storage-bucket-logging")).targetBucket).to.be.a("string");
        expect(one(prod, "aws:s3/bucket:Bucket", "storage-bucket").protect).to.equal(true);
    });

    it("app fleet: t3.xlarge (4 vCPU / 16 GB), 3-10 instances, 70 % CPU target tracking, IMDSv2, encrypted root volume, no public IP", () => {
        const template = inputs(one(prod, "aws:ec2/launchTemplate:LaunchTemplate"));
        expect(template.instanceType).to.equal("t3.xlarge");
        expect(template.metadataOptions.httpTokens).to.equal("required");
        expect(template.blockDeviceMappings[0].ebs.encrypted).to.equal("true");
        expect(template.networkInterfaces[0].associatePublicIpAddress).to.equal("false");
        const group = inputs(one(prod, "aws:autoscaling/group:Group"));
        expect([group.minSize, group.maxSize]).to.deep.equal([3, 10]);
        const policy = inputs(one(prod, SCALING_POLICY));
        expect(policy.policyType).to.equal("TargetTrackingScaling");
        expect(policy.targetTrackingConfiguration.targetValue).to.equal(70);
        expect(policy.targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType).to.equal("ASGAverageCPUUtilization");
        // Target tracking creates its own alarms: the stack adds no scaling alarm of its own.
        expect(ofType(prod, ALARM).filter((a) => a.name.includes("-app-"))).to.deep.equal([]);
    });

    it("ALB: HTTPS with a TLS 1.2+ policy, HTTP redirected to HTTPS, deletion protection and HTTP/2, health checks on /api/ready", () => {
        const lb = inputs(one(prod, "aws:lb/loadBalancer:LoadBalancer"));
        expect(lb.internal).to.equal(false);
        expect(lb.enableDeletionProtection).to.equal(true);
        expect(lb.enableHttp2).to.equal(true);
        const https = inputs(one(prod, "aws:lb/listener:Listener", "https"));
        expect([https.port, https.protocol]).to.deep.equal([443, "HTTPS"]);
        expect(https.sslPolicy).to.match(/TLS13-1-2|TLS-1-2/);
        expect(https.certificateArn).to.match(/^arn:aws:acm:/);
        const http = inputs(one(prod, "aws:lb/listener:Listener", "http"));
        expect(http.defaultActions).to.deep.equal([{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }]);
        expect(inputs(one(prod, "aws:lb/targetGroup:TargetGroup")).healthCheck.path).to.equal("/api/ready");
        expect(inputs(one(prod, "aws:acm/certificate:Certificate")).subjectAlternativeNames).to.deep.equal(["*.heypeter-academy.com"]);
    });

    it("WAF: rate limit 2000 per IP and the SQL-injection rule, attached to the ALB", () => {
        const rules = inputs(one(prod, "aws:wafv2/webAcl:WebAcl")).rules;
        const rate = rules.find((r: { name: string }) => r.name === "RateLimitRule");
        expect(rate.priority).to.equal(1);
        expect(rate.statement.rateBasedStatement).to.deep.equal({ aggregateKeyType: "IP", limit: 2000 });
        expect(rate.action).to.have.property("block");
        const sqli = rules.find((r: { name: string }) => r.name === "SQLiRule");
        expect(sqli.priority).to.equal(2);
        expect(sqli.statement.sqliMatchStatement.textTransformations[0].type).to.equal("URL_DECODE");
        expect(ofType(prod, "aws:wafv2/webAclAssociation:WebAclAssociation")).to.have.length(1);
    });

    it("alarms: CPU > 70 % 5 min, memory > 80 % 5 min, 5xx > 1 %, p95 > 0.5 s, DB connections > 90 % for 2 min, Redis memory > 85 %, to an SNS topic with the email", () => {
        const cpu = alarm(prod, "web-cpu");
        // Every one-minute datapoint of the five minutes: "> 70 % sustained".
        expect([cpu.threshold, cpu.period, cpu.evaluationPeriods, cpu.datapointsToAlarm]).to.deep.equal([70, 60, 5, 5]);
        const memory = alarm(prod, "web-memory");
        expect([memory.threshold, memory.period * memory.evaluationPeriods]).to.deep.equal([80, 300]);
        const errors = alarm(prod, "lb-5xx-rate");
        expect([errors.threshold, errors.comparisonOperator, errors.evaluationPeriods]).to.deep.equal([1, "GreaterThanThreshold", 5]);
        const latency = alarm(prod, "lb-latency-p95");
        expect([latency.extendedStatistic, latency.threshold, latency.comparisonOperator]).to.deep.equal(["p95", 0.5, "GreaterThanThreshold"]);
        const connections = alarm(prod, "db-connections");
        expect(connections.period * connections.evaluationPeriods).to.equal(120);
        const maxConnections = Number(list(inputs(one(prod, "aws:rds/parameterGroup:ParameterGroup")).parameters).find((p: { name: string }) => p.name === "max_connections").value);
        expect(connections.threshold / maxConnections).to.be.closeTo(0.9, 0.001);
        const redis = ofType(prod, ALARM).map(inputs).filter((a) => a.metricName === "DatabaseMemoryUsagePercentage");
        expect(redis).to.have.length(3);
        expect(redis.every((a) => a.threshold === 85)).to.equal(true);
        const topicArn = prod.outputs.observability as { alertTarget: string };
        for (const a of ofType(prod, ALARM).filter((r) => r.name.includes("-obs-")).map(inputs)) {
            expect(a.alarmActions).to.include(topicArn.alertTarget);
        }
        expect(inputs(one(prod, "aws:sns/topicSubscription:TopicSubscription")).endpoint).to.equal("ops@heypeter-academy.com");
    });

    it("the dashboard draws the alarm thresholds: CPU 70 % (database 80 %), memory 80 %, Redis memory 85 %, p95 0.5 s, 5xx 1 %", () => {
        // Panels of the fleet come before those of the database and the cache.
        expect(thresholdLines(prod, "CPU utilization (%)")).to.deep.equal([[70], [80]]);
        expect(thresholdLines(prod, "Memory used (%)")).to.deep.equal([[80], [85]]);
        expect(thresholdLines(prod, "Target response time p95 (s)")).to.deep.equal([[0.5]]);
        expect(thresholdLines(prod, "5xx error rate (%)")).to.deep.equal([[1]]);
    });

    it("budget: 5000 USD a month, alert at 80 %", () => {
        const budget = inputs(one(prod, "aws:budgets/budget:Budget"));
        expect([budget.limitAmount, budget.limitUnit, budget.timeUnit]).to.deep.equal(["5000", "USD", "MONTHLY"]);
        const actual = budget.notifications.find((n: { notificationType: string }) => n.notificationType === "ACTUAL");
        expect([actual.threshold, actual.thresholdType, actual.comparisonOperator]).to.deep.equal([80, "PERCENTAGE", "GREATER_THAN"]);
    });

    it("log groups are encrypted and kept 365 days in production", () => {
        const groups = ofType(prod, "aws:cloudwatch/logGroup:LogGroup").map(inputs);
        expect(groups.length).to.be.greaterThan(5);
        for (const group of groups) {
            expect(group.retentionInDays, group.name).to.equal(365);
            expect(group.kmsKeyId, group.name).to.match(/^arn:aws:kms:/);
        }
    });

    it("every stateful resource is protected: database, cache, buckets, keys, secrets", () => {
        const stateful = prod.resources.filter((r) =>
            [RDS, REDIS, "aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:secretsmanager/secret:Secret"].includes(r.type),
        );
        expect(stateful.length).to.be.greaterThan(8);
        expect(stateful.filter((r) => !r.protect).map((r) => r.name)).to.deep.equal([]);
        expect(ofType(prod, "aws:kms/key:Key").every((k) => inputs(k).enableKeyRotation === true)).to.equal(true);
    });

    it("Route 53: the domain and api. point at the ALB; db. and cache. at the endpoints; an HTTPS health check every 30 s, 3 failures", () => {
        const records = Object.fromEntries(ofType(prod, "aws:route53/record:Record").map((r) => [inputs(r).name, inputs(r)]));
        expect(records["heypeter-academy.com"].type).to.equal("A");
        expect(records["api.heypeter-academy.com"].type).to.equal("A");
        expect(records["db.heypeter-academy.com"].records[0]).to.match(/rds\.amazonaws\.com$/);
        expect(records["cache.heypeter-academy.com"].records[0]).to.match(/cache\.amazonaws\.com$/);
        const check = inputs(one(prod, "aws:route53/healthCheck:HealthCheck"));
        expect([check.type, check.requestInterval, check.failureThreshold, check.resourcePath]).to.deep.equal(["HTTPS", 30, 3, "/api/health"]);
    });
});

describe("AWS inventory: LMS development (Pulumi.dev.yaml)", () => {
    let dev: SynthResult;
    before(async () => {
        dev = await buildStackFile("dev");
    });

    it("is small and cheap: one NAT, single-AZ t4g database, one Redis node, 1-2 app servers of 2 vCPU / 4 GB", () => {
        expect(ofType(dev, "aws:ec2/natGateway:NatGateway")).to.have.length(1);
        const db = inputs(one(dev, RDS));
        expect([db.instanceClass, db.multiAz, db.allocatedStorage]).to.deep.equal(["db.t4g.medium", false, 20]);
        expect(inputs(one(dev, REDIS)).numCacheClusters).to.equal(1);
        const group = inputs(one(dev, "aws:autoscaling/group:Group"));
        expect([group.minSize, group.maxSize]).to.deep.equal([1, 2]);
        expect(inputs(one(dev, "aws:ec2/launchTemplate:LaunchTemplate")).instanceType).to.equal("t3.medium");
    });

    it("alarms at the LMS numbers (5xx > 1 %, p95 > 0.5 s) and tracks 70 % CPU", () => {
        expect(alarm(dev, "lb-5xx-rate").threshold).to.equal(1);
        expect(alarm(dev, "lb-latency-p95").threshold).to.equal(0.5);
        expect(inputs(one(dev, SCALING_POLICY)).targetTrackingConfiguration.targetValue).to.equal(70);
    });

    it("keeps data unprotected so the stack can be torn down, but still encrypted and private", () => {
        expect(dev.resources.filter((r) => r.protect)).to.deep.equal([]);
        const db = inputs(one(dev, RDS));
        expect([db.deletionProtection, db.skipFinalSnapshot, db.storageEncrypted, db.publiclyAccessible]).to.deep.equal([false, true, true, false]);
        expect(ofType(dev, "aws:wafv2/webAcl:WebAcl")).to.have.length(0);
    });

    it("without a domain, serves HTTPS with a self-signed certificate imported into ACM (the idea-management dev environment)", () => {
        expect(ofType(dev, "tls:index/selfSignedCert:SelfSignedCert")).to.have.length(1);
        const cert = inputs(one(dev, "aws:acm/certificate:Certificate"));
        expect(cert.privateKey).to.equal("[secret]");
        expect(ofType(dev, "aws:route53/record:Record")).to.have.length(0);
    });
});

describe("AWS inventory: idea-management service (Pulumi.ideation.yaml)", () => {
    let ideation: SynthResult;
    before(async () => {
        ideation = await buildStackFile("ideation");
    });

    it("lays out the document's subnets in two zones", () => {
        const byName = Object.fromEntries(ofType(ideation, "aws:ec2/subnet:Subnet").map((s) => [s.name.replace("platform-ideation-network-", ""), inputs(s).cidrBlock]));
        expect(byName).to.deep.equal({
            "public-1": "10.0.1.0/24",
            "public-2": "10.0.2.0/24",
            "app-1": "10.0.10.0/24",
            "app-2": "10.0.11.0/24",
            "data-1": "10.0.20.0/24",
            "data-2": "10.0.21.0/24",
        });
    });

    it("API on 8000 behind the ALB, SSH only from the admin range through the bastion group", () => {
        const fromLb = ingressRules(ideation, "app").find((rule) => rule.referencedSecurityGroupId === "platform-ideation-network-lb-sg-id");
        expect(fromLb?.fromPort).to.equal(8000);
        const ssh = ofType(ideation, INGRESS).map(inputs).filter((rule) => rule.fromPort === 22 && rule.cidrIpv4);
        expect(ssh.map((rule) => rule.cidrIpv4)).to.deep.equal(["203.0.113.0/24"]);
        expect(ssh[0].securityGroupId).to.equal("platform-ideation-network-bastion-sg-id");
        const bastion = inputs(one(ideation, "aws:ec2/launchTemplate:LaunchTemplate", "bastion-template"));
        expect(bastion.networkInterfaces[0].securityGroups).to.deep.equal(["platform-ideation-network-bastion-sg-id"]);
        expect(bastion.metadataOptions.httpTokens).to.equal("required");
        expect(inputs(one(ideation, "aws:autoscaling/group:Group", "bastion-group")).maxSize).to.equal(1);
    });

    it("uses the document's classes through overrides: db.r5.xlarge and cache.r6g.xlarge x 3", () => {
        expect(inputs(one(ideation, RDS)).instanceClass).to.equal("db.r5.xlarge");
        const redis = inputs(one(ideation, REDIS));
        expect([redis.nodeType, redis.numCacheClusters]).to.deep.equal(["cache.r6g.xlarge", 3]);
    });

    it("Celery workers: 2-10 on t3.large, scaled out above 100 queued messages and in below 10", () => {
        const worker = inputs(one(ideation, "aws:autoscaling/group:Group", "worker-group"));
        expect([worker.minSize, worker.maxSize]).to.deep.equal([2, 10]);
        const high = alarm(ideation, "worker-queue-high");
        const low = alarm(ideation, "worker-queue-low");
        expect([high.metricName, high.comparisonOperator, high.threshold]).to.deep.equal(["ApproximateNumberOfMessagesVisible", "GreaterThanThreshold", 100]);
        expect([low.comparisonOperator, low.threshold]).to.deep.equal(["LessThanThreshold", 10]);
        const templates = ofType(ideation, "aws:ec2/launchTemplate:LaunchTemplate").filter((t) => t.name.startsWith("platform-ideation-app-"));
        expect(templates.map((t) => inputs(t).instanceType)).to.deep.equal(["t3.large", "t3.large"]);
    });

    it("alarms on 5xx above the document's 5 % for 5 minutes, on the alarm and on the dashboard", () => {
        const errors = alarm(ideation, "lb-5xx-rate");
        expect([errors.threshold, errors.evaluationPeriods, errors.datapointsToAlarm]).to.deep.equal([5, 5, 5]);
        expect(thresholdLines(ideation, "5xx error rate (%)")).to.deep.equal([[5]]);
        // The rest stays at the tier's numbers.
        expect(alarm(ideation, "lb-latency-p95").threshold).to.equal(0.5);
        expect(alarm(ideation, "api-cpu").threshold).to.equal(70);
    });

    it("API instances: 2-10, step scaling out above 70 % CPU for 5 minutes and in below 30 % for 10, no target tracking", () => {
        const api = inputs(one(ideation, "aws:autoscaling/group:Group", "api-group"));
        expect([api.minSize, api.maxSize]).to.deep.equal([2, 10]);
        const apiPolicies = ofType(ideation, SCALING_POLICY).filter((p) => p.name.startsWith("platform-ideation-app-api-")).map(inputs);
        expect(apiPolicies).to.have.length(2);
        expect(apiPolicies.every((p) => p.policyType === "StepScaling" && p.autoscalingGroupName === api.name)).to.equal(true);
        expect(ofType(ideation, SCALING_POLICY).map(inputs).filter((p) => p.policyType === "TargetTrackingScaling")).to.deep.equal([]);

        const out = inputs(one(ideation, SCALING_POLICY, "api-scale-out"));
        const scaleIn = inputs(one(ideation, SCALING_POLICY, "api-scale-in"));
        expect([out.adjustmentType, out.stepAdjustments]).to.deep.equal(["ChangeInCapacity", [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }]]);
        expect(scaleIn.stepAdjustments).to.deep.equal([{ metricIntervalUpperBound: "0", scalingAdjustment: -1 }]);

        const high = alarm(ideation, "api-cpu-high");
        const low = alarm(ideation, "api-cpu-low");
        for (const a of [high, low]) {
            expect([a.namespace, a.metricName, a.statistic, a.dimensions]).to.deep.equal(["AWS/EC2", "CPUUtilization", "Average", { AutoScalingGroupName: api.name }]);
            // One-minute datapoints: the launch templates turn on detailed monitoring.
            expect(a.period).to.equal(60);
        }
        expect([high.comparisonOperator, high.threshold, high.evaluationPeriods, high.datapointsToAlarm]).to.deep.equal(["GreaterThanThreshold", 70, 5, 5]);
        expect([low.comparisonOperator, low.threshold, low.evaluationPeriods, low.datapointsToAlarm]).to.deep.equal(["LessThanThreshold", 30, 10, 10]);
        expect(inputs(one(ideation, "aws:ec2/launchTemplate:LaunchTemplate", "api-template")).monitoring).to.deep.equal({ enabled: true });
        expect(list(high.alarmActions)).to.have.length(1);
        expect(list(high.alarmActions)[0]).to.match(/:policy\/platform-ideation-app-api-scale-out$/);
        expect(list(low.alarmActions)[0]).to.match(/:policy\/platform-ideation-app-api-scale-in$/);
    });

    it("the instance role has exactly the document's three statements, scoped to this platform", () => {
        const access = statements(inputs(one(ideation, "aws:iam/rolePolicy:RolePolicy", "app-access")).policy);
        expect(access).to.have.length(3);
        expect(list(access[0].Action).sort()).to.deep.equal(["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]);
        expect(access[0].Resource).to.equal("arn:aws:s3:::platform-ideation-storage-bucket/*");
        expect(access[1].Action).to.deep.equal(["secretsmanager:GetSecretValue"]);
        expect(access[1].Resource).to.match(/:secret:platform-ideation\/\*$/);
        expect(list(access[2].Action)).to.include("kms:Decrypt");
        expect(list(access[2].Resource).every((arn) => arn.startsWith("arn:aws:kms:us-east-1:"))).to.equal(true);
        for (const policy of ofType(ideation, "aws:iam/rolePolicy:RolePolicy")) {
            for (const s of statements(inputs(policy).policy)) {
                expect(list(s.Action).some((a) => a === "*" || a.endsWith(":*")), policy.name).to.equal(false);
            }
        }
    });
});
