import { PlatformPolicy } from "../../../lib/types";
import { policy as encryptedWithKms } from "./encrypted-with-kms";
import { policy as rotation } from "./rotation";

export const secretPolicies: PlatformPolicy[] = [encryptedWithKms, rotation];
