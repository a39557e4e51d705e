import { PlatformPolicy } from "../../../lib/types";
import { policy as privateContainer } from "./private";

export const blobContainerPolicies: PlatformPolicy[] = [privateContainer];
