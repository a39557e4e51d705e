// The Secrets Manager calls the credentials function makes, as a small interface of its own: the
// Lambda runtime supplies the AWS SDK, tests supply an in-memory Secrets Manager. Also the
// documented rotation protocol's bookkeeping (which version is pending, when a step is done).

export const AWSCURRENT = "AWSCURRENT";
export const AWSPENDING = "AWSPENDING";
export const AWSPREVIOUS = "AWSPREVIOUS";

export interface SecretValueOutput {
    SecretString?: string;
    VersionId?: string;
    VersionStages?: string[];
}

export interface SecretsManagerApi {
    getSecretValue(input: { SecretId: string; VersionId?: string; VersionStage?: string }): Promise<SecretValueOutput>;
    putSecretValue(input: { SecretId: string; ClientRequestToken?: string; SecretString: string; VersionStages?: string[] }): Promise<{ VersionId?: string }>;
    describeSecret(input: { SecretId: string }): Promise<{ RotationEnabled?: boolean; VersionIdsToStages?: Record<string, string[]> }>;
    updateSecretVersionStage(input: { SecretId: string; VersionStage: string; MoveToVersionId?: string; RemoveFromVersionId?: string }): Promise<unknown>;
}

export function isResourceNotFound(error: unknown): boolean {
    return (error as { name?: unknown } | undefined)?.name === "ResourceNotFoundException";
}

/** The id of the version labelled `stage`, or undefined when no version carries it. */
export async function versionWithStage(secrets: SecretsManagerApi, secretId: string, stage: string): Promise<string | undefined> {
    const { VersionIdsToStages: versions = {} } = await secrets.describeSecret({ SecretId: secretId });
    return Object.keys(versions).find((versionId) => versions[versionId].includes(stage));
}

/** The AWSCURRENT value, or undefined for a secret that has never been given one. */
export async function readCurrent(secrets: SecretsManagerApi, secretId: string): Promise<string | undefined> {
    if ((await versionWithStage(secrets, secretId, AWSCURRENT)) === undefined) {
        return undefined;
    }
    return requireString(await secrets.getSecretValue({ SecretId: secretId, VersionStage: AWSCURRENT }), secretId);
}

/** The value labelled `stage`, or undefined when no version carries the label. */
export async function readStage(secrets: SecretsManagerApi, secretId: string, stage: string): Promise<string | undefined> {
    try {
        return requireString(await secrets.getSecretValue({ SecretId: secretId, VersionStage: stage }), secretId);
    } catch (error) {
        if (isResourceNotFound(error)) {
            return undefined;
        }
        throw error;
    }
}

export async function putCurrent(secrets: SecretsManagerApi, secretId: string, value: string): Promise<void> {
    await secrets.putSecretValue({ SecretId: secretId, SecretString: value, VersionStages: [AWSCURRENT] });
}

function requireString(output: SecretValueOutput, secretId: string): string {
    if (typeof output.SecretString !== "string") {
        throw new Error(`secret ${secretId} holds binary data; a string was expected`);
    }
    return output.SecretString;
}

/** Parses a secret's JSON; the error names the secret, never its content. */
export function parseSecretJson(text: string, secretId: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new Error(`secret ${secretId} is not JSON`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new Error(`secret ${secretId} is not a JSON object`);
    }
    return parsed as Record<string, unknown>;
}

export type RotationStep = "createSecret" | "setSecret" | "testSecret" | "finishSecret";
const ROTATION_STEPS: readonly string[] = ["createSecret", "setSecret", "testSecret", "finishSecret"];

export interface RotationEvent {
    SecretId: string;
    ClientRequestToken: string;
    Step: RotationStep;
}

export function isRotationEvent(event: unknown): event is RotationEvent {
    const candidate = event as Partial<RotationEvent> | undefined;
    return (
        typeof candidate?.SecretId === "string" &&
        typeof candidate.ClientRequestToken === "string" &&
        typeof candidate.Step === "string" &&
        ROTATION_STEPS.includes(candidate.Step)
    );
}

/**
 * The checks every rotation step starts with: rotation is on, the token names a version staged
 * for it, and a version that already became AWSCURRENT means an earlier attempt finished.
 */
export async function rotationPreflight(secrets: SecretsManagerApi, event: RotationEvent): Promise<"proceed" | "already current"> {
    const metadata = await secrets.describeSecret({ SecretId: event.SecretId });
    if (!metadata.RotationEnabled) {
        throw new Error(`secret ${event.SecretId} is not enabled for rotation`);
    }
    const stages = metadata.VersionIdsToStages?.[event.ClientRequestToken];
    if (!stages) {
        throw new Error(`version ${event.ClientRequestToken} of secret ${event.SecretId} has no stage for rotation`);
    }
    if (stages.includes(AWSCURRENT)) {
        return "already current";
    }
    if (!stages.includes(AWSPENDING)) {
        throw new Error(`version ${event.ClientRequestToken} of secret ${event.SecretId} is not AWSPENDING`);
    }
    return "proceed";
}

/** The pending value of this rotation, or undefined before createSecret has stored it. */
export async function readPending(secrets: SecretsManagerApi, event: RotationEvent): Promise<string | undefined> {
    try {
        const output = await secrets.getSecretValue({ SecretId: event.SecretId, VersionId: event.ClientRequestToken, VersionStage: AWSPENDING });
        return requireString(output, event.SecretId);
    } catch (error) {
        if (isResourceNotFound(error)) {
            return undefined;
        }
        throw error;
    }
}

export async function requirePending(secrets: SecretsManagerApi, event: RotationEvent): Promise<string> {
    const pending = await readPending(secrets, event);
    if (pending === undefined) {
        throw new Error(`secret ${event.SecretId} has no pending value for version ${event.ClientRequestToken}: createSecret has not run`);
    }
    return pending;
}

export async function putPending(secrets: SecretsManagerApi, event: RotationEvent, value: string): Promise<void> {
    await secrets.putSecretValue({ SecretId: event.SecretId, ClientRequestToken: event.ClientRequestToken, SecretString: value, VersionStages: [AWSPENDING] });
}

/** finishSecret: AWSCURRENT moves to the new version (Secrets Manager labels the old one AWSPREVIOUS). */
export async function finishRotation(secrets: SecretsManagerApi, event: RotationEvent): Promise<void> {
    const current = await versionWithStage(secrets, event.SecretId, AWSCURRENT);
    if (current === event.ClientRequestToken) {
        return;
    }
    await secrets.updateSecretVersionStage({
        SecretId: event.SecretId,
        VersionStage: AWSCURRENT,
        MoveToVersionId: event.ClientRequestToken,
        RemoveFromVersionId: current,
    });
    await secrets.updateSecretVersionStage({ SecretId: event.SecretId, VersionStage: AWSPENDING, RemoveFromVersionId: event.ClientRequestToken });
}
