import { ofType, refersTo } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, asRecord, isUnknown, read } from "../../../lib/values";
import { RDS_INSTANCE, RDS_PARAMETER_GROUP } from "../types";

/** The parameter that refuses unencrypted connections, per engine family. */
const TLS_PARAMETERS: Record<string, string> = { postgres: "rds.force_ssl", mysql: "require_secure_transport", mariadb: "require_secure_transport" };

function isOn(value: unknown): boolean {
    return ["1", "on", "true"].includes(String(value).toLowerCase());
}

export const policy: PlatformStackPolicy = {
    name: "aws-rds-instance-tls-enforced",
    description: "RDS instances use a parameter group that refuses connections without TLS (Checkov CKV2_AWS_69).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [RDS_INSTANCE, RDS_PARAMETER_GROUP],
    requires: "`parameterGroupName` names a group with `rds.force_ssl = 1` (PostgreSQL) or `require_secure_transport = 1` (MySQL)",
    validateStack: (args, report) => {
        const groups = ofType(args.resources, RDS_PARAMETER_GROUP);
        for (const instance of ofType(args.resources, RDS_INSTANCE)) {
            const engine = read(() => instance.props.engine);
            const groupName = read(() => instance.props.parameterGroupName);
            if (isUnknown(groupName) || isUnknown(engine)) {
                continue;
            }
            if (engine === undefined && typeof read(() => instance.props.replicateSourceDb) === "string" && groupName === undefined) {
                // A replica without its own group uses the source's, which is checked there.
                continue;
            }
            const family = typeof engine === "string" ? engine : "postgres";
            const parameter = TLS_PARAMETERS[family] ?? TLS_PARAMETERS.postgres;
            if (groupName === undefined || groupName === null) {
                report(`instance "${instance.name}" uses the default parameter group, which accepts unencrypted connections; attach one with ${parameter} = 1.`, instance.urn);
                continue;
            }
            const group = groups.find((candidate) => refersTo(instance, "parameterGroupName", candidate));
            if (!group) {
                report(`instance "${instance.name}" uses parameter group ${JSON.stringify(groupName)}, which is not in this stack, so TLS enforcement cannot be verified.`, instance.urn);
                continue;
            }
            const parameters = asArray(read(() => group.props.parameters)).map((entry) => asRecord(entry) ?? {});
            if (!parameters.some((entry) => entry.name === parameter && isOn(entry.value))) {
                report(`parameter group "${group.name}" of instance "${instance.name}" does not set ${parameter} = 1: clients may connect without TLS.`, instance.urn);
            }
        }
    },
};
