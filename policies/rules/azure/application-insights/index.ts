import { PlatformPolicy } from "../../../lib/types";
import { policy as workspaceBased } from "./workspace-based";

export const applicationInsightsPolicies: PlatformPolicy[] = [workspaceBased];
