// The Azure portal dashboard as a pure function of plain, already-resolved resource ids, so the
// layout is tested without Pulumi. Sections follow the dashboards the seeds ask for: system
// health, API performance, database, cache, queues (and the public endpoint's availability).

import { AlarmThresholds } from "../../tiers/types";

export interface DashboardInput {
    thresholds: AlarmThresholds;
    scaleSets: { service: string; id: string }[];
    /** runtime kubernetes: the AKS cluster whose node pools replace the scale sets. */
    clusterId?: string;
    gatewayId?: string;
    database: {
        primaryId: string;
        replicaIds: string[];
        /** Connection count the connections alert fires at. */
        connectionsAlarmAt: number;
        cpuAlarmPercent: number;
        storageAlarmPercent: number;
    };
    cacheId: string;
    /** Service Bus namespace and the worker queues in it. */
    queues?: { namespaceId: string; entities: { service: string; queueName: string }[] };
    /** Queue depth above which workers scale out. */
    queueScaleOutDepth: number;
    /** Application Insights component holding the availability test's results. */
    availabilityComponentId?: string;
}

/** Azure Monitor's aggregation codes in chart definitions. */
const AGGREGATION = { Total: 1, Minimum: 2, Maximum: 3, Average: 4, Count: 7 } as const;
type Aggregation = keyof typeof AGGREGATION;

interface ChartMetric {
    resourceId: string;
    metric: string;
    label: string;
    aggregation?: Aggregation;
}

interface Panel {
    /** Portal charts draw no threshold lines: the alert's threshold is named in the title. */
    title: string;
    metrics: ChartMetric[];
    /** One dimension filter (e.g. a queue's EntityName) or split. */
    filter?: { dimension: string; values: string[] };
    splitBy?: string;
}

interface Section {
    title: string;
    panels: Panel[];
}

const GRID_COLUMNS = 18;
const PANELS_PER_ROW = 3;
const PANEL_HEIGHT = 4;

/** "microsoft.compute/virtualmachinescalesets" from a resource id: the metric namespace. */
export function metricNamespaceOf(resourceId: string): string {
    const match = /\/providers\/([^/]+)\/([^/]+)\/[^/]+$/i.exec(resourceId);
    return match ? `${match[1]}/${match[2]}`.toLowerCase() : "";
}

function clusterHealth(input: DashboardInput, clusterId: string): Section {
    const t = input.thresholds;
    const byPool = (metric: string, aggregation: Aggregation) => [{ resourceId: clusterId, metric, label: "nodes", aggregation }];
    return {
        title: "System health",
        panels: [
            { title: `Node CPU (%), alert > ${t.cpuPercent}%`, metrics: byPool("node_cpu_usage_percentage", "Average"), splitBy: "nodepool" },
            { title: `Node memory working set (%), alert > ${t.memoryPercent}%`, metrics: byPool("node_memory_working_set_percentage", "Average"), splitBy: "nodepool" },
            { title: "Pods ready", metrics: byPool("kube_pod_status_ready", "Average"), splitBy: "namespace" },
        ],
    };
}

function systemHealth(input: DashboardInput): Section {
    const t = input.thresholds;
    if (input.clusterId) {
        return clusterHealth(input, input.clusterId);
    }
    const perSet = (metric: string) => input.scaleSets.map((set) => ({ resourceId: set.id, metric, label: set.service }));
    return {
        title: "System health",
        panels: [
            { title: `CPU (%), alert > ${t.cpuPercent}%`, metrics: perSet("Percentage CPU") },
            { title: `Available memory (%), alert < ${100 - t.memoryPercent}%`, metrics: perSet("Available Memory Percentage") },
            { title: "OS disk queue depth", metrics: perSet("OS Disk Queue Depth") },
        ],
    };
}

function apiPerformance(input: DashboardInput, gatewayId: string): Section {
    const t = input.thresholds;
    return {
        title: "API performance",
        panels: [
            { title: "Requests", metrics: [{ resourceId: gatewayId, metric: "TotalRequests", label: "requests", aggregation: "Total" }] },
            {
                title: `Total time (ms), p95 alert > ${t.responseTimeP95Ms} ms`,
                metrics: [{ resourceId: gatewayId, metric: "ApplicationGatewayTotalTime", label: "average", aggregation: "Average" }],
            },
            {
                title: `Responses by status, alert > ${t.errorRatePercent}% 5xx`,
                metrics: [{ resourceId: gatewayId, metric: "ResponseStatus", label: "responses", aggregation: "Total" }],
                splitBy: "HttpStatusGroup",
            },
        ],
    };
}

function database(input: DashboardInput): Section {
    const db = input.database;
    const instances = [db.primaryId, ...db.replicaIds];
    const perInstance = (metric: string, aggregation: Aggregation) =>
        instances.map((id, index) => ({ resourceId: id, metric, label: index === 0 ? "primary" : `replica ${index}`, aggregation }));
    return {
        title: "Database",
        panels: [
            { title: `Active connections, alert > ${db.connectionsAlarmAt}`, metrics: perInstance("active_connections", "Maximum") },
            { title: `CPU (%), alert > ${db.cpuAlarmPercent}%`, metrics: perInstance("cpu_percent", "Average") },
            { title: `Storage used (%), alert > ${db.storageAlarmPercent}%`, metrics: perInstance("storage_percent", "Maximum") },
        ],
    };
}

function cache(input: DashboardInput): Section {
    const t = input.thresholds;
    const one = (metric: string, label: string, aggregation: Aggregation) => [{ resourceId: input.cacheId, metric, label, aggregation }];
    return {
        title: "Cache",
        panels: [
            { title: `Memory used (%), alert > ${t.cacheMemoryPercent}%`, metrics: one("usedmemorypercentage", "memory", "Maximum") },
            // Redis is single-threaded: server load, not host CPU, is the limit.
            { title: "Server load (%)", metrics: one("serverLoad", "load", "Maximum") },
            { title: "Connected clients", metrics: one("connectedclients", "clients", "Maximum") },
        ],
    };
}

function queues(input: DashboardInput, namespaceId: string, entities: { service: string; queueName: string }[]): Section {
    return {
        title: "Queues",
        panels: [
            {
                title: `Messages waiting, scale out > ${input.queueScaleOutDepth}`,
                metrics: [{ resourceId: namespaceId, metric: "ActiveMessages", label: "active", aggregation: "Maximum" }],
                filter: { dimension: "EntityName", values: entities.map((entity) => entity.queueName) },
                splitBy: "EntityName",
            },
            {
                title: "Dead-lettered messages",
                metrics: [{ resourceId: namespaceId, metric: "DeadletteredMessages", label: "dead-lettered", aggregation: "Maximum" }],
                filter: { dimension: "EntityName", values: entities.map((entity) => entity.queueName) },
                splitBy: "EntityName",
            },
        ],
    };
}

function endpoint(componentId: string): Section {
    return {
        title: "Public endpoint",
        panels: [
            {
                title: "Availability (%)",
                metrics: [{ resourceId: componentId, metric: "availabilityResults/availabilityPercentage", label: "availability", aggregation: "Average" }],
            },
        ],
    };
}

export function dashboardSections(input: DashboardInput): Section[] {
    const sections = [systemHealth(input)];
    if (input.gatewayId) sections.push(apiPerformance(input, input.gatewayId));
    sections.push(database(input), cache(input));
    if (input.queues?.entities.length) sections.push(queues(input, input.queues.namespaceId, input.queues.entities));
    if (input.availabilityComponentId) sections.push(endpoint(input.availabilityComponentId));
    return sections;
}

/** A part's metadata as the portal reads it: inputs, part type, settings. */
export interface PartMetadata {
    inputs: Record<string, unknown>[];
    type: string;
    settings: Record<string, unknown>;
}

function chartPart(panel: Panel): PartMetadata {
    const chart: Record<string, unknown> = {
        title: panel.title,
        titleKind: 2,
        metrics: panel.metrics.map((metric) => ({
            resourceMetadata: { id: metric.resourceId },
            name: metric.metric,
            aggregationType: AGGREGATION[metric.aggregation ?? "Average"],
            namespace: metricNamespaceOf(metric.resourceId),
            metricVisualization: { displayName: metric.label },
        })),
        visualization: { chartType: 2, legendVisualization: { isVisible: true, position: 2, hideSubtitle: false } },
    };
    if (panel.filter) {
        chart.filterCollection = { filters: [{ key: panel.filter.dimension, operator: 0, values: panel.filter.values }] };
    }
    if (panel.splitBy) {
        chart.grouping = { dimension: panel.splitBy, sort: 2, top: 10 };
    }
    return {
        inputs: [
            { name: "options", isOptional: true },
            { name: "sharedTimeRange", isOptional: true },
        ],
        type: "Extension/HubsExtension/PartType/MonitorChartPart",
        settings: { content: { options: { chart } } },
    };
}

function markdownPart(title: string): PartMetadata {
    return {
        inputs: [],
        type: "Extension/HubsExtension/PartType/MarkdownPart",
        settings: { content: { settings: { content: `## ${title}`, title: "", subtitle: "" } } },
    };
}

/** The dashboard's `properties`: a header per section, then its charts three to a row, last 24 hours. */
export function buildDashboard(input: DashboardInput) {
    const parts: { position: { x: number; y: number; colSpan: number; rowSpan: number }; metadata: PartMetadata }[] = [];
    const width = GRID_COLUMNS / PANELS_PER_ROW;
    let y = 0;
    for (const section of dashboardSections(input)) {
        parts.push({ position: { x: 0, y, colSpan: GRID_COLUMNS, rowSpan: 1 }, metadata: markdownPart(section.title) });
        y += 1;
        section.panels.forEach((panel, index) => {
            const column = index % PANELS_PER_ROW;
            if (index > 0 && column === 0) y += PANEL_HEIGHT;
            parts.push({ position: { x: column * width, y, colSpan: width, rowSpan: PANEL_HEIGHT }, metadata: chartPart(panel) });
        });
        y += PANEL_HEIGHT;
    }
    return {
        lenses: [{ order: 0, parts }],
        metadata: {
            model: {
                timeRange: { value: { relative: { duration: 24, timeUnit: 1 } }, type: "MsPortalFx.Composition.Configuration.ValueTypes.TimeRange" },
            },
        },
    };
}
