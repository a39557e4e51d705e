import { PlatformPolicy } from "../../../lib/types";
import { policy as noBasicRoles } from "./no-basic-roles";
import { policy as noPublicMembers } from "./no-public-members";
import { policy as projectLeastPrivilege } from "./project-least-privilege";
import { policy as telemetryWriteOnly } from "./telemetry-write-only";

export const iamPolicies: PlatformPolicy[] = [noPublicMembers, noBasicRoles, projectLeastPrivilege, telemetryWriteOnly];
