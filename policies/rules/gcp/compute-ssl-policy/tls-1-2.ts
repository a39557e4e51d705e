import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isUnknown, read } from "../../../lib/values";
import { SSL_POLICY } from "../types";

const MODERN_TLS = ["TLS_1_2", "TLS_1_3"];
/** Cipher suites without forward secrecy or with 3DES/CBC-SHA1 that a CUSTOM profile must leave out. */
const WEAK_FEATURES = /^TLS_RSA_|3DES|_CBC_SHA$/;

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-ssl-policy-tls-1-2",
    description: "SSL policies refuse TLS below 1.2 and weak cipher suites (Checkov CKV_GCP_4, CIS GCP 3.9).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [SSL_POLICY],
    requires: "`minTlsVersion` TLS_1_2 or TLS_1_3 with `profile` MODERN or RESTRICTED, or CUSTOM without TLS_RSA_*, 3DES or CBC-SHA suites",
    validateResource: validateTypes([SSL_POLICY], (props, _args, report) => {
        const version = read(() => props.minTlsVersion);
        const profile = read(() => props.profile);
        const features = read(() => props.customFeatures);
        if (isUnknown(version) || isUnknown(profile) || isUnknown(features)) {
            return;
        }
        if (typeof version !== "string" || !MODERN_TLS.includes(version)) {
            report(`minTlsVersion is ${version === undefined ? "not set (TLS_1_0)" : JSON.stringify(version)}: clients may negotiate TLS 1.0 or 1.1.`);
        }
        if (profile === undefined || profile === "COMPATIBLE") {
            report(`profile is ${profile === undefined ? "not set (COMPATIBLE)" : "COMPATIBLE"}: it offers cipher suites without forward secrecy; use MODERN or RESTRICTED.`);
        } else if (profile === "CUSTOM") {
            const weak = asArray(features).filter((feature) => typeof feature === "string" && WEAK_FEATURES.test(feature));
            if (weak.length > 0) {
                report(`customFeatures include weak cipher suites: ${weak.join(", ")}.`);
            }
        }
    }),
};
