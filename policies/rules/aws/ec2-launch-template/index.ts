import { PlatformPolicy } from "../../../lib/types";
import { policy as ebsEncrypted } from "./ebs-encrypted";
import { policy as imdsv2 } from "./imdsv2";
import { policy as metadataHopLimit } from "./metadata-hop-limit";
import { policy as noPublicIp } from "./no-public-ip";
import { policy as noSecretsInUserData } from "./no-secrets-in-user-data";

export const launchTemplatePolicies: PlatformPolicy[] = [imdsv2, noPublicIp, ebsEncrypted, noSecretsInUserData, metadataHopLimit];
