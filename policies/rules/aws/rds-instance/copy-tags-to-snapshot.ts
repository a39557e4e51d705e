import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { isReadReplica, RDS_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-copy-tags-to-snapshot",
    description: "RDS primaries copy their tags to snapshots so backups stay attributable (Checkov CKV2_AWS_60).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [RDS_INSTANCE],
    requires: "`copyTagsToSnapshot: true`",
    validateResource: validateTypes([RDS_INSTANCE], (props, _args, report) => {
        if (!isReadReplica(props) && !isTrue(props.copyTagsToSnapshot)) {
            report("copyTagsToSnapshot is not true: snapshots lose the project, environment and tier tags.");
        }
    }),
};
