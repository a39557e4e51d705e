import { PlatformPolicy } from "../../../lib/types";
import { policy as noPublicPrincipal } from "./no-public-principal";

export const bucketPolicyPolicies: PlatformPolicy[] = [noPublicPrincipal];
