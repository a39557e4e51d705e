import { PlatformPolicy } from "../../../lib/types";
import { policy as trustNotPublic } from "./trust-not-public";

export const iamRolePolicies: PlatformPolicy[] = [trustNotPublic];
