// Where a GCP resource says its tier when no `tier` stack tag does: `labels`, Cloud Monitoring's
// `userLabels` and Cloud SQL's `settings.userLabels`.

import { expect } from "chai";
import { runResourcePolicy, tierOf } from "../../policies/lib/evaluate";
import { tierOfTags } from "../../policies/lib/tiers";
import { policy as sqlBackups } from "../../policies/rules/gcp/sql-database-instance/backup-retention";
import { sqlPrimary } from "./fixtures/gcp";

describe("GCP tier labels", () => {
    it("reads the tier from labels, userLabels and Cloud SQL's settings.userLabels", () => {
        expect(tierOfTags({ labels: { tier: "staging" } })).to.equal("staging");
        expect(tierOfTags({ userLabels: { tier: "development" } })).to.equal("development");
        expect(tierOfTags({ settings: { userLabels: { tier: "production-large" } } })).to.equal("production-large");
        expect(tierOf([{ type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", inputs: { settings: { userLabels: { tier: "staging" } } } }])).to.equal("staging");
    });

    it("holds a development Cloud SQL instance to 7 backups without a stack tag", async () => {
        const db = sqlPrimary();
        const settings = db.inputs!.settings as Record<string, Record<string, unknown>>;
        settings.userLabels = { ...settings.userLabels, tier: "development" };
        settings.backupConfiguration.backupRetentionSettings = { retainedBackups: 7, retentionUnit: "COUNT" };
        expect(await runResourcePolicy(sqlBackups, db)).to.deep.equal([]);
        settings.userLabels = { ...settings.userLabels, tier: "production-small" };
        const violations = await runResourcePolicy(sqlBackups, db);
        expect(violations.map((v) => v.message)).to.deep.equal(["settings.backupConfiguration.backupRetentionSettings keeps 7 daily backup(s); the production-small tier requires at least 30."]);
    });
});
