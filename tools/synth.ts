// Runs the real program under the Pulumi SDK's mock engine: no CLI, no credentials, no
// network. Every registration is recorded with what the engine would see (type, name, parent,
// dependencies, protect, inputs with secrets redacted), so plans, policies and tests all work
// on the same recorded stack.

import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { loadConfig, NAMESPACE, PlatformConfig } from "../config";
import { main } from "../program";
import { mockInvoke, mockOutputs } from "./mockCloud";
import { redact } from "./redact";

export const PROJECT = "platform";

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    dependsOn: string[];
    protect: boolean;
    custom: boolean;
    provider?: string;
    inputs: Record<string, unknown>;
}

export interface SynthResult {
    project: string;
    stack: string;
    cloud: string;
    tier: string;
    /** The validated stack config the program ran with. */
    config: PlatformConfig;
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
}

/** The URN the mock engine assigns (its own scheme: the parent's last type, then ours). */
function mockUrn(stack: string, parent: string | undefined, type: string, name: string): string {
    let qualified = type;
    if (parent) {
        const parentType = parent.split("::")[2].split("$").pop();
        qualified = `${parentType}$${type}`;
    }
    return `urn:pulumi:${stack}::${PROJECT}::${qualified}::${name}`;
}

type Callback = (err: unknown, response: unknown) => void;

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getProtect(): boolean | undefined;
    getCustom(): boolean;
    getProvider(): string;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface OutputsRequest {
    getUrn(): string;
    getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

class RecordingMonitor extends MockMonitor {
    public readonly recorded: RecordedResource[] = [];
    public stackOutputs: Record<string, unknown> = {};

    constructor(private readonly stack: string, region: string) {
        super({
            newResource: (args) => ({
                id: args.custom ? `${args.name}-id` : undefined,
                state: mockOutputs(args.type, args.name, args.inputs, region),
            }),
            call: (args) => mockInvoke(args.token, args.inputs, region),
        });
    }

    async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
        const parent = req.getParent() || undefined;
        const urn = mockUrn(this.stack, parent, req.getType(), req.getName());
        const duplicate = this.recorded.find((r) => r.urn === urn);
        if (duplicate) {
            // The real engine refuses two resources with one URN; the mock would silently overwrite.
            callback(new Error(`duplicate resource URN ${urn}`), undefined);
            return;
        }
        this.recorded.push({
            urn,
            type: req.getType(),
            name: req.getName(),
            parent,
            dependsOn: [...new Set(req.getDependenciesList())].sort(),
            protect: req.getProtect() === true,
            custom: req.getCustom(),
            provider: req.getProvider() || undefined,
            inputs: redact(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        });
        return super.registerResource(req, callback);
    }

    registerResourceOutputs(req: OutputsRequest, callback: Callback): void {
        if (req.getUrn().includes("::pulumi:pulumi:Stack::")) {
            this.stackOutputs = redact(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        super.registerResourceOutputs(req, callback);
    }
}

/** What the analyses of a plan (cost, deploy time, graph) need of it. */
export type RecordedStack = Pick<SynthResult, "cloud" | "tier" | "resources">;

/** Stack config as Pulumi stores it: namespaced keys, string values (objects as JSON). */
export type StackConfig = Record<string, unknown>;

export function toPulumiConfig(config: StackConfig): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        const namespaced = key.includes(":") ? key : `${NAMESPACE}:${key}`;
        out[namespaced] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return out;
}

async function installMonitor(monitor: RecordingMonitor, stack: string): Promise<void> {
    // setMocks turns on the features a mock engine supports; then our recording monitor
    // takes the place of the plain one.
    await pulumi.runtime.setMocks(monitor.mocks, PROJECT, stack, false);
    settings.setMockOptions(monitor, PROJECT, stack, false);
}

/** Waits until every registration the program started has been answered. */
async function settle(): Promise<void> {
    // Internal to the SDK but stable for years; it is what `pulumi` itself awaits at exit.
    const { waitForRPCs } = settings as unknown as { waitForRPCs?: () => Promise<void> };
    if (!waitForRPCs) {
        throw new Error("@pulumi/pulumi no longer exports waitForRPCs; update tools/synth.ts");
    }
    await waitForRPCs();
}

/**
 * Builds one stack offline. A bad config throws the program's ConfigError before any resource
 * is registered, exactly as `pulumi up` would.
 */
export async function synthesize(stack: string, config: StackConfig): Promise<SynthResult> {
    // The program's own config reader, so the plan validates exactly what `pulumi up` would.
    pulumi.runtime.setAllConfig(toPulumiConfig(config));
    const parsed = loadConfig();
    const monitor = new RecordingMonitor(stack, parsed.region ?? "local");
    await installMonitor(monitor, stack);
    await pulumi.runtime.runInPulumiStack(async () => main());
    await settle();
    return {
        project: PROJECT,
        stack,
        cloud: parsed.cloud,
        tier: parsed.tier,
        config: parsed,
        resources: monitor.recorded,
        outputs: monitor.stackOutputs,
    };
}
