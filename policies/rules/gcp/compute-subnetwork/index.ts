import { PlatformPolicy } from "../../../lib/types";
import { policy as flowLogs } from "./flow-logs";
import { policy as privateGoogleAccess } from "./private-google-access";

export const subnetworkPolicies: PlatformPolicy[] = [flowLogs, privateGoogleAccess];
