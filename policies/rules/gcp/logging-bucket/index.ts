import { PlatformPolicy } from "../../../lib/types";
import { policy as encryptedWithCmek } from "./encrypted-with-cmek";
import { policy as retention } from "./retention";

export const logBucketPolicies: PlatformPolicy[] = [retention, encryptedWithCmek];
