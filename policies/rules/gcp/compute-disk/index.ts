import { PlatformPolicy } from "../../../lib/types";
import { policy as encryptedWithCmek } from "./encrypted-with-cmek";

export const diskPolicies: PlatformPolicy[] = [encryptedWithCmek];
