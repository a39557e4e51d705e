import { PlatformPolicy } from "../../../lib/types";
import { policy as apiKeysDisabled } from "./api-keys-disabled";
import { policy as privateGrafana } from "./private";
import { policy as zoneRedundant } from "./zone-redundant";

export const grafanaPolicies: PlatformPolicy[] = [privateGrafana, apiKeysDisabled, zoneRedundant];
