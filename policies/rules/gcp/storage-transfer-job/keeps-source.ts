import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue } from "../../../lib/values";
import { TRANSFER_JOB } from "../types";

const SPECS = ["replicationSpec", "transferSpec"];

export const policy: PlatformResourcePolicy = {
    name: "gcp-storage-transfer-job-keeps-source",
    description: "Transfer and replication jobs copy without deleting: a job that removes the source's objects, or the sink's extra ones, turns a copy for recovery into a way to lose data (LMS requirements, Disaster Recovery: no Checkov or CIS check exists for transfer jobs).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [TRANSFER_JOB],
    requires: "`transferOptions.deleteObjectsFromSourceAfterTransfer` and `transferOptions.deleteObjectsUniqueInSink` not true",
    validateResource: validateTypes([TRANSFER_JOB], (props, _args, report) => {
        for (const spec of SPECS) {
            if (isTrue(at(props, `${spec}.transferOptions.deleteObjectsFromSourceAfterTransfer`))) {
                report(`${spec} deletes the source's objects after copying them: the source bucket empties itself.`);
            }
            if (isTrue(at(props, `${spec}.transferOptions.deleteObjectsUniqueInSink`))) {
                report(`${spec} deletes objects only the sink has: what the replica keeps of deleted files is lost.`);
            }
        }
    }),
};
