// The seeds' alerting numbers as Cloud Monitoring evaluates them, per tier, on what the offline
// engine recorded. Every expected value is written here from the documents, never read from the
// tier table.
import { expect } from "chai";
import { SynthResult } from "../../tools/synth";
import { build, Inputs, inputs, ofType, one, tierConfig } from "../helpers/stacks";

const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
const GCP = { cloud: "gcp", region: "us-central1", gcpProject: "acme-platform" };

function gcpStack(stack: string, tier: string, extra: Record<string, unknown> = {}): Promise<SynthResult> {
    return build(stack, tierConfig(tier, { ...GCP, ...extra }));
}

function policy(result: SynthResult, suffix: string): Inputs {
    return inputs(one(result, POLICY, suffix));
}

/** The single threshold condition of a policy. */
function threshold(result: SynthResult, suffix: string): Inputs {
    const conditions = policy(result, suffix).conditions as Inputs[];
    expect(conditions, suffix).to.have.length(1);
    return conditions[0].conditionThreshold;
}

describe("GCP observability", function () {
    let dev: SynthResult;
    let staging: SynthResult;
    let prod: SynthResult;
    this.timeout(600_000);
    before(async () => {
        // One at a time: the offline engine is one process-wide runtime.
        dev = await gcpStack("gcp-dev", "development");
        staging = await gcpStack("gcp-staging", "staging");
        prod = await gcpStack("gcp-prod", "production-medium");
    });

    describe("logs", () => {
        it("keeps 14 days in development, 30 in staging, 365 in production", () => {
            const retention = (result: SynthResult) => inputs(one(result, "gcp:logging/projectBucketConfig:ProjectBucketConfig")).retentionDays;
            expect(retention(dev)).to.equal(14);
            expect(retention(staging)).to.equal(30);
            expect(retention(prod)).to.equal(365);
        });

        it("encrypts the bucket with a rotated key of ours that the Logging service agent holds", () => {
            const bucket = one(prod, "gcp:logging/projectBucketConfig:ProjectBucketConfig");
            const key = one(prod, "gcp:kms/cryptoKey:CryptoKey", "obs-logs-key");
            expect(inputs(bucket)).to.include({ location: "us-central1", locked: false, project: "acme-platform" });
            expect(inputs(bucket).cmekSettings.kmsKeyName).to.equal(`${key.name}-id`);
            expect(inputs(key).rotationPeriod).to.equal("7776000s");
            const grant = inputs(one(prod, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "obs-logs-key-user-0"));
            expect(grant).to.include({ role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: "serviceAccount:service-123456789012@gcp-sa-logging.iam.gserviceaccount.com" });
            expect(bucket.dependsOn.some((urn) => urn.endsWith("obs-logs-key-user-0"))).to.equal(true);
            expect(bucket.protect).to.equal(true);
        });

        it("routes the instances', load balancer's, Cloud SQL's, Memorystore's and the credentials job's logs into it", () => {
            const sink = inputs(one(prod, "gcp:logging/projectSink:ProjectSink"));
            expect(sink.destination).to.equal("logging.googleapis.com/projects/acme-platform/locations/us-central1/buckets/platform-gcp-prod-logs");
            for (const resourceType of ["gce_instance", "http_load_balancer", "cloudsql_database", "redis_instance", "cloud_run_job"]) {
                expect(sink.filter).to.include(`resource.type="${resourceType}"`);
            }
            expect(sink.filter).to.include('"acme-platform:platform-gcp-prod-');
        });
    });

    describe("alert channel", () => {
        it("e-mails alertEmail and every policy notifies it", () => {
            const channel = one(prod, "gcp:monitoring/notificationChannel:NotificationChannel");
            expect(inputs(channel)).to.deep.include({ type: "email", labels: { email_address: "ops@example.com" } });
            const policies = ofType(prod, POLICY).map(inputs);
            expect(policies).to.have.length.above(8);
            for (const each of policies) {
                expect(each.notificationChannels, each.displayName).to.have.length(1);
                expect(each.notificationChannels[0], each.displayName).to.match(/^projects\/acme-platform\/notificationChannels\//);
                expect(each.alertStrategy.autoClose).to.equal("1800s");
                expect(each.severity).to.be.oneOf(["CRITICAL", "ERROR", "WARNING"]);
                expect(each.documentation.content, each.displayName).to.be.a("string").and.not.equal("");
                expect(each.userLabels).to.deep.equal({ project: "platform", environment: "gcp-prod", tier: "production-medium", "managed-by": "pulumi" });
            }
            expect(prod.outputs.observability).to.have.property("alertTarget").that.matches(/notificationChannels/);
        });
    });

    describe("the seeds' thresholds and windows", () => {
        it("CPU above 70% for 5 minutes, per service", () => {
            for (const service of ["web", "worker"]) {
                const cpu = threshold(prod, `obs-${service}-cpu`);
                expect(cpu.thresholdValue, service).to.equal(0.7);
                expect(cpu.duration).to.equal("300s");
                expect(cpu.filter).to.include('metric.type="compute.googleapis.com/instance/cpu/utilization"');
                expect(cpu.filter).to.include(`metadata.system_labels.instance_group="`);
            }
        });

        it("memory above 80% for 5 minutes, from the Ops Agent", () => {
            const memory = threshold(prod, "obs-web-memory");
            expect(memory.thresholdValue).to.equal(80);
            expect(memory.duration).to.equal("300s");
            expect(memory.filter).to.include('metric.type="agent.googleapis.com/memory/percent_used"').and.include('metric.label.state="used"');
        });

        it("5xx above 1% of load balancer requests for 5 minutes", () => {
            const [condition] = policy(prod, "obs-lb-5xx-rate").conditions as Inputs[];
            const promql = condition.conditionPrometheusQueryLanguage;
            expect(promql.duration).to.equal("300s");
            expect(promql.query).to.match(/^100 \* sum\(rate\(loadbalancing_googleapis_com:https_request_count\{.*response_code_class="500"\}\[1m\]\)\) \/ sum\(rate\(.*\)\) > 1$/);
        });

        it("p95 latency above 500 ms for 5 minutes", () => {
            const latency = threshold(prod, "obs-lb-latency-p95");
            expect(latency.thresholdValue).to.equal(500);
            expect(latency.duration).to.equal("300s");
            expect(latency.aggregations[0]).to.include({ perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_PERCENTILE_95" });
            expect(latency.filter).to.include("loadbalancing.googleapis.com/https/total_latencies");
        });

        it("database connections above 90% of max_connections (2,700 of 3,000) for 2 minutes", () => {
            const connections = threshold(prod, "obs-db-connections");
            expect(connections.thresholdValue).to.equal(2700);
            expect(connections.duration).to.equal("120s");
            expect(connections.filter).to.include("cloudsql.googleapis.com/database/postgresql/num_backends");
        });

        it("database CPU above 80% for 15 minutes and disk 90% full", () => {
            expect(threshold(prod, "obs-db-cpu")).to.include({ thresholdValue: 0.8, duration: "900s" });
            expect(threshold(prod, "obs-db-disk")).to.include({ thresholdValue: 0.9, duration: "300s" });
        });

        it("Redis memory above 85% for 5 minutes", () => {
            const memory = threshold(prod, "obs-cache-memory");
            expect(memory).to.include({ thresholdValue: 0.85, duration: "300s" });
            expect(memory.filter).to.include("redis.googleapis.com/");
        });

        it("the worker's queue: backlog above the scale-out depth of 100 for 15 minutes, or a task waiting 15 minutes", () => {
            const conditions = (policy(prod, "obs-worker-queue-backlog").conditions as Inputs[]).map((condition) => condition.conditionThreshold);
            expect(conditions.map((condition) => [condition.thresholdValue, condition.duration])).to.deep.equal([
                [100, "900s"],
                [900, "300s"],
            ]);
            expect(conditions[0].filter).to.include("pubsub.googleapis.com/subscription/num_undelivered_messages");
            expect(conditions[1].filter).to.include("pubsub.googleapis.com/subscription/oldest_unacked_message_age");
        });

        it("Redis memory of the fullest shard in cluster mode (production-large: 3 shards)", async () => {
            const large = await gcpStack("gcp-large", "production-large");
            const memory = threshold(large, "obs-cache-memory");
            expect(memory).to.include({ thresholdValue: 0.85, duration: "300s" });
            expect(memory.filter).to.include('metric.type="redis.googleapis.com/cluster/memory/maximum_utilization"').and.include('resource.type="redis.googleapis.com/Cluster"');
            expect(inputs(one(large, "gcp:logging/projectSink:ProjectSink")).filter).to.include('resource.type="redis.googleapis.com/Cluster"');
        });

        it("a stack's alarms override the tier's", async () => {
            const tuned = await gcpStack("gcp-tuned", "production-medium", { alarms: { cpuPercent: 60, cpuMinutes: 10 } });
            expect(threshold(tuned, "obs-web-cpu")).to.include({ thresholdValue: 0.6, duration: "600s" });
        });
    });

    describe("public endpoint", () => {
        it("checks the health path of the domain over HTTPS every 60 seconds and alerts after 3 failed checks", () => {
            const uptime = inputs(one(prod, "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig"));
            expect(uptime.period).to.equal("60s");
            expect(uptime.monitoredResource).to.deep.equal({ type: "uptime_url", labels: { project_id: "acme-platform", host: "acme-lms.com" } });
            expect(uptime.httpCheck).to.include({ path: "/api/health", port: 443, useSsl: true, validateSsl: true });
            const alert = threshold(prod, "obs-uptime");
            expect(alert.duration).to.equal("180s");
            expect(alert.filter).to.include("monitoring.googleapis.com/uptime_check/check_passed");
        });
    });

    describe("budget", () => {
        it("5000 USD a month for the project, alerting at 80% and 100% of spend and 100% of forecast, to the channel", () => {
            const budget = inputs(one(prod, "gcp:billing/budget:Budget"));
            expect(budget.amount).to.deep.equal({ specifiedAmount: { currencyCode: "USD", units: "5000" } });
            expect(budget.budgetFilter.projects).to.deep.equal(["projects/123456789012"]);
            expect(budget.thresholdRules).to.deep.equal([
                { thresholdPercent: 0.8, spendBasis: "CURRENT_SPEND" },
                { thresholdPercent: 1, spendBasis: "CURRENT_SPEND" },
                { thresholdPercent: 1, spendBasis: "FORECASTED_SPEND" },
            ]);
            const channel = inputs(one(prod, "gcp:monitoring/notificationChannel:NotificationChannel"));
            expect(budget.allUpdatesRule.monitoringNotificationChannels).to.have.length(1);
            expect(budget.allUpdatesRule.monitoringNotificationChannels[0]).to.match(/^projects\/acme-platform\/notificationChannels\//);
            expect(channel.type).to.equal("email");
        });

        it("bills the project's own account unless gcpBillingAccount names another", async () => {
            expect(inputs(one(prod, "gcp:billing/budget:Budget")).billingAccount).to.equal("012345-6789AB-CDEF01");
            const billed = await gcpStack("gcp-billed", "development", { gcpBillingAccount: "0123AB-4567CD-89EF01", budget: { monthlyUsd: 300, alertPercent: 50 } });
            const budget = inputs(one(billed, "gcp:billing/budget:Budget"));
            expect(budget.billingAccount).to.equal("0123AB-4567CD-89EF01");
            expect(budget.amount.specifiedAmount.units).to.equal("300");
            expect(budget.thresholdRules[0]).to.deep.equal({ thresholdPercent: 0.5, spendBasis: "CURRENT_SPEND" });
        });
    });

    describe("dashboard", () => {
        interface Tile {
            widget: { title: string; text?: unknown; xyChart?: { thresholds?: { value: number }[] } };
        }
        it("has the fleet, API, database, cache, queue and endpoint sections with the alert lines", () => {
            const dashboard = JSON.parse(inputs(one(prod, "gcp:monitoring/dashboard:Dashboard", "obs-dashboard")).dashboardJson) as { mosaicLayout: { columns: number; tiles: Tile[] } };
            const tiles = dashboard.mosaicLayout.tiles;
            expect(tiles.filter((tile) => tile.widget.text).map((tile) => tile.widget.title)).to.deep.equal([
                "System health",
                "API performance",
                "Database",
                "Cache",
                "Queues",
                "Public endpoint",
            ]);
            const lines = (title: string) => tiles.find((tile) => tile.widget.title === title)?.widget.xyChart?.thresholds?.map((line) => line.value);
            expect(lines("CPU utilization (fraction)")).to.deep.equal([0.7]);
            expect(lines("Total latency p95 (ms)")).to.deep.equal([500]);
            expect(lines("Connections")).to.deep.equal([2700]);
            expect(prod.outputs.observability).to.have.property("dashboards").that.has.length(1);
        });
    });
});
