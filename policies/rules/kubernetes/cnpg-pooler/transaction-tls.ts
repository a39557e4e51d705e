import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { CNPG_POOLER, text } from "../shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-cnpg-pooler-transaction-tls",
    description:
        "A CloudNativePG Pooler pools per transaction (session pooling, CloudNativePG's default, lets one idle client hold a server connection) and presents a certificate of its own to clients: without one, PgBouncer answers with the cluster's certificate, which does not name the pooler's Service, and clients verifying the host name refuse it (LMS requirements, Connection Pooling: no Checkov or CIS check exists for CloudNativePG).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [CNPG_POOLER],
    requires: "`spec.pgbouncer.poolMode` `transaction`; `spec.pgbouncer.clientTLSSecret.name` set",
    validateResource: validateTypes([CNPG_POOLER], (props, _args, report) => {
        const mode = at(props, "spec.pgbouncer.poolMode");
        if (!isUnknown(mode) && text(props, "spec.pgbouncer.poolMode") !== "transaction") {
            report(`spec.pgbouncer.poolMode is ${JSON.stringify(mode ?? "unset (session)")}: a client holds its server connection beyond a transaction.`);
        }
        const tls = at(props, "spec.pgbouncer.clientTLSSecret.name");
        if (!isUnknown(tls) && !isSet(tls)) {
            report("spec.pgbouncer.clientTLSSecret is not set: clients verifying the pooler's host name get a certificate that does not name it.");
        }
    }),
};
