import { PlatformPolicy } from "../../../lib/types";
import { policy as auth } from "./auth";
import { policy as encryptedInTransit } from "./encrypted-in-transit";
import { policy as encryptedWithCmek } from "./encrypted-with-cmek";
import { policy as highAvailability } from "./high-availability";
import { policy as persistence } from "./persistence";
import { policy as privateServiceAccess } from "./private-service-access";

export const redisPolicies: PlatformPolicy[] = [auth, encryptedInTransit, encryptedWithCmek, privateServiceAccess, highAvailability, persistence];
