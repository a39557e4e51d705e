// The stack's architecture as a Graphviz picture, drawn from the recorded resources only:
// the network with a box per zone and per subnet, the load balancer (with WAF and TLS), one
// box per fleet, the database with its replicas, the cache, buckets, queues and the alerting
// path. Roles come from the cloud's view (views.ts), so every cloud gets the same picture.

import { instance, Viz } from "@viz-js/viz";
import type { RecordedResource, SynthResult } from "../synth";
import { COMPONENTS, isCloudResource, StackGraph, stackRegion } from "./graph";
import { CloudView, Role, VIEWS } from "./views";
import { kubernetesBody } from "./viewKubernetes";

const TIER_ORDER = ["public", "app", "data"];
const FILL: Partial<Record<Role, string>> = {
    loadBalancer: "#dbeafe", waf: "#fee2e2", fleet: "#dcfce7", database: "#fef3c7", cache: "#fde68a",
    bucket: "#e0e7ff", queue: "#f3e8ff", nat: "#e5e7eb", topic: "#fce7f3", alarm: "#fce7f3",
    credentials: "#ede9fe", secret: "#ede9fe", pool: "#fef9c3", metrics: "#fef9c3", tracing: "#fef9c3", search: "#ccfbf1", vpnGateway: "#cffafe", backupJob: "#ede9fe",
};

/** The self-run search nodes are VMs: drawn as the search cluster, not as fleets. */
const SEARCH_NODE_TYPES = new Set(["gcp:compute/instance:Instance", "azure-native:compute:VirtualMachine"]);

/** A DOT string literal: quotes and backslashes escaped, lines joined with \n. */
function quote(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

export class Dot {
    private readonly lines: string[] = [];
    private readonly ids = new Map<string, string>();
    private depth = 1;

    id(key: string): string {
        if (!this.ids.has(key)) this.ids.set(key, `n${this.ids.size}`);
        return this.ids.get(key)!;
    }

    line(text: string): void {
        this.lines.push(`${"  ".repeat(this.depth)}${text}`);
    }

    node(key: string, label: string, attrs: Record<string, string> = {}): void {
        const extra = Object.entries(attrs).map(([k, v]) => `, ${k}=${quote(v)}`).join("");
        this.line(`${this.id(key)} [label=${quote(label)}${extra}];`);
    }

    edge(from: string, to: string, attrs: Record<string, string> = {}): void {
        const list = Object.entries(attrs).map(([k, v]) => `${k}=${quote(v)}`).join(", ");
        this.line(`${this.id(from)} -> ${this.id(to)}${list ? ` [${list}]` : ""};`);
    }

    cluster(name: string, label: string, body: () => void, style = "rounded"): void {
        this.line(`subgraph ${quote(`cluster_${name}`)} {`);
        this.depth += 1;
        this.line(`label=${quote(label)}; style=${quote(style)}; color="#9ca3af";`);
        body();
        this.depth -= 1;
        this.line("}");
    }

    text(header: string): string {
        return [header, ...this.lines, "}"].join("\n");
    }
}

function resourceLabel(view: CloudView, role: Role, r: RecordedResource, graph: StackGraph): string {
    return [r.name, r.type, view.detail(role, r, graph)].filter(Boolean).join("\n");
}

/** Without a view for the cloud, the picture falls back to one box per component with counts. */
function fallbackBody(dot: Dot, graph: StackGraph): void {
    for (const component of COMPONENTS) {
        const count = graph.resources.filter((r) => isCloudResource(r) && graph.componentOf(r) === component).length;
        dot.node(component, `${component}\n${count} resources`);
    }
}

export function diagramDot(result: SynthResult): string {
    const graph = new StackGraph(result);
    const view = VIEWS[result.cloud];
    const dot = new Dot();
    const title = `${result.project} / ${result.stack}: ${result.cloud} ${stackRegion(result) ?? ""}, ${result.tier}`;
    const header = [
        `digraph ${quote(result.stack)} {`,
        `  graph [label=${quote(title)}, labelloc="t", fontname="Helvetica", fontsize=14, rankdir="TB", compound=true, nodesep=0.3, ranksep=0.5, newrank=true];`,
        `  node [shape="box", style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];`,
        `  edge [fontname="Helvetica", fontsize=9, color="#4b5563"];`,
    ].join("\n");
    if (result.cloud === "kubernetes") {
        kubernetesBody(dot, graph);
        return dot.text(header);
    }
    if (!view) {
        fallbackBody(dot, graph);
        return dot.text(header);
    }
    const isSearchNode = (r: RecordedResource): boolean => graph.componentOf(r) === "Search" && SEARCH_NODE_TYPES.has(r.type);
    const roleOf = (r: RecordedResource): Role | undefined => (isSearchNode(r) ? "search" : view.roles[r.type]);
    const of = (role: Role): RecordedResource[] => graph.resources.filter((r) => roleOf(r) === role).sort((a, b) => a.urn.localeCompare(b.urn));
    const box = (role: Role, r: RecordedResource, attrs: Record<string, string> = {}): void =>
        dot.node(r.urn, resourceLabel(view, role, r, graph), { fillcolor: FILL[role] ?? "#ffffff", ...attrs });

    const lbs = of("loadBalancer");
    const fleets = of("fleet");
    const databases = of("database");
    const primaries = databases.filter((db) => !view.replicaOf(db, graph));
    const caches = of("cache");
    const pools = of("pool");
    const searches = of("search");
    const buckets = of("bucket");
    const dns = of("dns");
    const alarms = of("alarm");
    const topics = of("topic");
    const secrets = of("secret");
    // Azure's dump job is a Container Apps job like its credentials job: the component tells them apart.
    const inBackups = (r: RecordedResource): boolean => graph.componentOf(r) === "Backups";
    const credentials = of("credentials").filter((r) => !inBackups(r));
    const dumpJobs = [...of("backupJob"), ...of("credentials").filter(inBackups)];

    dot.node("internet", "Internet", { shape: "ellipse", fillcolor: "#f9fafb" });
    if (dns.length) {
        // Validation records (ACM's "_..." names) are plumbing, not names users reach.
        const names = [...new Set(dns.map((r) => String(r.inputs.name ?? "")).filter((name) => name && !name.startsWith("_")))];
        dot.node("dns", `${dns.length} DNS records\n${dns[0].type}\n${names.join("\n")}`, { fillcolor: "#ecfeff" });
    }
    dot.cluster("cloud", `${result.cloud} ${stackRegion(result) ?? ""}`, () => {
        of("waf").forEach((r) => box("waf", r));
        of("certificate").forEach((r) => box("certificate", r, { shape: "note" }));
        for (const network of of("network")) {
            dot.cluster(`net_${dot.id(network.urn)}`, resourceLabel(view, "network", network, graph), () => {
                const subnets = of("subnet").map((r) => ({ r, ...view.subnet(r) }));
                const zones = [...new Set(subnets.map((s) => s.zone))].sort();
                zones.forEach((zone, zi) =>
                    dot.cluster(`zone_${zi}`, zone, () => {
                        const inZone = subnets.filter((s) => s.zone === zone).sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier));
                        for (const s of inZone) {
                            dot.cluster(`subnet_${dot.id(s.r.urn)}`, `${s.tier} ${s.cidr}`, () => {
                                dot.node(s.r.urn, `${s.r.name}\n${s.r.type}`, { shape: "plaintext", style: "", fontsize: "8" });
                                of("nat").filter((nat) => nat.dependsOn.includes(s.r.urn)).forEach((nat) => box("nat", nat));
                            }, "rounded,dashed");
                        }
                        // Stacks a zone's subnets public, app, data, like the tiers they are.
                        inZone.slice(1).forEach((s, index) => dot.edge(inZone[index].r.urn, s.r.urn, { style: "invis" }));
                    }),
                );
                lbs.forEach((r) => box("loadBalancer", r));
                of("cluster").forEach((r) => box("cluster", r, { shape: "component" }));
                fleets.forEach((r) => box("fleet", r));
                pools.forEach((r) => box("pool", r));
                databases.forEach((r) => box("database", r, { shape: "cylinder", style: "filled" }));
                caches.forEach((r) => box("cache", r, { shape: "cylinder", style: "filled" }));
                searches.forEach((r) => box("search", r, { shape: "cylinder", style: "filled" }));
                of("credentials").forEach((r) => box("credentials", r));
                credentials.forEach((r) => box("credentials", r));
                of("vpnGateway").forEach((r) => box("vpnGateway", r, { shape: "hexagon" }));
                dumpJobs.forEach((r) => box("backupJob", r));
            });
        }
        if (secrets.length) dot.node("secrets", `${secrets.length} secrets\n${secrets[0].type}`, { fillcolor: FILL.secret!, shape: "note" });
        buckets.forEach((r) => box("bucket", r, { shape: "folder", style: "filled" }));
        of("queue").forEach((r) => box("queue", r));
        dot.cluster("observability", "Observability", () => {
            if (alarms.length) dot.node("alarms", `${alarms.length} alarms\n${alarms[0].type}`, { fillcolor: FILL.alarm! });
            topics.forEach((r) => box("topic", r));
            of("dashboard").forEach((r) => box("dashboard", r));
            of("budget").forEach((r) => box("budget", r));
            of("healthCheck").forEach((r) => box("healthCheck", r));
            of("metrics").forEach((r) => box("metrics", r, { shape: "cylinder", style: "filled" }));
            of("tracing").forEach((r) => box("tracing", r));
        });
    });

    // The request path, left to right: users, DNS, load balancer, fleets, data.
    for (const lb of lbs) {
        dot.edge(dns.length ? "dns" : "internet", lb.urn, { label: "HTTPS" });
        of("waf").forEach((waf) => dot.edge(waf.urn, lb.urn, { style: "dashed", label: "filters", arrowhead: "odot" }));
        of("certificate").forEach((cert) => dot.edge(cert.urn, lb.urn, { style: "dashed", label: "TLS", arrowhead: "none" }));
        graph.dependencies(lb).filter((dep) => view.roles[dep.type] === "bucket").forEach((b) => dot.edge(lb.urn, b.urn, { style: "dotted", label: "access logs" }));
        fleets.forEach((fleet) => {
            const port = view.servedPort(fleet, graph);
            if (port) dot.edge(lb.urn, fleet.urn, { label: port });
        });
    }
    for (const cluster of of("cluster")) {
        fleets.filter((fleet) => graph.dependencies(fleet).includes(cluster)).forEach((pool) => dot.edge(cluster.urn, pool.urn, { label: "schedules pods", style: "dashed" }));
    }
    if (dns.length) {
        dot.edge("internet", "dns", { label: "DNS" });
        of("healthCheck").forEach((check) => dot.edge(check.urn, "dns", { style: "dashed", label: "probes", constraint: "false" }));
    }
    // Application fleets use the data tier; other fleets (a bastion host) only get a box.
    for (const fleet of fleets.filter((f) => graph.componentOf(f) === "AppFleet")) {
        // With a connection pool the fleets reach the primary through it.
        (pools.length ? pools : primaries).forEach((target) => dot.edge(fleet.urn, target.urn, { label: "SQL" }));
        caches.forEach((cache) => dot.edge(fleet.urn, cache.urn, { label: "Redis" }));
        // Clients reach the data nodes (through the internal load balancer), never the managers.
        searches.filter((search) => !isSearchNode(search) || /-data-\d+$/.test(search.name)).forEach((search) => dot.edge(fleet.urn, search.urn, { label: "search (HTTPS)" }));
        for (const used of view.uses(fleet, graph)) {
            dot.edge(fleet.urn, used.urn, { label: view.roles[used.type] === "queue" ? "tasks" : "objects" });
        }
    }
    pools.forEach((pool) => primaries.forEach((db) => dot.edge(pool.urn, db.urn, { label: "pooled connections" })));
    // The application contract: the function keeps the credentials, the fleets read them at boot.
    for (const fn of credentials) {
        primaries.forEach((db) => dot.edge(fn.urn, db.urn, { label: "creates the app role", style: "dashed" }));
        if (secrets.length) dot.edge(fn.urn, "secrets", { label: "writes, rotates", style: "dashed" });
    }
    if (secrets.length) {
        fleets.filter((f) => graph.componentOf(f) === "AppFleet").forEach((fleet) => dot.edge(fleet.urn, "secrets", { label: "reads at boot", style: "dotted" }));
    }
    // The collectors beside the services write metrics and spans; Grafana reads them.
    for (const fleet of fleets.filter((f) => graph.componentOf(f) === "AppFleet")) {
        of("metrics").forEach((metrics) => dot.edge(fleet.urn, metrics.urn, { label: "metrics", style: "dotted" }));
        of("tracing").forEach((tracing) => dot.edge(fleet.urn, tracing.urn, { label: "traces", style: "dotted" }));
    }
    of("dashboard")
        .filter((board) => /grafana/i.test(board.type))
        .forEach((board) => [...of("metrics"), ...of("tracing")].forEach((source) => dot.edge(board.urn, source.urn, { label: "queries", style: "dashed" })));
    // The peer's network reaches the private tiers through the tunnels; the dump reads the primary.
    of("vpnGateway").forEach((gateway) => dot.edge("internet", gateway.urn, { label: "IPsec tunnels to the peer", style: "dashed" }));
    for (const job of dumpJobs) {
        primaries.forEach((db) => dot.edge(job.urn, db.urn, { label: "pg_dump / export", style: "dashed" }));
        graph.dependencies(job).filter((dep) => view.roles[dep.type] === "bucket").forEach((b) => dot.edge(job.urn, b.urn, { label: "daily dump", style: "dashed" }));
    }
    // Layout hint only: alerting below the data tier.
    const lowest = [...caches, ...databases].pop();
    const firstObserver = alarms.length ? "alarms" : topics[0]?.urn;
    if (lowest && firstObserver) dot.edge(lowest.urn, firstObserver, { style: "invis" });
    databases.forEach((db) => {
        const primary = view.replicaOf(db, graph);
        if (primary) dot.edge(primary.urn, db.urn, { label: "replicates", style: "dashed" });
    });
    of("queue").forEach((queue) => graph.dependencies(queue).filter((dep) => view.roles[dep.type] === "queue").forEach((dlq) => dot.edge(queue.urn, dlq.urn, { label: "dead letters", style: "dashed" })));
    for (const topic of topics) {
        if (alarms.length) dot.edge("alarms", topic.urn, { label: "notify" });
        of("budget").forEach((budget) => dot.edge(budget.urn, topic.urn, { label: "notify" }));
    }
    return dot.text(header);
}

let viz: Promise<Viz> | undefined;

/** SVG of the stack, rendered by Graphviz compiled to WebAssembly (no binary to install). */
export async function renderDiagram(result: SynthResult): Promise<string> {
    viz ??= instance();
    return (await viz).renderString(diagramDot(result), { format: "svg", engine: "dot" });
}
