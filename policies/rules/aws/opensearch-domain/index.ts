import { PlatformPolicy } from "../../../lib/types";
import { policy as dedicatedMasters } from "./dedicated-masters";
import { policy as encryptedAtRest } from "./encrypted-at-rest";
import { policy as fineGrainedAccess } from "./fine-grained-access";
import { policy as httpsTls12 } from "./https-tls-1-2";
import { policy as inVpc } from "./in-vpc";
import { policy as logsPublished } from "./logs-published";
import { policy as nodeToNode } from "./node-to-node-encryption";

export const openSearchDomainPolicies: PlatformPolicy[] = [encryptedAtRest, nodeToNode, httpsTls12, inVpc, fineGrainedAccess, logsPublished, dedicatedMasters];
