import { PlatformPolicy } from "../../../lib/types";
import { policy as accessLogging } from "./access-logging";
import { policy as aclsDisabled } from "./acls-disabled";
import { policy as denyInsecureTransport } from "./deny-insecure-transport";
import { policy as encrypted } from "./encrypted";
import { policy as encryptedWithKms } from "./encrypted-with-kms";
import { policy as lifecycle } from "./lifecycle";
import { policy as noPublicAcl } from "./no-public-acl";
import { policy as publicAccessBlock } from "./public-access-block";
import { policy as tlsMinimum } from "./tls-minimum-1-2";
import { policy as versioningEnabled } from "./versioning-enabled";

export const bucketPolicies: PlatformPolicy[] = [
    publicAccessBlock,
    noPublicAcl,
    encrypted,
    encryptedWithKms,
    versioningEnabled,
    accessLogging,
    denyInsecureTransport,
    tlsMinimum,
    aclsDisabled,
    lifecycle,
];
