import { PlatformPolicy } from "../../../lib/types";
import { policy as absent } from "./absent";

export const postgresFirewallRulePolicies: PlatformPolicy[] = [absent];
