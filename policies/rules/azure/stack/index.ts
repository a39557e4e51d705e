import { PlatformPolicy } from "../../../lib/types";
import { policy as noPlaintextSecrets } from "./no-plaintext-secrets";

export const stackPolicies: PlatformPolicy[] = [noPlaintextSecrets];
