import { PlatformPolicy } from "../../../lib/types";
import { policy as actionsEnabled } from "./actions-enabled";

export const metricAlertPolicies: PlatformPolicy[] = [actionsEnabled];
