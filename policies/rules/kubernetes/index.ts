// Kubernetes rules need no adapter: they inspect workload objects whoever creates them (the
// Kubernetes adapter, a Helm chart, or a user's own program).

import { PlatformPolicy } from "../../lib/types";
import { workloadPolicies } from "./workload";

export const kubernetesPolicies: PlatformPolicy[] = [...workloadPolicies];
