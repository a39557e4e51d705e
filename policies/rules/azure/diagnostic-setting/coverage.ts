import type { PolicyResource } from "@pulumi/policy";
import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, asRecord, isFalse, isSet, read } from "../../../lib/values";
import { refersToResource } from "../shared";
import { APPLICATION_GATEWAY, DIAGNOSTIC_SETTING, KEY_VAULT, POSTGRES_SERVER, REDIS, SERVICE_BUS_NAMESPACE, STORAGE_ACCOUNT } from "../types";

/** Resources whose access and error logs an incident needs (storage: its blob service). */
const LOGGED = [KEY_VAULT, POSTGRES_SERVER, REDIS, STORAGE_ACCOUNT, APPLICATION_GATEWAY, SERVICE_BUS_NAMESPACE];
const DESTINATIONS = ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId"];

/** The setting sends at least one enabled log category somewhere. */
function logsSomething(setting: PolicyResource): boolean {
    const destination = DESTINATIONS.some((key) => isSet(read(() => setting.props[key])));
    const logs = asArray(read(() => setting.props.logs)).some((entry) => !isFalse(read(() => asRecord(entry)?.enabled)));
    return destination && logs;
}

export const policy: PlatformStackPolicy = {
    name: "azure-diagnostic-setting-coverage",
    description: "Key Vault, the database, the cache, the storage account's blobs, the Application Gateway and Service Bus send their resource logs to a workspace through a diagnostic setting (CIS Azure 6.1.4, 6.1.1).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [...LOGGED, DIAGNOSTIC_SETTING],
    requires: "a DiagnosticSetting whose `resourceUri` is the resource (or a child, e.g. `<account>/blobServices/default`), with a destination and an enabled `logs` entry",
    validateStack: (args, report) => {
        const settings = ofType(args.resources, DIAGNOSTIC_SETTING);
        for (const target of ofType(args.resources, ...LOGGED)) {
            const mine = settings.filter((setting) => refersToResource(setting, "resourceUri", target));
            if (mine.length === 0) {
                report(`${target.type.split(":").pop()} "${target.name}" has no diagnostic setting: who read, changed or failed on it goes unrecorded.`, target.urn);
            } else if (!mine.some(logsSomething)) {
                report(`${target.type.split(":").pop()} "${target.name}": its diagnostic settings enable no log category or have no destination.`, target.urn);
            }
        }
    },
};
