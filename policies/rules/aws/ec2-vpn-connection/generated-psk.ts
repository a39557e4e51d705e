import { ofType } from "../../../lib/graph";
import { isGenerated } from "../../../lib/generated";
import { PlatformStackPolicy } from "../../../lib/types";
import { VPN_CONNECTION } from "../types";

export const policy: PlatformStackPolicy = {
    name: "aws-ec2-vpn-connection-generated-psk",
    description: "Tunnel pre-shared keys come from a generated random password, never a literal in the program or stack file (CIS Controls v8 3.11, 5.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [VPN_CONNECTION],
    requires: "`tunnel1PresharedKey` and `tunnel2PresharedKey` absent (AWS generates them) or fed by a random:RandomPassword of the stack",
    validateStack: (args, report) => {
        for (const connection of ofType(args.resources, VPN_CONNECTION)) {
            for (const key of ["tunnel1PresharedKey", "tunnel2PresharedKey"]) {
                if (isGenerated(connection, key) === false) {
                    report(`VPN connection "${connection.name}": ${key} is not generated: a key written in the program is in its history and every copy of it.`, connection.urn);
                }
            }
        }
    },
};
