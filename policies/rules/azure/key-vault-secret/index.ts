import { PlatformPolicy } from "../../../lib/types";
import { policy as expiration } from "./expiration";

export const secretPolicies: PlatformPolicy[] = [expiration];
