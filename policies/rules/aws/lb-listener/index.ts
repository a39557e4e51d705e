import { PlatformPolicy } from "../../../lib/types";
import { policy as httpRedirectsToHttps } from "./http-redirects-to-https";
import { policy as tlsPolicy } from "./tls-policy";

export const listenerPolicies: PlatformPolicy[] = [tlsPolicy, httpRedirectsToHttps];
