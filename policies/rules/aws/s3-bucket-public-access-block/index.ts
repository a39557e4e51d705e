import { PlatformPolicy } from "../../../lib/types";
import { policy as allEnabled } from "./all-enabled";

export const publicAccessBlockPolicies: PlatformPolicy[] = [allEnabled];
