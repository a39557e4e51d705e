// AWS type tokens the rules inspect. Matching on these strings keeps @pulumi/aws out of the pack.

export const ACM_CERTIFICATE = "aws:acm/certificate:Certificate";
export const ASG = "aws:autoscaling/group:Group";
export const BUCKET = "aws:s3/bucket:Bucket";
export const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const BUCKETS = [BUCKET, BUCKET_V2];
export const BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
export const BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
export const BUCKET_LIFECYCLE = ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"];
export const BUCKET_LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];
export const BUCKET_OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const BUCKET_SSE = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
export const BUCKET_VERSIONING = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const KMS_KEY = "aws:kms/key:Key";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
export const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
export const RDS_PROXY = "aws:rds/proxy:Proxy";
export const LAMBDA_FUNCTION = "aws:lambda/function:Function";
export const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
export const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const SECRET = "aws:secretsmanager/secret:Secret";
export const SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
export const SNS_TOPIC = "aws:sns/topic:Topic";
export const SQS_QUEUE = "aws:sqs/queue:Queue";
export const SUBNET = "aws:ec2/subnet:Subnet";
export const VPC = "aws:ec2/vpc:Vpc";
export const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
export const WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
export const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

/** Whether an RDS instance is a read replica (it inherits encryption, backups and credentials). */
export function isReadReplica(props: Record<string, unknown>): boolean {
    const source = props.replicateSourceDb;
    return source !== undefined && source !== null && source !== "";
}
export const BUDGET = "aws:budgets/budget:Budget";
export const EKS_CLUSTER = "aws:eks/cluster:Cluster";
export const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
export const BUCKET_REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
export const RDS_BACKUPS_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
export const AMP_WORKSPACE = "aws:amp/workspace:Workspace";
export const GRAFANA_WORKSPACE = "aws:grafana/workspace:Workspace";
export const OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain";
export const VPN_CONNECTION = "aws:ec2/vpnConnection:VpnConnection";
export const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
