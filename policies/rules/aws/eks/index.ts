import { PlatformPolicy } from "../../../lib/types";
import { policy as accessEntries } from "./access-entries";
import { policy as controlPlaneLogging } from "./control-plane-logging";
import { policy as noRemoteAccess } from "./node-group-no-remote-access";
import { policy as privateEndpoint } from "./private-endpoint";
import { policy as secretsEncryption } from "./secrets-encryption";
import { policy as supportedVersion } from "./supported-version";

export const eksPolicies: PlatformPolicy[] = [privateEndpoint, secretsEncryption, controlPlaneLogging, noRemoteAccess, supportedVersion, accessEntries];
