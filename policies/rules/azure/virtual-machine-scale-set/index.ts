import { PlatformPolicy } from "../../../lib/types";
import { policy as automaticRepairs } from "./automatic-repairs";
import { policy as disksEncrypted } from "./disks-encrypted";
import { policy as noPublicIp } from "./no-public-ip";
import { policy as noSecretsInCustomData } from "./no-secrets-in-custom-data";
import { policy as sshKeysOnly } from "./ssh-keys-only";

export const scaleSetPolicies: PlatformPolicy[] = [noPublicIp, sshKeysOnly, disksEncrypted, noSecretsInCustomData, automaticRepairs];
