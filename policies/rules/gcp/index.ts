// Every GCP rule, grouped by the resource it inspects. A new rule is a new module in its
// resource folder plus one line in that folder's index (a test checks nothing is left out).

import { PlatformPolicy } from "../../lib/types";
import { budgetPolicies } from "./billing-budget";
import { cloudRunJobPolicies } from "./cloud-run-job";
import { schedulerJobPolicies } from "./cloud-scheduler-job";
import { backendServicePolicies } from "./compute-backend-service";
import { firewallPolicies } from "./compute-firewall";
import { gkePolicies } from "./gke";
import { diskPolicies } from "./compute-disk";
import { instancePolicies } from "./compute-instance";
import { instanceGroupPolicies } from "./compute-instance-group";
import { securityPolicyPolicies } from "./compute-security-policy";
import { sslPolicyPolicies } from "./compute-ssl-policy";
import { subnetworkPolicies } from "./compute-subnetwork";
import { vpnTunnelPolicies } from "./compute-vpn-tunnel";
import { httpProxyPolicies } from "./compute-target-http-proxy";
import { httpsProxyPolicies } from "./compute-target-https-proxy";
import { iamPolicies } from "./iam-member";
import { cryptoKeyPolicies } from "./kms-crypto-key";
import { logBucketPolicies } from "./logging-bucket";
import { alertPolicyPolicies } from "./monitoring-alert-policy";
import { topicPolicies } from "./pubsub-topic";
import { redisPolicies } from "./redis";
import { resourcePolicies } from "./resource";
import { secretPolicies } from "./secret-manager-secret";
import { serviceAccountPolicies } from "./service-account";
import { sqlInstancePolicies } from "./sql-database-instance";
import { stackPolicies } from "./stack";
import { bucketPolicies } from "./storage-bucket";
import { transferJobPolicies } from "./storage-transfer-job";

export const gcpPolicies: PlatformPolicy[] = [
    ...stackPolicies,
    ...budgetPolicies,
    ...resourcePolicies,
    ...iamPolicies,
    ...serviceAccountPolicies,
    ...cryptoKeyPolicies,
    ...firewallPolicies,
    ...subnetworkPolicies,
    ...vpnTunnelPolicies,
    ...sqlInstancePolicies,
    ...redisPolicies,
    ...bucketPolicies,
    ...instancePolicies,
    ...diskPolicies,
    ...instanceGroupPolicies,
    ...backendServicePolicies,
    ...securityPolicyPolicies,
    ...sslPolicyPolicies,
    ...httpsProxyPolicies,
    ...httpProxyPolicies,
    ...logBucketPolicies,
    ...alertPolicyPolicies,
    ...topicPolicies,
    ...secretPolicies,
    ...cloudRunJobPolicies,
    ...schedulerJobPolicies,
    ...gkePolicies,
    ...transferJobPolicies,
];
