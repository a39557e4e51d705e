import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, isTrue, isUnknown, read } from "../../../lib/values";
import { ECS_TASK_DEFINITION } from "../types";

/** Container definitions arrive as the JSON string the ECS API takes. */
function containersOf(raw: unknown): Record<string, unknown>[] | undefined {
    if (typeof raw !== "string") {
        return isUnknown(raw) ? undefined : asArray(raw).map((entry) => asRecord(entry) ?? {});
    }
    try {
        return asArray(JSON.parse(raw)).map((entry) => asRecord(entry) ?? {});
    } catch {
        return undefined;
    }
}

export const policy: PlatformResourcePolicy = {
    name: "aws-ecs-task-definition-read-only-root",
    description: "ECS containers run with a read-only root filesystem and never privileged; they write only to declared volumes (Checkov CKV_AWS_336, CKV_AWS_97).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [ECS_TASK_DEFINITION],
    requires: "every container definition has `readonlyRootFilesystem: true` and no `privileged: true`",
    validateResource: validateTypes([ECS_TASK_DEFINITION], (props, _args, report) => {
        const containers = containersOf(read(() => props.containerDefinitions));
        for (const container of containers ?? []) {
            const name = String(container.name ?? "(unnamed)");
            if (!isTrue(container.readonlyRootFilesystem)) {
                report(`container "${name}" has a writable root filesystem: whatever runs in it can change its own binaries.`);
            }
            if (isTrue(container.privileged)) {
                report(`container "${name}" is privileged: it has the host's devices and capabilities.`);
            }
        }
    }),
};
