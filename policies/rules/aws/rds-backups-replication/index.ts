import { PlatformPolicy } from "../../../lib/types";
import { policy as encrypted } from "./encrypted";

export const rdsBackupsReplicationPolicies: PlatformPolicy[] = [encrypted];
