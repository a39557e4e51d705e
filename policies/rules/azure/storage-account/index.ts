import { PlatformPolicy } from "../../../lib/types";
import { policy as blobDataProtection } from "./blob-data-protection";
import { policy as encryptedWithCmk } from "./encrypted-with-cmk";
import { policy as lifecycle } from "./lifecycle";
import { policy as noPublicAccess } from "./no-public-access";
import { policy as protectedAccount } from "./protected";
import { policy as secureTransport } from "./secure-transport";
import { policy as sharedKeyDisabled } from "./shared-key-disabled";
import { policy as zoneRedundant } from "./zone-redundant";

export const storageAccountPolicies: PlatformPolicy[] = [
    noPublicAccess,
    secureTransport,
    sharedKeyDisabled,
    encryptedWithCmk,
    blobDataProtection,
    zoneRedundant,
    protectedAccount,
    lifecycle,
];
