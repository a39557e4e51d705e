import { PlatformPolicy } from "../../../lib/types";
import { policy as noPublicIpOnLaunch } from "./no-public-ip-on-launch";

export const subnetPolicies: PlatformPolicy[] = [noPublicIpOnLaunch];
