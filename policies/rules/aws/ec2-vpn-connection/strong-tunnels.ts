import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asNumber, isUnknown, read } from "../../../lib/values";
import { VPN_CONNECTION } from "../types";

/** AES-256 (CBC or GCM) only; AES-128 and 3DES are refused. */
const ENCRYPTION = ["AES256", "AES256-GCM-16"];
/** SHA-2 only; SHA-1 is refused. */
const INTEGRITY = ["SHA2-256", "SHA2-384", "SHA2-512"];
/** 2048-bit MODP and up, and the elliptic curves; 1, 2, 5 are short and 22-24 have small subgroups. */
const DH_GROUPS = [14, 15, 16, 17, 18, 19, 20, 21];

/** What is wrong with one tunnel's proposals; AWS offers every weak option when a list is left empty. */
function tunnelProblems(props: Record<string, unknown>, tunnel: 1 | 2): string[] {
    const value = (name: string) => read(() => props[`tunnel${tunnel}${name}`]);
    const problems: string[] = [];
    const onlyFrom = (name: string, allowed: readonly (string | number)[], what: string) => {
        const raw = value(name);
        if (isUnknown(raw)) {
            return;
        }
        const list = asArray(raw).map((item) => (typeof allowed[0] === "number" ? asNumber(item) : item));
        if (list.length === 0) {
            problems.push(`tunnel${tunnel}${name} is not set: AWS then also accepts ${what}`);
        } else if (list.some((item) => !allowed.includes(item as never))) {
            problems.push(`tunnel${tunnel}${name} allows ${list.filter((item) => !allowed.includes(item as never)).join(", ")}; allowed: ${allowed.join(", ")}`);
        }
    };
    onlyFrom("IkeVersions", ["ikev2"], "IKEv1");
    onlyFrom("Phase1EncryptionAlgorithms", ENCRYPTION, "AES-128");
    onlyFrom("Phase2EncryptionAlgorithms", ENCRYPTION, "AES-128");
    onlyFrom("Phase1IntegrityAlgorithms", INTEGRITY, "SHA-1");
    onlyFrom("Phase2IntegrityAlgorithms", INTEGRITY, "SHA-1");
    onlyFrom("Phase1DhGroupNumbers", DH_GROUPS, "DH groups 2 and 5");
    onlyFrom("Phase2DhGroupNumbers", DH_GROUPS, "DH groups 2 and 5");
    return problems;
}

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-vpn-connection-strong-tunnels",
    description: "Site-to-Site VPN tunnels negotiate IKEv2 with AES-256, SHA-2 and Diffie-Hellman groups 14-21 only; AWS's defaults also accept IKEv1, AES-128, SHA-1 and groups 2 and 5 (CIS Controls v8 3.10; NIST SP 800-77r1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [VPN_CONNECTION],
    requires: "for both tunnels: `ikeVersions: [\"ikev2\"]`, phase 1 and 2 encryption AES256/AES256-GCM-16, integrity SHA2-256/384/512, DH groups within 14-21",
    validateResource: validateTypes([VPN_CONNECTION], (props, _args, report) => {
        for (const problem of [...tunnelProblems(props, 1), ...tunnelProblems(props, 2)]) {
            report(`${problem}: a downgraded negotiation protects the traffic with a weak key.`);
        }
    }),
};
