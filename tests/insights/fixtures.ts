// Hand-made recorded stacks for the insight tests: a few resources with known sizes, in the
// shape tools/synth.ts records, so expected costs and paths can be worked out by hand.

import { parseConfig } from "../../config";
import { RecordedResource, SynthResult } from "../../tools/synth";

const STACK = "fixture";

export function urn(type: string, name: string): string {
    return `urn:pulumi:${STACK}::platform::${type}::${name}`;
}

export function resource(type: string, name: string, inputs: Record<string, unknown> = {}, dependsOn: string[] = [], extra: Partial<RecordedResource> = {}): RecordedResource {
    return { urn: urn(type, name), type, name, dependsOn, protect: false, custom: !type.startsWith("platform:index:"), inputs, ...extra };
}

export function result(resources: RecordedResource[], tier = "production-medium", cloud = "aws"): SynthResult {
    const config = parseConfig({ cloud: "aws", tier, region: "us-east-1", alertEmail: "ops@example.com", services: [{ name: "web", image: "web:1", port: 3000 }] });
    return { project: "platform", stack: STACK, cloud, tier, config, resources, outputs: {} };
}

export function provider(region = "us-east-1"): RecordedResource {
    return resource("pulumi:providers:aws", "fixture-aws", { region });
}
