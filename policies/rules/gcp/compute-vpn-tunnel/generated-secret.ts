import { ofType } from "../../../lib/graph";
import { isGenerated } from "../../../lib/generated";
import { PlatformStackPolicy } from "../../../lib/types";
import { VPN_TUNNEL } from "../types";

export const policy: PlatformStackPolicy = {
    name: "gcp-compute-vpn-tunnel-generated-secret",
    description: "HA VPN tunnels' shared secrets come from a generated random password, never a literal in the program or stack file (CIS Controls v8 3.11, 5.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [VPN_TUNNEL],
    requires: "`sharedSecret` fed by a random:RandomPassword of the stack",
    validateStack: (args, report) => {
        for (const tunnel of ofType(args.resources, VPN_TUNNEL)) {
            if (isGenerated(tunnel, "sharedSecret") !== true) {
                report(`VPN tunnel "${tunnel.name}": sharedSecret is not generated: a key written in the program is in its history and every copy of it.`, tunnel.urn);
            }
        }
    },
};
