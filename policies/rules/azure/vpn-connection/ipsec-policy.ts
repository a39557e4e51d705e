import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isUnknown } from "../../../lib/values";
import { VPN_CONNECTION } from "../types";

const ENCRYPTION = ["AES256", "GCMAES256"];
const IKE_INTEGRITY = ["SHA256", "SHA384", "GCMAES256"];
const IPSEC_INTEGRITY = ["SHA256", "GCMAES256"];
/** Group 14 (2048-bit) and the elliptic curves; DHGroup1/2 and PFS1/2 are short, DHGroup24/PFS24 has a small subgroup. */
const DH = ["DHGroup14", "DHGroup2048", "ECP256", "ECP384"];
const PFS = ["PFS14", "PFS2048", "ECP256", "ECP384", "PFSMM"];

export const policy: PlatformResourcePolicy = {
    name: "azure-vpn-connection-ipsec-policy",
    description: "IPsec connections use IKEv2 and a custom IPsec policy limited to AES-256, SHA-2 and Diffie-Hellman group 14 or the elliptic curves; Azure's default proposals include AES-128, SHA-1 and DH group 2 (CIS Controls v8 3.10; NIST SP 800-77r1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [VPN_CONNECTION],
    requires: "`connectionProtocol: \"IKEv2\"` and every `ipsecPolicies` entry within AES256/GCMAES256, SHA256/SHA384, DHGroup14/ECP256/ECP384",
    validateResource: validateTypes([VPN_CONNECTION], (props, _args, report) => {
        if (at(props, "connectionType") !== "IPsec") {
            return;
        }
        const protocol = at(props, "connectionProtocol");
        if (!isUnknown(protocol) && protocol !== "IKEv2") {
            report(`connectionProtocol is ${JSON.stringify(protocol ?? "IKEv2 by default, IKEv1 when the peer asks")}, not "IKEv2".`);
        }
        const raw = at(props, "ipsecPolicies");
        if (isUnknown(raw)) {
            return;
        }
        const policies = asArray(raw).map((entry) => asRecord(entry) ?? {});
        if (policies.length === 0) {
            report("no ipsecPolicies: the connection accepts Azure's default proposals, AES-128, SHA-1 and DH group 2 among them.");
        }
        const checks: [string, string[]][] = [
            ["ikeEncryption", ENCRYPTION],
            ["ikeIntegrity", IKE_INTEGRITY],
            ["dhGroup", DH],
            ["ipsecEncryption", ENCRYPTION],
            ["ipsecIntegrity", IPSEC_INTEGRITY],
            ["pfsGroup", PFS],
        ];
        for (const entry of policies) {
            for (const [key, allowed] of checks) {
                if (!isUnknown(entry[key]) && !allowed.includes(String(entry[key]))) {
                    report(`ipsecPolicies ${key} is ${JSON.stringify(entry[key] ?? null)}; allowed: ${allowed.join(", ")}.`);
                }
            }
        }
    }),
};
