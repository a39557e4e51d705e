import { PlatformPolicy } from "../../../lib/types";
import { policy as encrypted } from "./encrypted";
import { policy as ownRole } from "./own-role";

export const grafanaWorkspacePolicies: PlatformPolicy[] = [ownRole, encrypted];
