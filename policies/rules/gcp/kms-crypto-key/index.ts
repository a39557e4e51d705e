import { PlatformPolicy } from "../../../lib/types";
import { policy as rotation } from "./rotation";

export const cryptoKeyPolicies: PlatformPolicy[] = [rotation];
