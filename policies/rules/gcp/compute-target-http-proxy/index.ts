import { PlatformPolicy } from "../../../lib/types";
import { policy as redirectsToHttps } from "./redirects-to-https";

export const httpProxyPolicies: PlatformPolicy[] = [redirectsToHttps];
