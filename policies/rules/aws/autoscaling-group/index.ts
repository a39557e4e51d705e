import { PlatformPolicy } from "../../../lib/types";
import { policy as elbHealthCheck } from "./elb-health-check";
import { policy as launchTemplate } from "./launch-template";
import { policy as spotOnlyOnWorkers } from "./spot-only-on-workers";

export const autoscalingGroupPolicies: PlatformPolicy[] = [launchTemplate, elbHealthCheck, spotOnlyOnWorkers];
