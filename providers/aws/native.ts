// The AWS handles one component passes to the components built after it. Only AWS adapter
// files read these; the cloud-agnostic components see them as `unknown`.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterResult } from "../adapter";

export interface AwsNetworkNative {
    vpc: aws.ec2.Vpc;
    publicSubnets: aws.ec2.Subnet[];
    appSubnets: aws.ec2.Subnet[];
    dataSubnets: aws.ec2.Subnet[];
    /** The app subnets' routes out through NAT: instances that boot before them cannot install anything. */
    appEgress: pulumi.Resource[];
    /** The private tiers' route tables: a VPN gateway propagates the peer's routes into them. */
    routeTables: { app: aws.ec2.RouteTable[]; data: aws.ec2.RouteTable };
    securityGroups: {
        loadBalancer: aws.ec2.SecurityGroup;
        app: aws.ec2.SecurityGroup;
        database: aws.ec2.SecurityGroup;
        cache: aws.ec2.SecurityGroup;
        /** Only when adminCidrs is not empty. */
        bastion?: aws.ec2.SecurityGroup;
    };
}

export interface AwsObjectStoreNative {
    bucket: aws.s3.Bucket;
    key: aws.kms.Key;
    /** Replication needs versioning on first. */
    versioning: aws.s3.BucketVersioning;
    /** Receives S3 server access logs and load balancer access logs (SSE-S3: those services require it). */
    logsBucket: aws.s3.Bucket;
    /** Lets S3 and ELB log delivery write; a load balancer logging to the bucket depends on it. */
    logsBucketPolicy: aws.s3.BucketPolicy;
}

export interface AwsDatabaseNative {
    instance: aws.rds.Instance;
    replicas: aws.rds.Instance[];
    key: aws.kms.Key;
    /** The application's login (JSON), written and rotated by the credentials function. */
    appSecret: aws.secretsmanager.Secret;
    /** JSON list of the read replicas' endpoints, when the tier has replicas. */
    replicasSecret?: aws.secretsmanager.Secret;
    /** The RDS-managed master secret; only the credentials function reads it. */
    masterSecretArn: pulumi.Output<string>;
    /** The max_connections the parameter group sets; alarms take their percentage of it. */
    maxConnections: number;
    identifier: string;
    /** Fixed, so replica alarms need not wait for the replicas. */
    replicaIdentifiers: string[];
    /** RDS Proxy in front of the primary, when pooling is on: where DATABASE_URL points. */
    pool?: { host: pulumi.Output<string>; port: number; securityGroup: aws.ec2.SecurityGroup };
}

export interface AwsCacheNative {
    group: aws.elasticache.ReplicationGroup;
    key: aws.kms.Key;
    /** Connection and token (JSON), seeded and rotated by the credentials function. */
    authSecret: aws.secretsmanager.Secret;
    /** The token the group is created with; the credentials function seeds the secret with it. */
    initialToken: pulumi.Output<string>;
    clusterMode: boolean;
    replicationGroupId: string;
    /** Member cluster ids, known before deployment because the group id is fixed. */
    memberClusterIds: string[];
}

export interface AwsServiceFleet {
    group: aws.autoscaling.Group;
    /** Fixed names, known before deployment: alarms and dashboards need not wait for the group or queue. */
    groupName: string;
    queueName?: string;
    targetGroup?: aws.lb.TargetGroup;
    queue?: aws.sqs.Queue;
}

export interface AwsAppFleetNative {
    loadBalancer?: aws.lb.LoadBalancer;
    fleets: Record<string, AwsServiceFleet>;
    key: aws.kms.Key;
    role: aws.iam.Role;
    webAcl?: aws.wafv2.WebAcl;
    /** Route 53 health check of the public endpoint, when a domain is set. */
    healthCheck?: aws.route53.HealthCheck;
    /** Only when some service declares `calls`. */
    internalLoadBalancer?: aws.lb.LoadBalancer;
    /** Per called service, the HTTPS URL its callers use (https://<service>.<platform>.internal). */
    serviceUrls: Record<string, string>;
    /** PEM of the CA behind those URLs' certificate, which callers must trust; absent when nothing is called. */
    internalCaPem?: pulumi.Output<string>;
    /** Only for `runtime: kubernetes`, where `fleets` is empty: the cluster the services run on. */
    cluster?: AwsClusterNative;
}

/** What observability needs of the EKS runtime; every name is fixed, known before deployment. */
export interface AwsClusterNative {
    clusterName: string;
    nodeGroupName: string;
    /** The app namespace. */
    namespace: string;
    /** Per service, its Deployment (Container Insights' PodName) and, for workers, its queue. */
    workloads: { service: string; deployment: string; queueName?: string }[];
}

/** The managed Prometheus and Grafana workspaces; what is off is absent. */
export interface AwsTelemetryNative {
    /** Metrics on: the workspaces' and their log group's key. */
    key?: aws.kms.Key;
    /** Metrics on. */
    workspace?: aws.amp.Workspace;
    /** The workspace's remote-write URL, "" when metrics are off. */
    remoteWriteUrl: pulumi.Output<string>;
    grafana?: aws.grafana.Workspace;
    /** Tracing on: collectors export to X-Ray in the platform's region. */
    xray: boolean;
}

/** Reads the AWS handles of another component's result. */
export function nativeOf<T>(result: AdapterResult<unknown>): T {
    return result.native as T;
}
