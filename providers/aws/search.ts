// The LMS document's search and log cluster as an Amazon OpenSearch Service domain: in the data
// subnets behind its own security group (the app tier in on 443), encrypted at rest with the
// component's key and node to node, HTTPS only with TLS 1.2 and forward secrecy, fine-grained
// access control keyed to IAM (no internal user database), zone awareness over the tier's zones,
// dedicated cluster managers where the tier has them, gp3 storage, auto-tune, and its audit,
// slow and application logs in encrypted log groups.
//
// The application signs its requests with SigV4 (service "es") as its instance or pod role, so
// SEARCH_URL carries no credential. The access policy admits only this platform's roles (by
// their project and environment tags): the app roles are created after the domain, so they
// cannot be named by ARN here. The master user is an admin role operators assume.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, SearchOutputs } from "../adapter";
import { SearchSpec } from "../../tiers/types";
import { accountId, boundedName, childName, childOpts, createKmsKey, createLogGroup, dataOpts, regionOf, tagsFor } from "./common";
import { AwsNetworkNative, nativeOf } from "./native";
import { egress, ingress, securityGroup } from "./network";
import { searchInstanceTypeFor } from "./sizes";
import { createLogShipping, SearchLogShipping } from "./searchLogs";

/** The newest OpenSearch 2.x engine the service offers. */
export const OPENSEARCH_ENGINE_VERSION = "OpenSearch_2.19";
/** TLS 1.2 minimum with forward-secret ciphers only. */
export const SEARCH_TLS_POLICY = "Policy-Min-TLS-1-2-PFS-2023-10";
const HTTPS = 443;
/** OpenSearch domain names: 3-28 characters, lowercase letters, digits and hyphens, a letter first. */
const MAX_DOMAIN_NAME = 28;

/** `${platform}-search`, cut with a stable hash when the platform's name is too long. */
export function searchDomainNameFor(platformName: string): string {
    const base = platformName.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").replace(/^[^a-z]+|-+$/g, "") || "p";
    return boundedName(`${base}-search`, MAX_DOMAIN_NAME);
}

/** The log types the domain publishes; audit logs need fine-grained access control, which is on. */
export const SEARCH_LOG_TYPES = ["AUDIT_LOGS", "ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"] as const;

export interface AwsSearchNative {
    domain: aws.opensearch.Domain;
    domainName: string;
    securityGroup: aws.ec2.SecurityGroup;
    key: aws.kms.Key;
    adminRole: aws.iam.Role;
    /** Only with shipLogs: the delivery stream the services' log groups are subscribed to. */
    shipping?: SearchLogShipping;
}

/** Zone awareness takes 2 or 3 zones; one zone is a single-zone domain. */
export function zoneAwareness(zones: number): Pick<aws.types.input.opensearch.DomainClusterConfig, "zoneAwarenessEnabled" | "zoneAwarenessConfig"> {
    return zones > 1 ? { zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: Math.min(zones, 3) } } : { zoneAwarenessEnabled: false };
}

/**
 * OpenSearch Service spreads data nodes evenly over a two-zone domain and refuses an odd count
 * there: such a tier (3 nodes over 2 zones in staging and production-small) gets one node more
 * rather than losing zone awareness.
 */
export function dataNodeCount(dataNodes: number, zones: number): number {
    return zones === 2 && dataNodes % 2 === 1 ? dataNodes + 1 : dataNodes;
}

function logGroups(ctx: AdapterContext, spec: SearchSpec, key: aws.kms.Key, domainName: string): Record<(typeof SEARCH_LOG_TYPES)[number], aws.cloudwatch.LogGroup> {
    const kebab = (type: string): string => type.toLowerCase().replace(/_/g, "-");
    const entries = SEARCH_LOG_TYPES.map((type) => [
        type,
        createLogGroup(ctx, `${kebab(type)}`, { name: `/aws/opensearch/${domainName}/${kebab(type)}`, retentionDays: spec.logRetentionDays, key }),
    ]);
    return Object.fromEntries(entries);
}

export function createSearch(ctx: AdapterContext, spec: SearchSpec, deps: DataDeps): AdapterResult<SearchOutputs> {
    const network = nativeOf<AwsNetworkNative>(deps.network);
    const region = regionOf(ctx);
    const account = accountId(ctx);
    const domainName = searchDomainNameFor(ctx.platform.name);
    const domainArn = pulumi.interpolate`arn:aws:es:${region}:${account}:domain/${domainName}`;

    const key = createKmsKey(ctx, "search", { description: `${ctx.platform.name} search cluster data at rest and its logs`, logs: true });
    const group = securityGroup(ctx, network.vpc, "search", "OpenSearch: HTTPS from the app tier (and the log shipper) only");
    ingress(ctx, group, "search", { role: "app", port: HTTPS, peer: { group: network.securityGroups.app }, description: "OpenSearch API from the app tier" });
    // The delivery stream's interfaces sit in this group and reach the domain through it.
    egress(ctx, group, "search", { role: "self", port: HTTPS, peer: { group }, description: "Log delivery to the domain" });
    ingress(ctx, group, "search", { role: "self", port: HTTPS, peer: { group }, description: "Log delivery from the delivery stream" });

    const logs = logGroups(ctx, spec, key, domainName);
    const logsPolicy = new aws.cloudwatch.LogResourcePolicy(
        childName(ctx, "search-logs-policy"),
        {
            policyName: `${domainName}-logs`,
            policyDocument: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "es.amazonaws.com" },
                        Action: ["logs:PutLogEvents", "logs:CreateLogStream"],
                        Resource: Object.values(logs).map((logGroup) => pulumi.interpolate`${logGroup.arn}:*`),
                        Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": domainArn } },
                    },
                ],
            }),
        },
        childOpts(ctx),
    );

    // Operators assume it to administer the cluster (index templates, role mappings).
    const adminRole = new aws.iam.Role(
        childName(ctx, "search-admin"),
        {
            description: `${ctx.platform.name} search cluster administrators (OpenSearch master user)`,
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
            }),
            tags: tagsFor(ctx, "search-admin"),
        },
        childOpts(ctx),
    );

    const dataSubnets = network.dataSubnets.slice(0, Math.max(1, Math.min(spec.zones, 3)));
    const domainArgs: aws.opensearch.DomainArgs = {
        domainName,
        engineVersion: OPENSEARCH_ENGINE_VERSION,
        clusterConfig: {
            instanceType: searchInstanceTypeFor(spec.shape),
            instanceCount: dataNodeCount(spec.dataNodes, dataSubnets.length),
            dedicatedMasterEnabled: spec.dedicatedMasters > 0,
            ...(spec.dedicatedMasters > 0 ? { dedicatedMasterCount: spec.dedicatedMasters, dedicatedMasterType: searchInstanceTypeFor(spec.masterShape) } : {}),
            ...zoneAwareness(dataSubnets.length),
        },
        ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: spec.storageGbPerNode },
        vpcOptions: { subnetIds: dataSubnets.map((subnet) => subnet.id), securityGroupIds: [group.id] },
        encryptAtRest: { enabled: true, kmsKeyId: key.arn },
        nodeToNodeEncryption: { enabled: true },
        domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: SEARCH_TLS_POLICY },
        advancedSecurityOptions: {
            enabled: true,
            internalUserDatabaseEnabled: false,
            anonymousAuthEnabled: false,
            masterUserOptions: { masterUserArn: adminRole.arn },
        },
        autoTuneOptions: { desiredState: "ENABLED", rollbackOnDisable: "NO_ROLLBACK", useOffPeakWindow: true },
        offPeakWindowOptions: { enabled: true },
        softwareUpdateOptions: { autoSoftwareUpdateEnabled: true },
        advancedOptions: { "rest.action.multi.allow_explicit_index": "false" },
        logPublishingOptions: SEARCH_LOG_TYPES.map((logType) => ({ logType, cloudwatchLogGroupArn: logs[logType].arn, enabled: true })),
        tags: tagsFor(ctx, "search"),
    };
    const domain = new aws.opensearch.Domain(childName(ctx, "search"), domainArgs, dataOpts(ctx, { dependsOn: [logsPolicy] }));

    // Any principal of this account carrying the platform's project and environment tags: the
    // instance role and pod roles are tagged so, and are created after the domain.
    const tags = ctx.platform.tags;
    new aws.opensearch.DomainPolicy(
        childName(ctx, "search-access"),
        {
            domainName: domain.domainName,
            accessPolicies: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "PlatformRoles",
                        Effect: "Allow",
                        Principal: { AWS: "*" },
                        Action: ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete", "es:ESHttpPatch"],
                        Resource: pulumi.interpolate`${domainArn}/*`,
                        Condition: {
                            StringEquals: { "aws:PrincipalAccount": account, "aws:PrincipalTag/project": tags.project, "aws:PrincipalTag/environment": tags.environment },
                        },
                    },
                ],
            }),
        },
        childOpts(ctx),
    );

    const shipping = spec.shipLogs ? createLogShipping(ctx, spec, { domain, domainName, key, group, subnets: dataSubnets }) : undefined;
    const native: AwsSearchNative = { domain, domainName, securityGroup: group, key, adminRole, ...(shipping ? { shipping } : {}) };
    return {
        outputs: {
            endpoint: pulumi.interpolate`https://${domain.endpoint}`,
            dashboardsUrl: pulumi.interpolate`https://${domain.dashboardEndpoint}`,
            port: pulumi.output(HTTPS),
        },
        native,
        logGroups: Object.values(logs).map((logGroup) => logGroup.name),
    };
}
