import { PlatformPolicy } from "../../../lib/types";
import { policy as dedicatedServiceAccount } from "./dedicated-service-account";
import { policy as inVpc } from "./in-vpc";

export const cloudRunJobPolicies: PlatformPolicy[] = [inVpc, dedicatedServiceAccount];
