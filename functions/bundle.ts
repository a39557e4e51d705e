// Bundles a function's entry into one CommonJS file for the Node.js 22 Lambda runtime, with its
// libraries (pg) inside and the runtime's own AWS SDK v3 left outside. The output depends only on
// the sources: paths in it are relative to the repository, so two checkouts deploy the same code
// and an unchanged function never shows up as a change.

import { buildSync } from "esbuild";
import * as path from "path";

const REPOSITORY_ROOT = path.resolve(__dirname, "..");

/** `entry` is relative to the repository root (e.g. "functions/aws/credentials.ts") or absolute. */
export function bundleFunction(entry: string): string {
    const result = buildSync({
        absWorkingDir: REPOSITORY_ROOT,
        entryPoints: [path.resolve(REPOSITORY_ROOT, entry)],
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        // The runtime provides the SDK; pg-native is pg's optional libpq binding, never loaded here.
        external: ["@aws-sdk/*", "pg-native"],
        sourcemap: false,
        // Paths as the checkout shows them, even where node_modules is a link to a shared install.
        preserveSymlinks: true,
        write: false,
        legalComments: "inline",
        logLevel: "silent",
    });
    if (result.outputFiles.length !== 1) {
        throw new Error(`bundling ${entry} produced ${result.outputFiles.length} files, expected one`);
    }
    return result.outputFiles[0].text;
}
