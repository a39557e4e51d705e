// Writes schema/stack.schema.json, the JSON Schema editors use to complete and check
// Pulumi.<stack>.yaml, from the program's own config schema and Pulumi.yaml's key descriptions.
// `--check` exits 1 when the file on disk is not what the program would write (CI keeps it in step).
//
//   npm run schema            regenerate
//   npm run schema -- --check verify

import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { stackFileSchema } from "../config/jsonSchema";

export const SCHEMA_FILE = path.join(__dirname, "..", "schema", "stack.schema.json");

/** The `description` of each key Pulumi.yaml declares. */
export function projectDescriptions(projectFile = path.join(__dirname, "..", "Pulumi.yaml")): Record<string, string> {
    const project = YAML.parse(fs.readFileSync(projectFile, "utf8")) as { config?: Record<string, { description?: string }> };
    return Object.fromEntries(Object.entries(project.config ?? {}).flatMap(([key, entry]) => (entry?.description ? [[key, entry.description]] : [])));
}

export function renderSchema(): string {
    return `${JSON.stringify(stackFileSchema(projectDescriptions()), null, 2)}\n`;
}

if (require.main === module) {
    const rendered = renderSchema();
    if (process.argv.includes("--check")) {
        const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
        if (current !== rendered) {
            console.error(`${path.relative(process.cwd(), SCHEMA_FILE)} is out of date; run npm run schema`);
            process.exit(1);
        }
        console.log(`${path.relative(process.cwd(), SCHEMA_FILE)} is up to date`);
    } else {
        fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
        fs.writeFileSync(SCHEMA_FILE, rendered);
        console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    }
}
