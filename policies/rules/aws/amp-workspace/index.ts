import { PlatformPolicy } from "../../../lib/types";
import { policy as encrypted } from "./encrypted";
import { policy as logging } from "./logging";

export const ampWorkspacePolicies: PlatformPolicy[] = [encrypted, logging];
