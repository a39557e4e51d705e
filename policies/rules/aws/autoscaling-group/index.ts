import { PlatformPolicy } from "../../../lib/types";
import { policy as elbHealthCheck } from "./elb-health-check";
import { policy as launchTemplate } from "./launch-template";

export const autoscalingGroupPolicies: PlatformPolicy[] = [launchTemplate, elbHealthCheck];
