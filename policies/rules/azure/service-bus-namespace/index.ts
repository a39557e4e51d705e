import { PlatformPolicy } from "../../../lib/types";
import { policy as encryptedWithCmk } from "./encrypted-with-cmk";
import { policy as privateNamespace } from "./private";
import { policy as secureAccess } from "./secure-access";

export const serviceBusPolicies: PlatformPolicy[] = [privateNamespace, secureAccess, encryptedWithCmk];
