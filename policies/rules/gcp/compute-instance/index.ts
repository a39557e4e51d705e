import { PlatformPolicy } from "../../../lib/types";
import { policy as blockProjectSshKeys } from "./block-project-ssh-keys";
import { policy as dedicatedServiceAccount } from "./dedicated-service-account";
import { policy as diskEncryptedWithCmek } from "./disk-encrypted-with-cmek";
import { policy as noIpForwarding } from "./no-ip-forwarding";
import { policy as noPublicIp } from "./no-public-ip";
import { policy as noSecretsInStartupScript } from "./no-secrets-in-startup-script";
import { policy as noSerialPort } from "./no-serial-port";
import { policy as osLogin } from "./os-login";
import { policy as shieldedVm } from "./shielded-vm";

export const instancePolicies: PlatformPolicy[] = [
    noPublicIp,
    shieldedVm,
    osLogin,
    blockProjectSshKeys,
    noSerialPort,
    noIpForwarding,
    dedicatedServiceAccount,
    diskEncryptedWithCmek,
    noSecretsInStartupScript,
];
