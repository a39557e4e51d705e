import { PlatformPolicy } from "../../../lib/types";
import { policy as dedicatedServiceAccount } from "./dedicated-service-account";
import { policy as inVpc } from "./in-vpc";
import { policy as noSecretsInEnv } from "./no-secrets-in-env";

export const cloudRunJobPolicies: PlatformPolicy[] = [inVpc, dedicatedServiceAccount, noSecretsInEnv];
