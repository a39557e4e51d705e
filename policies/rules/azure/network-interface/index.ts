import { PlatformPolicy } from "../../../lib/types";
import { policy as noPublicIp } from "./no-public-ip";

export const networkInterfacePolicies: PlatformPolicy[] = [noPublicIp];
