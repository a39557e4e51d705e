import { PlatformPolicy } from "../../../lib/types";
import { policy as authentication } from "./authentication";
import { policy as deleteLock } from "./delete-lock";
import { policy as persistence } from "./persistence";
import { policy as privateCache } from "./private";
import { policy as protectedCache } from "./protected";
import { policy as replicated } from "./replicated";
import { policy as tlsOnly } from "./tls-only";

export const redisCachePolicies: PlatformPolicy[] = [tlsOnly, privateCache, authentication, replicated, persistence, deleteLock, protectedCache];
