// An in-memory Key Vault with versions, creation times from a test clock and disabled
// placeholders (what the deployment creates before the credentials job writes a value).
import { Clock } from "../../../functions/postgresRoles";
import { KeyVaultApi, SecretVersion } from "../../../functions/azure/keyVault";

interface StoredVersion extends SecretVersion {
    enabled: boolean;
    contentType?: string;
}

export class FakeKeyVault implements KeyVaultApi {
    private readonly secrets = new Map<string, StoredVersion[]>();
    readonly writes: string[] = [];

    constructor(private readonly clock: Clock) {}

    /** A secret whose only version is disabled: reads as absent, like Key Vault's SecretDisabled. */
    placeholder(name: string): void {
        this.secrets.set(name, [{ value: "set by the credentials job", createdMs: this.clock.now(), enabled: false }]);
    }

    put(name: string, value: string): void {
        this.secrets.set(name, [...(this.secrets.get(name) ?? []), { value, createdMs: this.clock.now(), enabled: true }]);
    }

    versions(name: string): StoredVersion[] {
        return this.secrets.get(name) ?? [];
    }

    current(name: string): string | undefined {
        const versions = this.versions(name);
        return versions.length ? versions[versions.length - 1].value : undefined;
    }

    async getSecret(name: string): Promise<SecretVersion | undefined> {
        const versions = this.versions(name);
        const latest = versions[versions.length - 1];
        return latest && latest.enabled ? { value: latest.value, createdMs: latest.createdMs } : undefined;
    }

    async setSecret(name: string, value: string, options: { contentType?: string } = {}): Promise<void> {
        this.writes.push(name);
        this.secrets.set(name, [...this.versions(name), { value, createdMs: this.clock.now(), enabled: true, contentType: options.contentType }]);
    }
}
