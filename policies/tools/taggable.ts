// Regenerates data/<cloud>-taggable-types.json: every @pulumi/aws and @pulumi/azure-native
// resource type that takes a `tags` input, and data/gcp-labelled-types.json: every @pulumi/gcp
// type that takes `labels` (or, for Cloud Monitoring, `userLabels`), read from the installed
// provider SDKs so the pack
// itself never loads them.
//   npx tsx policies/tools/taggable.ts        (from the repository root)

import * as fs from "fs";
import * as path from "path";

interface TaggableTypes {
    generatedFrom: string;
    /** Types whose `tags` is a list of { key, value, propagateAtLaunch } rather than a map. */
    listTags: string[];
    types: string[];
}

function walk(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "types" || entry.name === "node_modules" ? [] : walk(full);
        }
        return entry.name.endsWith(".js") ? [full] : [];
    });
}

export function scan(root: string): TaggableTypes {
    const { name, version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string };
    const types: string[] = [];
    const listTags: string[] = [];
    for (const file of walk(root)) {
        const source = fs.readFileSync(file, "utf8");
        const token = /static __pulumiType = '([^']+)'/.exec(source)?.[1];
        if (!token || !source.includes('resourceInputs["tags"] = args?.tags')) {
            continue;
        }
        types.push(token);
        const declarations = fs.readFileSync(file.replace(/\.js$/, ".d.ts"), "utf8");
        const argsBlock = declarations.slice(declarations.lastIndexOf("Args {"));
        if (/\n {4}tags\?: pulumi\.Input<pulumi\.Input<inputs\.[^>]+>\[\]/.test(argsBlock)) {
            listTags.push(token);
        }
    }
    return { generatedFrom: `${name} ${version}`, listTags: listTags.sort(), types: [...new Set(types)].sort() };
}

interface LabelledTypes {
    generatedFrom: string;
    /** Types with a `labels` map input. */
    types: string[];
    /** Types whose own labels are `userLabels` (Cloud Monitoring), even where `labels` exists. */
    userLabels: string[];
}

export function scanGcp(root: string): LabelledTypes {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    const types = new Set<string>();
    const userLabels = new Set<string>();
    for (const file of walk(root)) {
        const source = fs.readFileSync(file, "utf8");
        const token = /static __pulumiType = '([^']+)'/.exec(source)?.[1];
        if (!token) {
            continue;
        }
        // A notification channel's `labels` are its settings (e.g. email_address); its own
        // labels are `userLabels`, so that input wins wherever a type has both.
        if (source.includes('resourceInputs["userLabels"] = args?.userLabels')) {
            userLabels.add(token);
        } else if (source.includes('resourceInputs["labels"] = args?.labels')) {
            types.add(token);
        }
    }
    return { generatedFrom: `@pulumi/gcp ${version}`, types: [...types].sort(), userLabels: [...userLabels].sort() };
}

const PROVIDERS: Record<string, string> = { aws: "@pulumi/aws", azure: "@pulumi/azure-native" };

if (require.main === module) {
    for (const [cloud, pkg] of Object.entries(PROVIDERS)) {
        const root = path.dirname(require.resolve(`${pkg}/package.json`));
        const out = path.join(__dirname, "..", "data", `${cloud}-taggable-types.json`);
        const result = scan(root);
        fs.writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
        process.stdout.write(`${result.types.length} taggable types (${result.listTags.length} with list tags) from ${result.generatedFrom} -> ${path.relative(process.cwd(), out)}\n`);
    }
    const gcpOut = path.join(__dirname, "..", "data", "gcp-labelled-types.json");
    const gcp = scanGcp(path.dirname(require.resolve("@pulumi/gcp/package.json")));
    fs.writeFileSync(gcpOut, `${JSON.stringify(gcp, null, 1)}\n`);
    process.stdout.write(`${gcp.types.length} labelled types (${gcp.userLabels.length} with userLabels) from ${gcp.generatedFrom} -> ${path.relative(process.cwd(), gcpOut)}\n`);
}
