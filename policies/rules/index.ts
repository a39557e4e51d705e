// The whole pack, cloud by cloud. GCP and Azure land as rules/gcp and rules/azure with the
// same layout (<resource>/<rule>.ts plus an index per folder) and one line each here.

import { PlatformPolicy } from "../lib/types";
import { awsPolicies } from "./aws";
import { azurePolicies } from "./azure";
import { gcpPolicies } from "./gcp";
import { kubernetesPolicies } from "./kubernetes";

export const policies: PlatformPolicy[] = [...awsPolicies, ...gcpPolicies, ...azurePolicies, ...kubernetesPolicies];
