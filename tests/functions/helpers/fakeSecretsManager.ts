// An in-memory Secrets Manager with the behaviour the rotation protocol relies on: one version per
// ClientRequestToken, staging labels that live on one version at a time, AWSPREVIOUS following
// AWSCURRENT, RotateSecret's empty AWSPENDING version, and ResourceNotFoundException for a stage
// or version without a value.
import { randomUUID } from "crypto";
import { SecretsManagerApi } from "../../../functions/aws/secretsManager";

interface Version {
    value?: string;
    stages: Set<string>;
}

interface Secret {
    rotationEnabled: boolean;
    versions: Map<string, Version>;
}

function awsError(name: string, message: string): Error {
    const error = new Error(message);
    error.name = name;
    return error;
}

export class FakeSecretsManager implements SecretsManagerApi {
    private readonly secrets = new Map<string, Secret>();
    readonly calls: Array<{ operation: string; input: unknown }> = [];

    /** A secret as created by the deployment: no version yet. */
    create(secretId: string, options: { rotationEnabled?: boolean; value?: string } = {}): void {
        this.secrets.set(secretId, { rotationEnabled: options.rotationEnabled ?? false, versions: new Map() });
        if (options.value !== undefined) {
            this.setStage(secretId, "AWSCURRENT", this.addVersion(secretId, randomUUID(), options.value));
        }
    }

    private secret(secretId: string): Secret {
        const secret = this.secrets.get(secretId);
        if (!secret) {
            throw awsError("ResourceNotFoundException", `Secrets Manager can't find the specified secret ${secretId}.`);
        }
        return secret;
    }

    private addVersion(secretId: string, versionId: string, value: string | undefined): string {
        this.secret(secretId).versions.set(versionId, { value, stages: new Set() });
        return versionId;
    }

    /** Puts `stage` on `versionId` alone; moving AWSCURRENT labels the version it left AWSPREVIOUS. */
    private setStage(secretId: string, stage: string, versionId: string): void {
        const secret = this.secret(secretId);
        for (const [id, version] of secret.versions) {
            if (id !== versionId && version.stages.delete(stage) && stage === "AWSCURRENT") {
                this.setStage(secretId, "AWSPREVIOUS", id);
            }
        }
        secret.versions.get(versionId)!.stages.add(stage);
    }

    async getSecretValue(input: { SecretId: string; VersionId?: string; VersionStage?: string }) {
        this.calls.push({ operation: "GetSecretValue", input });
        const secret = this.secret(input.SecretId);
        const stage = input.VersionStage ?? (input.VersionId ? undefined : "AWSCURRENT");
        const entry = [...secret.versions].find(
            ([id, version]) => (input.VersionId === undefined || id === input.VersionId) && (stage === undefined || version.stages.has(stage)),
        );
        if (!entry || entry[1].value === undefined) {
            throw awsError("ResourceNotFoundException", `Secrets Manager can't find the specified secret value for staging label: ${stage ?? input.VersionId}`);
        }
        return { SecretString: entry[1].value, VersionId: entry[0], VersionStages: [...entry[1].stages] };
    }

    async putSecretValue(input: { SecretId: string; ClientRequestToken?: string; SecretString: string; VersionStages?: string[] }) {
        this.calls.push({ operation: "PutSecretValue", input });
        const secret = this.secret(input.SecretId);
        const versionId = input.ClientRequestToken ?? randomUUID();
        const existing = secret.versions.get(versionId);
        if (existing?.value !== undefined) {
            if (existing.value !== input.SecretString) {
                throw awsError("ResourceExistsException", `version ${versionId} already exists with a different value`);
            }
        } else if (existing) {
            existing.value = input.SecretString;
        } else {
            this.addVersion(input.SecretId, versionId, input.SecretString);
        }
        for (const stage of input.VersionStages ?? ["AWSCURRENT"]) {
            this.setStage(input.SecretId, stage, versionId);
        }
        return { VersionId: versionId };
    }

    async describeSecret(input: { SecretId: string }) {
        this.calls.push({ operation: "DescribeSecret", input });
        const secret = this.secret(input.SecretId);
        const VersionIdsToStages: Record<string, string[]> = {};
        for (const [id, version] of secret.versions) {
            if (version.stages.size > 0) {
                VersionIdsToStages[id] = [...version.stages].sort();
            }
        }
        return { RotationEnabled: secret.rotationEnabled, VersionIdsToStages };
    }

    async updateSecretVersionStage(input: { SecretId: string; VersionStage: string; MoveToVersionId?: string; RemoveFromVersionId?: string }) {
        this.calls.push({ operation: "UpdateSecretVersionStage", input });
        const secret = this.secret(input.SecretId);
        const holder = [...secret.versions].find(([, version]) => version.stages.has(input.VersionStage))?.[0];
        if (input.RemoveFromVersionId !== undefined && holder !== input.RemoveFromVersionId) {
            throw awsError("InvalidParameterException", `${input.VersionStage} is not on version ${input.RemoveFromVersionId}`);
        }
        if (input.MoveToVersionId !== undefined) {
            if (!secret.versions.has(input.MoveToVersionId)) {
                throw awsError("ResourceNotFoundException", `no version ${input.MoveToVersionId}`);
            }
            if (holder !== undefined && holder !== input.MoveToVersionId && input.RemoveFromVersionId === undefined) {
                throw awsError("InvalidParameterException", `${input.VersionStage} is on ${holder}: name it in RemoveFromVersionId`);
            }
            this.setStage(input.SecretId, input.VersionStage, input.MoveToVersionId);
        } else if (holder !== undefined) {
            secret.versions.get(holder)!.stages.delete(input.VersionStage);
        }
        return {};
    }

    enableRotation(secretId: string): void {
        this.secret(secretId).rotationEnabled = true;
    }

    /** RotateSecret: a new empty version labelled AWSPENDING, refused while another rotation is unfinished. */
    startRotation(secretId: string): string {
        const secret = this.secret(secretId);
        if (!secret.rotationEnabled) {
            throw awsError("InvalidRequestException", "rotation is not enabled");
        }
        const unfinished = [...secret.versions.values()].some((version) => version.stages.has("AWSPENDING") && !version.stages.has("AWSCURRENT"));
        if (unfinished) {
            throw awsError("InvalidRequestException", "A previous rotation isn't complete. That rotation will be reattempted.");
        }
        const token = this.addVersion(secretId, randomUUID(), undefined);
        this.setStage(secretId, "AWSPENDING", token);
        return token;
    }

    /** The rotation service: the four steps in order with one token, stopping at the first failure. */
    async rotate(secretId: string, step: (event: { SecretId: string; ClientRequestToken: string; Step: string }) => Promise<unknown>): Promise<string> {
        const token = this.startRotation(secretId);
        for (const Step of ["createSecret", "setSecret", "testSecret", "finishSecret"]) {
            await step({ SecretId: secretId, ClientRequestToken: token, Step });
        }
        return token;
    }

    /** Test inspection: the value with `stage`, or undefined. */
    valueAt(secretId: string, stage: string): string | undefined {
        return [...this.secret(secretId).versions.values()].find((version) => version.stages.has(stage))?.value;
    }

    stagesOf(secretId: string): Record<string, string[]> {
        const result: Record<string, string[]> = {};
        for (const [id, version] of this.secret(secretId).versions) {
            result[id] = [...version.stages].sort();
        }
        return result;
    }
}
