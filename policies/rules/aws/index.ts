// Every AWS rule, grouped by the resource it inspects. A new rule is a new module in its
// resource folder plus one line in that folder's index (a test checks nothing is left out).

import { PlatformPolicy } from "../../lib/types";
import { ampWorkspacePolicies } from "./amp-workspace";
import { autoscalingGroupPolicies } from "./autoscaling-group";
import { budgetPolicies } from "./budgets-budget";
import { logGroupPolicies } from "./cloudwatch-log-group";
import { metricAlarmPolicies } from "./cloudwatch-metric-alarm";
import { securityGroupPolicies } from "./ec2-security-group";
import { vpnConnectionPolicies } from "./ec2-vpn-connection";
import { taskDefinitionPolicies } from "./ecs-task-definition";
import { launchTemplatePolicies } from "./ec2-launch-template";
import { eksPolicies } from "./eks";
import { subnetPolicies } from "./ec2-subnet";
import { vpcPolicies } from "./ec2-vpc";
import { replicationGroupPolicies } from "./elasticache-replication-group";
import { grafanaWorkspacePolicies } from "./grafana-workspace";
import { iamPolicyPolicies } from "./iam-policy";
import { iamRolePolicies } from "./iam-role";
import { kmsKeyPolicies } from "./kms-key";
import { lambdaFunctionPolicies } from "./lambda-function";
import { lambdaPermissionPolicies } from "./lambda-permission";
import { listenerPolicies } from "./lb-listener";
import { loadBalancerPolicies } from "./lb-load-balancer";
import { rdsBackupsReplicationPolicies } from "./rds-backups-replication";
import { openSearchDomainPolicies } from "./opensearch-domain";
import { rdsInstancePolicies } from "./rds-instance";
import { rdsProxyPolicies } from "./rds-proxy";
import { resourcePolicies } from "./resource";
import { bucketPolicies } from "./s3-bucket";
import { bucketPolicyPolicies } from "./s3-bucket-policy";
import { bucketReplicationPolicies } from "./s3-bucket-replication";
import { publicAccessBlockPolicies } from "./s3-bucket-public-access-block";
import { secretPolicies } from "./secretsmanager-secret";
import { snsTopicPolicies } from "./sns-topic";
import { sqsQueuePolicies } from "./sqs-queue";
import { stackPolicies } from "./stack";
import { webAclPolicies } from "./wafv2-web-acl";

export const awsPolicies: PlatformPolicy[] = [
    ...stackPolicies,
    ...budgetPolicies,
    ...resourcePolicies,
    ...iamPolicyPolicies,
    ...iamRolePolicies,
    ...kmsKeyPolicies,
    ...lambdaFunctionPolicies,
    ...lambdaPermissionPolicies,
    ...securityGroupPolicies,
    ...vpnConnectionPolicies,
    ...taskDefinitionPolicies,
    ...vpcPolicies,
    ...subnetPolicies,
    ...rdsInstancePolicies,
    ...rdsProxyPolicies,
    ...replicationGroupPolicies,
    ...openSearchDomainPolicies,
    ...bucketPolicies,
    ...publicAccessBlockPolicies,
    ...bucketPolicyPolicies,
    ...launchTemplatePolicies,
    ...autoscalingGroupPolicies,
    ...loadBalancerPolicies,
    ...listenerPolicies,
    ...webAclPolicies,
    ...eksPolicies,
    ...logGroupPolicies,
    ...metricAlarmPolicies,
    ...snsTopicPolicies,
    ...sqsQueuePolicies,
    ...secretPolicies,
    ...bucketReplicationPolicies,
    ...rdsBackupsReplicationPolicies,
    ...ampWorkspacePolicies,
    ...grafanaWorkspacePolicies,
];
