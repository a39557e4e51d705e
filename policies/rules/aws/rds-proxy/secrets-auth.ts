import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, isSet, isTrue, isUnknown } from "../../../lib/values";
import { RDS_PROXY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-proxy-secrets-auth",
    description: "RDS Proxy logs in with rotated, KMS-encrypted credentials from Secrets Manager under a role of its own, takes SCRAM from clients and keeps debug logging off, which would write statements, and so data, to the logs (LMS requirements, Connection Pooling: no Checkov or CIS check exists for RDS Proxy).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [RDS_PROXY],
    requires: "every `auths` entry `authScheme: SECRETS` with a `secretArn` and `clientPasswordAuthType: POSTGRES_SCRAM_SHA_256`; `roleArn` set; `debugLogging` not true",
    validateResource: validateTypes([RDS_PROXY], (props, _args, report) => {
        const auths = props.auths;
        if (isUnknown(auths)) {
            return;
        }
        const entries = asArray(auths).map(asRecord);
        if (entries.length === 0) {
            report("auths is empty: the proxy has no credentials from Secrets Manager.");
        }
        entries.forEach((auth, index) => {
            if (!auth || auth.authScheme !== "SECRETS" || !isSet(auth.secretArn)) {
                report(`auths[${index}] does not read a Secrets Manager secret (authScheme SECRETS with a secretArn).`);
            } else if (auth.clientPasswordAuthType !== undefined && !isUnknown(auth.clientPasswordAuthType) && auth.clientPasswordAuthType !== "POSTGRES_SCRAM_SHA_256") {
                report(`auths[${index}].clientPasswordAuthType is ${String(auth.clientPasswordAuthType)}: clients authenticate with a weaker scheme than SCRAM-SHA-256.`);
            }
        });
        if (!isSet(props.roleArn)) {
            report("roleArn is not set: the proxy has no role to read its secrets with.");
        }
        if (isTrue(props.debugLogging)) {
            report("debugLogging is true: the proxy writes SQL statements, and so data, to its logs.");
        }
    }),
};
