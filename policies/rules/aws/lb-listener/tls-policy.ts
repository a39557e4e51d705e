import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { LISTENERS } from "../types";

/** ELB security policies that offer nothing below TLS 1.2 (Checkov's accepted prefixes). */
const TLS12_PREFIXES = ["ELBSecurityPolicy-TLS13-", "ELBSecurityPolicy-TLS-1-2", "ELBSecurityPolicy-FS-1-2"];

export const policy: PlatformResourcePolicy = {
    name: "aws-lb-listener-tls-policy",
    description: "HTTPS and TLS listeners present a certificate and refuse protocols below TLS 1.2 (Checkov CKV_AWS_103, CKV2_AWS_74).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: LISTENERS,
    requires: "`certificateArn` and an `sslPolicy` starting `ELBSecurityPolicy-TLS13-`, `-TLS-1-2` or `-FS-1-2`",
    validateResource: validateTypes(LISTENERS, (props, _args, report) => {
        const protocol = read(() => props.protocol);
        if (protocol !== "HTTPS" && protocol !== "TLS") {
            return;
        }
        const sslPolicy = read(() => props.sslPolicy);
        if (typeof sslPolicy !== "string" || !TLS12_PREFIXES.some((prefix) => sslPolicy.startsWith(prefix))) {
            report(`sslPolicy is ${sslPolicy === undefined ? "unset (the provider default allows TLS 1.0)" : JSON.stringify(sslPolicy)}: use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.`);
        }
        if (!isSet(read(() => props.certificateArn))) {
            report("certificateArn is not set: the listener has no certificate to present.");
        }
    }),
};
