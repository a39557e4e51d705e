import { PlatformPolicy } from "../../../lib/types";
import { policy as hsmBacked } from "./hsm-backed";
import { policy as rotation } from "./rotation";

export const keyPolicies: PlatformPolicy[] = [rotation, hsmBacked];
