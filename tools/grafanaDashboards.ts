// Writes the platform's Grafana dashboards (system health, API performance, database
// performance) as JSON files for `az grafana dashboard import`:
//   npx tsx tools/grafanaDashboards.ts <dir> [--subscription <id>] [--resource-group <name>] [--server <name>]
// The flags fill the database dashboard's variables; each stays editable in Grafana.

import * as fs from "fs";
import * as path from "path";
import { grafanaDashboards } from "../providers/azure/grafanaDashboards";
import { FEATURE_CONSTANTS } from "../tiers/features";

const DASHBOARDS = ["system-health", "api-performance", "database-performance"] as const;

function flag(args: string[], name: string): string | undefined {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
}

function main(args: string[]): number {
    const dir = args[0];
    if (!dir || dir.startsWith("--")) {
        console.error("usage: npx tsx tools/grafanaDashboards.ts <dir> [--subscription <id>] [--resource-group <name>] [--server <name>]");
        return 2;
    }
    const dashboards = grafanaDashboards(
        { dashboards: DASHBOARDS, scrapeIntervalSeconds: FEATURE_CONSTANTS.scrapeIntervalSeconds },
        { subscriptionId: flag(args, "--subscription"), resourceGroup: flag(args, "--resource-group"), databaseServer: flag(args, "--server") },
    );
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, json] of Object.entries(dashboards)) {
        const file = path.join(dir, `${name}.json`);
        fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
        console.log(file);
    }
    return 0;
}

process.exitCode = main(process.argv.slice(2));
