import { PlatformPolicy } from "../../../lib/types";
import { policy as readOnlyRoot } from "./read-only-root";

export const taskDefinitionPolicies: PlatformPolicy[] = [readOnlyRoot];
