// Azure observability on recorded plans: the seeds' alert thresholds and windows per tier, log
// retention, diagnostics of every stateful and edge resource, the action group, the availability
// test, the dashboard and the budget. Numbers are the documents'.
import { expect } from "chai";
import { budgetStartDate, derivedNameProblems, metricWindow, observabilityNames, shortName } from "../../providers/azure/alertRules";
import { buildDashboard, dashboardSections, metricNamespaceOf } from "../../providers/azure/dashboard";
import { build, inputs, Inputs, ofType, one, tierConfig } from "../helpers/stacks";
import { RecordedResource, SynthResult } from "../../tools/synth";

const AZURE = { cloud: "azure", region: "eastus" };
const development = () => build("azure-dev", tierConfig("development", { ...AZURE, domain: undefined }));
const staging = () => build("azure-staging", tierConfig("staging", AZURE));
const medium = () => build("azure-prod", tierConfig("production-medium", AZURE));

const WORKSPACE = "azure-native:operationalinsights:Workspace";
const METRIC_ALERT = "azure-native:monitor:MetricAlert";
const QUERY_RULE = "azure-native:monitor:ScheduledQueryRule";
const DIAGNOSTICS = "azure-native:monitor:DiagnosticSetting";
const ACTION_GROUP = "azure-native:monitor:ActionGroup";

/** How the recorded plan shows a resource's id. */
function idOf(resource: RecordedResource): string {
    return `${resource.name}-id`;
}

function alert(result: SynthResult, role: string): Inputs {
    return inputs(one(result, METRIC_ALERT, `-obs-${role}`));
}

function criterion(result: SynthResult, role: string): Inputs {
    const rule = alert(result, role);
    expect(rule.criteria.odataType).to.equal("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria");
    expect(rule.criteria.allOf).to.have.length(1);
    return { ...rule.criteria.allOf[0], windowSize: rule.windowSize, severity: rule.severity, autoMitigate: rule.autoMitigate };
}

describe("Azure observability: log retention and the action group", () => {
    it("keeps logs 365 days in production and 30 in staging; development's 14 is raised to the workspace minimum of 30", async () => {
        expect(inputs(one(await medium(), WORKSPACE, "-obs-workspace")).retentionInDays).to.equal(365);
        expect(inputs(one(await staging(), WORKSPACE, "-obs-workspace")).retentionInDays).to.equal(30);
        expect(inputs(one(await development(), WORKSPACE, "-obs-workspace")).retentionInDays).to.equal(30);
        const workspace = inputs(one(await medium(), WORKSPACE, "-obs-workspace"));
        expect(workspace.sku).to.deep.equal({ name: "PerGB2018" });
        expect(workspace.features.disableLocalAuth).to.equal(true);
    });

    it("pages the alert e-mail through one action group, which every alert and the budget notify", async () => {
        const result = await medium();
        const group = one(result, ACTION_GROUP);
        const args = inputs(group);
        expect(args.emailReceivers).to.deep.equal([{ name: "on-call", emailAddress: "ops@example.com", useCommonAlertSchema: true }]);
        expect(args.groupShortName.length).to.be.at.most(12);
        const groupId = idOf(group);
        for (const rule of ofType(result, METRIC_ALERT)) {
            expect(inputs(rule).actions, rule.name).to.deep.equal([{ actionGroupId: groupId }]);
        }
        for (const rule of ofType(result, QUERY_RULE)) {
            expect(inputs(rule).actions.actionGroups, rule.name).to.deep.equal([groupId]);
        }
        expect(inputs(one(result, "azure-native:consumption:Budget")).notifications.actualAbove.contactGroups).to.deep.equal([groupId]);
    });
});

describe("Azure observability: the seeds' alerts", () => {
    it("fleet CPU above 70 % for 5 minutes and memory above 80 % (available below 20 %) for 5 minutes, per scale set", async () => {
        const result = await medium();
        for (const service of ["web", "worker"]) {
            expect(criterion(result, `${service}-cpu`)).to.deep.include({ metricName: "Percentage CPU", operator: "GreaterThan", threshold: 70, timeAggregation: "Average", windowSize: "PT5M" });
            expect(criterion(result, `${service}-memory`)).to.deep.include({ metricName: "Available Memory Percentage", operator: "LessThan", threshold: 20, windowSize: "PT5M" });
            expect(alert(result, `${service}-cpu`).scopes).to.deep.equal([idOf(one(result, "azure-native:compute:VirtualMachineScaleSet", `-${service}-scale-set`))]);
        }
    });

    it("gateway 5xx above 1 % of requests over 5 minutes and p95 above 500 ms, from the gateway's access logs", async () => {
        const result = await medium();
        const rate = inputs(one(result, QUERY_RULE, "-gateway-5xx-rate"));
        expect(rate).to.deep.include({ kind: "LogAlert", windowSize: "PT5M", severity: 1, autoMitigate: true });
        expect(rate.criteria.allOf[0]).to.deep.include({ metricMeasureColumn: "errorRatePercent", operator: "GreaterThan", threshold: 1 });
        const gateway = idOf(one(result, "azure-native:network:ApplicationGateway"));
        expect(rate.criteria.allOf[0].query).to.contain("AGWAccessLogs").and.contain("HttpStatus >= 500").and.contain(`_ResourceId =~ '${gateway}'`);
        expect(rate.scopes).to.deep.equal([idOf(one(result, WORKSPACE, "-obs-workspace"))]);
        const latency = inputs(one(result, QUERY_RULE, "-gateway-latency-p95"));
        expect(latency.windowSize).to.equal("PT5M");
        expect(latency.criteria.allOf[0]).to.deep.include({ metricMeasureColumn: "p95Ms", threshold: 500 });
        expect(latency.criteria.allOf[0].query).to.contain("percentile(TimeTaken, 95) * 1000");
    });

    it("database connections above 90 % of max_connections, in Azure's 1-minute window (the document's 2 minutes is not offered)", async () => {
        const result = await medium();
        const connections = criterion(result, "db-connections");
        const [, alarmAt, max] = /\((\d+) of (\d+)\)/.exec(alert(result, "db-connections").description)!.map(Number);
        expect(connections).to.deep.include({ metricName: "active_connections", operator: "GreaterThan", timeAggregation: "Maximum", windowSize: "PT1M", severity: 1 });
        expect(connections.threshold).to.equal(alarmAt).and.to.equal(Math.floor((max * 90) / 100));
        expect(criterion(result, "db-cpu")).to.deep.include({ metricName: "cpu_percent", threshold: 80, windowSize: "PT15M" });
        expect(criterion(result, "db-storage")).to.deep.include({ metricName: "storage_percent", threshold: 90, windowSize: "PT5M" });
    });

    it("Redis memory above 85 % for 5 minutes", async () => {
        expect(criterion(await medium(), "cache-memory")).to.deep.include({ metricName: "usedmemorypercentage", operator: "GreaterThan", threshold: 85, windowSize: "PT5M" });
    });

    it("a worker backlog above the scale-out depth of 100 for 15 minutes", async () => {
        const backlog = criterion(await medium(), "worker-backlog");
        expect(backlog).to.deep.include({ metricName: "ActiveMessages", operator: "GreaterThan", threshold: 100, timeAggregation: "Minimum", windowSize: "PT15M" });
        expect(backlog.dimensions).to.deep.equal([{ name: "EntityName", operator: "Include", values: ["worker"] }]);
    });

    it("takes a stack's own thresholds (platform:alarms) over the tier's", async () => {
        const result = await build("azure-alarms", tierConfig("staging", { ...AZURE, alarms: { cpuPercent: 60, cpuMinutes: 15 } }));
        expect(criterion(result, "web-cpu")).to.deep.include({ threshold: 60, windowSize: "PT15M" });
    });

    it("never alerts later than the documents ask: windows round down to what Azure accepts", () => {
        expect(metricWindow(2)).to.deep.equal({ minutes: 1, iso: "PT1M" });
        expect(metricWindow(5).iso).to.equal("PT5M");
        expect(metricWindow(10).iso).to.equal("PT5M");
        expect(metricWindow(60).iso).to.equal("PT1H");
        expect(metricWindow(0).iso).to.equal("PT1M");
    });
});

describe("Azure observability: availability test", () => {
    it("probes https://<domain>/api/health from 5 locations every 300 s and alerts when 3 fail", async () => {
        const result = await medium();
        const test = inputs(one(result, "azure-native:applicationinsights:WebTest"));
        expect(test).to.deep.include({ kind: "standard", webTestKind: "standard", frequency: 300, enabled: true });
        expect(test.request.requestUrl).to.equal("https://acme-lms.com/api/health");
        expect(test.validationRules).to.deep.include({ expectedHttpStatusCode: 200, sSLCheck: true });
        expect(test.locations).to.have.length(5);
        const component = one(result, "azure-native:applicationinsights:Component", "-obs-insights");
        expect(test.tags[`hidden-link:${idOf(component)}`]).to.equal("Resource");
        const rule = alert(result, "availability-alert");
        expect(rule.criteria).to.deep.include({ odataType: "Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", failedLocationCount: 3 });
        expect(inputs(component).workspaceResourceId).to.equal(idOf(one(result, WORKSPACE, "-obs-workspace")));
    });

    it("has no availability test without a domain: a self-signed certificate cannot pass from the internet", async () => {
        expect(ofType(await development(), "azure-native:applicationinsights:WebTest")).to.have.length(0);
    });
});

describe("Azure observability: diagnostics", () => {
    it("sends all logs and metrics of the database, cache, Key Vault, blob service, gateway and Service Bus to the workspace", async () => {
        const result = await medium();
        const settings = ofType(result, DIAGNOSTICS).map(inputs);
        const workspace = idOf(one(result, WORKSPACE, "-obs-workspace"));
        const account = ofType(result, "azure-native:storage:StorageAccount").find((resource) => !resource.name.includes("flowlogs"))!;
        const targets = [
            ...ofType(result, "azure-native:dbforpostgresql:Server").map(idOf),
            idOf(one(result, "azure-native:redis:Redis")),
            ...ofType(result, "azure-native:keyvault:Vault").map((vault) => {
                // The paired region's vault is named by its ARM id: it lives in another component.
                const name = inputs(vault).vaultName as string;
                return vault.name.endsWith("-network-vault") ? idOf(vault) : settings.find((setting) => String(setting.resourceUri).endsWith(`/vaults/${name}`))?.resourceUri;
            }),
            `${idOf(account)}/blobServices/default`,
            idOf(one(result, "azure-native:network:ApplicationGateway")),
            idOf(one(result, "azure-native:servicebus:Namespace")),
        ];
        for (const target of targets) {
            const found = settings.filter((setting) => setting.resourceUri === target);
            expect(found, target).to.have.length(1);
            expect(found[0].workspaceId).to.equal(workspace);
            expect(found[0].logs, target).to.deep.equal([{ categoryGroup: "allLogs", enabled: true }]);
        }
        const gateway = settings.find((setting) => setting.resourceUri === idOf(one(result, "azure-native:network:ApplicationGateway")))!;
        expect(gateway.logAnalyticsDestinationType).to.equal("Dedicated");
        expect(gateway.metrics).to.deep.equal([{ category: "AllMetrics", enabled: true }]);
    });
});

describe("Azure observability: dashboard and budget", () => {
    it("one dashboard with the seeds' sections", async () => {
        const dashboard = inputs(one(await medium(), "azure-native:portal:Dashboard"));
        const titles = dashboard.properties.lenses[0].parts
            .filter((part: Inputs) => part.metadata.type === "Extension/HubsExtension/PartType/MarkdownPart")
            .map((part: Inputs) => part.metadata.settings.content.settings.content);
        expect(titles).to.deep.equal(["## System health", "## API performance", "## Database", "## Cache", "## Queues", "## Public endpoint"]);
    });

    it("a monthly budget of 5000 USD on the platform's resource group, notifying at 80 % actual spend", async () => {
        const result = await medium();
        const budget = inputs(one(result, "azure-native:consumption:Budget"));
        expect(budget).to.deep.include({ amount: 5000, category: "Cost", timeGrain: "Monthly" });
        expect(budget.scope).to.equal(idOf(one(result, "azure-native:resources:ResourceGroup")));
        expect(budget.notifications.actualAbove).to.deep.include({ threshold: 80, thresholdType: "Actual", operator: "GreaterThan", contactEmails: ["ops@example.com"] });
        expect(budget.timePeriod.startDate).to.match(/^\d{4}-\d{2}-01T00:00:00Z$/);
        expect(budgetStartDate(new Date(Date.UTC(2026, 10, 29, 13, 0)))).to.equal("2026-11-01T00:00:00Z");
        expect(budgetStartDate(new Date(Date.UTC(2027, 0, 1)))).to.equal("2027-01-01T00:00:00Z");
    });

    it("tags every taggable monitoring resource", async () => {
        const result = await medium();
        for (const type of [WORKSPACE, METRIC_ALERT, QUERY_RULE, ACTION_GROUP, "azure-native:applicationinsights:Component", "azure-native:portal:Dashboard"]) {
            for (const resource of ofType(result, type)) {
                expect(inputs(resource).tags, resource.name).to.deep.include({ tier: "production-medium", "managed-by": "pulumi" });
            }
        }
    });

    it("workspace and budget names Azure accepts, and which stack names it would refuse", () => {
        expect(derivedNameProblems(Object.values(observabilityNames("platform-prod")))).to.deep.equal([]);
        const problems = derivedNameProblems(Object.values(observabilityNames(`platform-${"x".repeat(52)}`)));
        expect(problems).to.have.length(2);
        expect(problems[0]).to.match(/^Log Analytics workspace name .* is 66 characters; Azure accepts at most 63/);
    });

    it("short names and metric namespaces Azure accepts", () => {
        expect(shortName("platform-production")).to.equal("platform-pro");
        expect(shortName("a-very-long-")).to.equal("a-very-long");
        expect(metricNamespaceOf("/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachineScaleSets/web")).to.equal("microsoft.compute/virtualmachinescalesets");
        const input = {
            thresholds: { cpuPercent: 70, cpuMinutes: 5, memoryPercent: 80, memoryMinutes: 5, errorRatePercent: 1, errorRateMinutes: 5, responseTimeP95Ms: 500, dbConnectionsPercent: 90, dbConnectionsMinutes: 2, cacheMemoryPercent: 85, cacheMemoryMinutes: 5 },
            scaleSets: [{ service: "web", id: "/x/providers/Microsoft.Compute/virtualMachineScaleSets/web" }],
            database: { primaryId: "/x/providers/Microsoft.DBforPostgreSQL/flexibleServers/db", replicaIds: [], connectionsAlarmAt: 90, cpuAlarmPercent: 80, storageAlarmPercent: 90 },
            cacheId: "/x/providers/Microsoft.Cache/redis/c",
            queueScaleOutDepth: 100,
        };
        expect(dashboardSections(input).map((section) => section.title)).to.deep.equal(["System health", "Database", "Cache"]);
        const parts = buildDashboard(input).lenses[0].parts;
        expect(parts).to.have.length(3 + 3 * 3);
        expect(parts.every((part) => part.position.x + part.position.colSpan <= 18)).to.equal(true);
    });
});
