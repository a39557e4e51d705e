import { PlatformPolicy } from "../../../lib/types";
import { policy as sourceScoped } from "./source-scoped";

export const lambdaPermissionPolicies: PlatformPolicy[] = [sourceScoped];
