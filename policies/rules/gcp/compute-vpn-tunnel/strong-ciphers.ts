import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asNumber, at, isUnknown } from "../../../lib/values";
import { VPN_TUNNEL } from "../types";

const ENCRYPTION = ["AES-CBC-256", "AES-GCM-16-256"];
const INTEGRITY = ["HMAC-SHA2-256-128", "HMAC-SHA2-384-192", "HMAC-SHA2-512-256"];
const PRF = ["PRF-HMAC-SHA2-256", "PRF-HMAC-SHA2-384", "PRF-HMAC-SHA2-512"];
/** 2048-bit MODP and up, and the elliptic curves; 1, 2, 5 are short and 22-24 have small subgroups. */
const GROUPS = ["Group-14", "Group-15", "Group-16", "Group-17", "Group-18", "Group-19", "Group-20", "Group-21"];

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-vpn-tunnel-strong-ciphers",
    description: "HA VPN tunnels use IKEv2 and a cipher suite limited to AES-256, SHA-2 and Diffie-Hellman groups 14-21; without one GCP also offers AES-128, SHA-1 and groups 2 and 5 (CIS Controls v8 3.10; NIST SP 800-77r1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [VPN_TUNNEL],
    requires: "`ikeVersion: 2` and `cipherSuite` phase 1 and 2 lists within AES-256, SHA-2 and groups 14-21",
    validateResource: validateTypes([VPN_TUNNEL], (props, _args, report) => {
        const version = at(props, "ikeVersion");
        if (!isUnknown(version) && asNumber(version) !== 2) {
            report(`ikeVersion is ${JSON.stringify(version ?? null)}, not 2: IKEv1 has known downgrade and aggressive-mode weaknesses.`);
        }
        const lists: [string, string[]][] = [
            ["phase1.encryptions", ENCRYPTION],
            ["phase1.integrities", INTEGRITY],
            ["phase1.prves", PRF],
            ["phase1.dhs", GROUPS],
            ["phase2.encryptions", ENCRYPTION],
            ["phase2.integrities", INTEGRITY],
            ["phase2.pfs", GROUPS],
        ];
        for (const [path, allowed] of lists) {
            const raw = at(props, `cipherSuite.${path}`);
            if (isUnknown(raw)) {
                continue;
            }
            const values = asArray(raw).map(String);
            const weak = values.filter((value) => !allowed.includes(value));
            if (values.length === 0) {
                report(`cipherSuite.${path} is not set: the tunnel also accepts GCP's weaker defaults.`);
            } else if (weak.length > 0) {
                report(`cipherSuite.${path} allows ${weak.join(", ")}; allowed: ${allowed.join(", ")}.`);
            }
        }
    }),
};
