import { PlatformPolicy } from "../../../lib/types";
import { policy as encrypted } from "./encrypted";
import { policy as retention } from "./retention";

export const logGroupPolicies: PlatformPolicy[] = [encrypted, retention];
