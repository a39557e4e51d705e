import { PlatformPolicy } from "../../../lib/types";
import { policy as disksEncrypted } from "./disks-encrypted";
import { policy as sshKeysOnly } from "./ssh-keys-only";

export const virtualMachinePolicies: PlatformPolicy[] = [disksEncrypted, sshKeysOnly];
