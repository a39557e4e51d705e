import { PlatformPolicy } from "../../../lib/types";
import { policy as accessLogging } from "./access-logging";
import { policy as encryptedWithCmek } from "./encrypted-with-cmek";
import { policy as lifecycle } from "./lifecycle";
import { policy as protectedBucket } from "./protected";
import { policy as publicAccessPrevention } from "./public-access-prevention";
import { policy as uniformAccess } from "./uniform-access";
import { policy as versioning } from "./versioning";

export const bucketPolicies: PlatformPolicy[] = [publicAccessPrevention, uniformAccess, encryptedWithCmek, versioning, accessLogging, protectedBucket, lifecycle];
