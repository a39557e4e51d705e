// GCP type tokens the rules inspect. Matching on these strings keeps @pulumi/gcp out of the pack.

export const BACKEND_SERVICE = "gcp:compute/backendService:BackendService";
export const BUDGET = "gcp:billing/budget:Budget";
export const BUCKET = "gcp:storage/bucket:Bucket";
export const BUCKET_OBJECT = "gcp:storage/bucketObject:BucketObject";
export const CLOUD_RUN_JOB = "gcp:cloudrunv2/job:Job";
export const COMPUTE_INSTANCE = "gcp:compute/instance:Instance";
export const CRYPTO_KEY = "gcp:kms/cryptoKey:CryptoKey";
export const FIREWALL = "gcp:compute/firewall:Firewall";
export const INSTANCE_TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate";
export const REGION_INSTANCE_TEMPLATE = "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate";
export const INSTANCE_GROUP_MANAGERS = ["gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "gcp:compute/instanceGroupManager:InstanceGroupManager"];
export const LOG_BUCKET = "gcp:logging/projectBucketConfig:ProjectBucketConfig";
export const ALERT_POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
export const PROJECT_IAM_MEMBER = "gcp:projects/iAMMember:IAMMember";
export const PROJECT_IAM_BINDING = "gcp:projects/iAMBinding:IAMBinding";
export const PUBSUB_TOPIC = "gcp:pubsub/topic:Topic";
export const REDIS_INSTANCE = "gcp:redis/instance:Instance";
export const REDIS_CLUSTER = "gcp:redis/cluster:Cluster";
export const SCHEDULER_JOB = "gcp:cloudscheduler/job:Job";
export const SECRET = "gcp:secretmanager/secret:Secret";
export const SECURITY_POLICY = "gcp:compute/securityPolicy:SecurityPolicy";
export const SERVICE_ACCOUNT_KEY = "gcp:serviceaccount/key:Key";
export const SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
export const SSL_POLICY = "gcp:compute/sSLPolicy:SSLPolicy";
export const SUBNETWORK = "gcp:compute/subnetwork:Subnetwork";
export const TARGET_HTTP_PROXY = "gcp:compute/targetHttpProxy:TargetHttpProxy";
export const TARGET_HTTPS_PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy";
export const URL_MAP = "gcp:compute/uRLMap:URLMap";

/** VMs: templates the managed groups create instances from, and single instances (the bastion). */
export const VM_TYPES = [INSTANCE_TEMPLATE, REGION_INSTANCE_TEMPLATE, COMPUTE_INSTANCE];

/**
 * IAM grants in their three shapes: `member` (…IAMMember), `members` (…IAMBinding) and
 * `policyData` (…IAMPolicy), on a project or on one resource. Every GCP IAM resource's token
 * ends in one of these class names, in either capitalisation the provider uses.
 */
export function isIamType(type: string): boolean {
    return type.startsWith("gcp:") && /:[A-Za-z]*(IAM|Iam)(Member|Binding|Policy)$/.test(type);
}

/** A read replica (masterInstanceName): backups, HA and flags follow its primary. */
export function isReplica(props: Record<string, unknown>): boolean {
    const master = props.masterInstanceName;
    return master !== undefined && master !== null && master !== "";
}

/** GKE: the cluster and its node pools (runtime kubernetes). */
export const GKE_CLUSTER = "gcp:container/cluster:Cluster";
export const GKE_NODE_POOL = "gcp:container/nodePool:NodePool";
export const TRANSFER_JOB = "gcp:storage/transferJob:TransferJob";
export const COMPUTE_DISK = "gcp:compute/disk:Disk";

/** HA VPN tunnels (their pre-shared key and IKE proposals). */
export const VPN_TUNNEL = "gcp:compute/vPNTunnel:VPNTunnel";
