import { ofType } from "../../../lib/graph";
import { isGenerated } from "../../../lib/generated";
import { PlatformStackPolicy } from "../../../lib/types";
import { VPN_CONNECTION } from "../types";

export const policy: PlatformStackPolicy = {
    name: "azure-vpn-connection-generated-key",
    description: "IPsec connections' shared keys come from a generated random password, never a literal in the program or stack file (CIS Controls v8 3.11, 5.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [VPN_CONNECTION],
    requires: "`sharedKey` fed by a random:RandomPassword of the stack",
    validateStack: (args, report) => {
        for (const connection of ofType(args.resources, VPN_CONNECTION)) {
            if (connection.props.connectionType === "IPsec" && isGenerated(connection, "sharedKey") !== true) {
                report(`VPN connection "${connection.name}": sharedKey is not generated: a key written in the program is in its history and every copy of it.`, connection.urn);
            }
        }
    },
};
