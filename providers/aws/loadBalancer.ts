// The public edge of the app fleet: the internet-facing ALB (HTTPS only, TLS 1.2+), its
// certificate (ACM with DNS validation, or self-signed without a domain), the LMS document's
// WAF rules, and the idea-management document's Route 53 records and health check. The health
// check waits for the fleet (publicHealthCheck): created earlier, it probes a site that cannot
// answer yet and its alarm pages on the first deploy.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AdapterContext, AppFleetDeps } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { boundedName, childName, childOpts, createLogGroup, rulePriorities, tagsFor, withOverrides } from "./common";
import { AwsDatabaseNative, AwsNetworkNative, AwsObjectStoreNative, nativeOf } from "./native";

export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** What the app fleet's builders share. */
export interface FleetScope {
    ctx: AdapterContext;
    spec: AppFleetSpec;
    region: string;
    account: pulumi.Output<string>;
    key: aws.kms.Key;
    net: AwsNetworkNative;
    /** How target groups address the fleet: instances (VMs, the default) or pod IPs (EKS). */
    targetType?: "instance" | "ip";
}

export function fleetLogGroup(s: FleetScope, role: string, name: string): aws.cloudwatch.LogGroup {
    return createLogGroup(s.ctx, role, { name, retentionDays: s.spec.logRetentionDays, key: s.key });
}

export interface PublicEdge {
    loadBalancer: aws.lb.LoadBalancer;
    targetGroups: Record<string, aws.lb.TargetGroup>;
    https: aws.lb.Listener;
    /** The domain's alias records; empty without a domain. */
    records: aws.route53.Record[];
    /** The public web service the health check probes. */
    primary: ServiceSpec;
    webAcl?: aws.wafv2.WebAcl;
    logGroups: aws.cloudwatch.LogGroup[];
}

function requirePort(service: ServiceSpec): number {
    if (!service.port) {
        throw new pulumi.RunError(`Service "${service.name}" has no port for the load balancer.`);
    }
    return service.port;
}

/** A service's target group behind the public or the internal load balancer, checked on its ready path. */
export function serviceTargetGroup(s: FleetScope, service: ServiceSpec, edge: "public" | "internal"): aws.lb.TargetGroup {
    const { ctx, net } = s;
    const port = requirePort(service);
    const role = edge === "public" ? `${service.name}-tg` : `internal-${service.name}-tg`;
    return new aws.lb.TargetGroup(
        childName(ctx, role),
        {
            // The port is in the name: changing it replaces the group, and the new one must not collide.
            name: boundedName(`${ctx.name}-${service.name}-${edge === "public" ? "" : "i"}${port}`, 32),
            port,
            protocol: "HTTP",
            vpcId: net.vpc.id,
            targetType: s.targetType ?? "instance",
            deregistrationDelay: 30,
            healthCheck: { path: service.readyPath, matcher: "200", interval: 10, healthyThreshold: 2, unhealthyThreshold: 3, timeout: 5 },
            tags: tagsFor(ctx, role),
        },
        childOpts(ctx),
    );
}

function certificateArn(s: FleetScope, lbDnsName: pulumi.Output<string>, zone?: pulumi.Output<aws.route53.GetZoneResult>): pulumi.Output<string> {
    const { ctx } = s;
    const domain = s.spec.domain;
    if (!domain || !zone) {
        // No domain: a self-signed certificate, as the idea-management document's development
        // environment uses. Browsers warn, but the listener stays HTTPS-only with TLS 1.2+.
        const commonName = `${ctx.platform.name}.internal`;
        const key = new tls.PrivateKey(childName(ctx, "tls-key"), { algorithm: "RSA", rsaBits: 2048 }, childOpts(ctx));
        const cert = new tls.SelfSignedCert(
            childName(ctx, "tls-cert"),
            {
                privateKeyPem: key.privateKeyPem,
                subject: { commonName, organization: ctx.platform.name },
                dnsNames: [commonName, lbDnsName],
                validityPeriodHours: 8760,
                earlyRenewalHours: 720,
                allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
            },
            childOpts(ctx),
        );
        return new aws.acm.Certificate(
            childName(ctx, "certificate"),
            { privateKey: key.privateKeyPem, certificateBody: cert.certPem, tags: tagsFor(ctx, "certificate") },
            childOpts(ctx),
        ).arn;
    }
    const certificate = new aws.acm.Certificate(
        childName(ctx, "certificate"),
        { domainName: domain, subjectAlternativeNames: [`*.${domain}`], validationMethod: "DNS", tags: tagsFor(ctx, "certificate") },
        childOpts(ctx),
    );
    // The apex and its wildcard validate with the same CNAME, so one record serves both names.
    const option = certificate.domainValidationOptions.apply((options) => {
        const found = options.find((candidate) => candidate.domainName === domain) ?? options[0];
        if (!found) {
            throw new pulumi.RunError(`ACM returned no DNS validation record for ${domain}.`);
        }
        return found;
    });
    const record = new aws.route53.Record(
        childName(ctx, "certificate-validation-record"),
        {
            zoneId: zone.zoneId,
            name: option.resourceRecordName,
            type: option.resourceRecordType,
            records: [option.resourceRecordValue],
            ttl: 60,
            allowOverwrite: true,
        },
        childOpts(ctx),
    );
    return new aws.acm.CertificateValidation(
        childName(ctx, "certificate-validation"),
        { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
        childOpts(ctx),
    ).certificateArn;
}

function listeners(s: FleetScope, edge: Pick<PublicEdge, "loadBalancer" | "targetGroups">, services: ServiceSpec[], certificate: pulumi.Output<string>): aws.lb.Listener {
    const { ctx, spec } = s;
    const https = new aws.lb.Listener(
        childName(ctx, "https"),
        {
            loadBalancerArn: edge.loadBalancer.arn,
            port: 443,
            protocol: "HTTPS",
            sslPolicy: TLS_POLICY,
            certificateArn: certificate,
            defaultActions: [{ type: "forward", targetGroupArn: edge.targetGroups[services[0].name].arn }],
            tags: tagsFor(ctx, "https"),
        },
        childOpts(ctx),
    );
    const priorities = rulePriorities(services.slice(1).map((service) => service.name));
    services.slice(1).forEach((service) => {
        new aws.lb.ListenerRule(
            childName(ctx, `${service.name}-route`),
            {
                listenerArn: https.arn,
                priority: priorities[service.name],
                actions: [{ type: "forward", targetGroupArn: edge.targetGroups[service.name].arn }],
                conditions: [
                    spec.domain
                        ? { hostHeader: { values: [`${service.name}.${spec.domain}`] } }
                        : { pathPattern: { values: [`/${service.name}`, `/${service.name}/*`] } },
                ],
                tags: tagsFor(ctx, `${service.name}-route`),
            },
            childOpts(ctx),
        );
    });
    // Port 80 only ever answers with a permanent redirect to HTTPS.
    new aws.lb.Listener(
        childName(ctx, "http"),
        {
            loadBalancerArn: edge.loadBalancer.arn,
            port: 80,
            protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }],
            tags: tagsFor(ctx, "http"),
        },
        childOpts(ctx),
    );
    return https;
}

function visibility(metricName: string) {
    return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/** The LMS document's WAF (rate limit, SQL injection) plus AWS's baseline managed rule groups. */
function webAcl(s: FleetScope, loadBalancer: aws.lb.LoadBalancer): { acl: aws.wafv2.WebAcl; logGroup: aws.cloudwatch.LogGroup } {
    const { ctx, spec } = s;
    const managed = (name: string, priority: number, ruleActionOverrides?: aws.types.input.wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverride[]) => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name, ruleActionOverrides } },
        visibilityConfig: visibility(name),
    });
    const acl = new aws.wafv2.WebAcl(
        childName(ctx, "waf"),
        {
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: [
                {
                    name: "RateLimitRule",
                    priority: 1,
                    action: { block: {} },
                    statement: { rateBasedStatement: { limit: spec.waf.rateLimitPerIp, aggregateKeyType: "IP" } },
                    visibilityConfig: visibility("RateLimitRule"),
                },
                {
                    name: "SQLiRule",
                    priority: 2,
                    action: { block: {} },
                    statement: { sqliMatchStatement: { fieldToMatch: { body: {} }, textTransformations: [{ priority: 0, type: "URL_DECODE" }] } },
                    visibilityConfig: visibility("SQLiRule"),
                },
                // Counted, not blocked: the common rule set caps bodies at 8 KB and documents are uploaded.
                managed("AWSManagedRulesCommonRuleSet", 3, [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }]),
                managed("AWSManagedRulesKnownBadInputsRuleSet", 4),
            ],
            visibilityConfig: visibility(`${ctx.platform.name}-waf`),
            tags: tagsFor(ctx, "waf"),
        },
        childOpts(ctx),
    );
    new aws.wafv2.WebAclAssociation(childName(ctx, "waf-association"), { resourceArn: loadBalancer.arn, webAclArn: acl.arn }, childOpts(ctx));
    // WAF only delivers to log groups whose name starts with "aws-waf-logs-".
    const logGroupForWaf = fleetLogGroup(s, "waf-logs", `aws-waf-logs-${ctx.platform.name}`);
    new aws.wafv2.WebAclLoggingConfiguration(
        childName(ctx, "waf-logging"),
        { resourceArn: acl.arn, logDestinationConfigs: [logGroupForWaf.arn] },
        childOpts(ctx),
    );
    return { acl, logGroup: logGroupForWaf };
}

/** The idea-management document's records: the site, api., db. and cache.; returns the aliases to the load balancer. */
function dns(s: FleetScope, deps: AppFleetDeps, zone: pulumi.Output<aws.route53.GetZoneResult>, domain: string, edge: PublicEdge, services: ServiceSpec[]): aws.route53.Record[] {
    const { ctx } = s;
    const lb = edge.loadBalancer;
    const aliases = new Set([domain, `api.${domain}`, ...services.slice(1).map((service) => `${service.name}.${domain}`)]);
    const cnames: [string, pulumi.Output<string>][] = [
        ["db", nativeOf<AwsDatabaseNative>(deps.database).instance.address],
        ["cache", deps.cache.outputs.host],
    ];
    // Service names "db" and "cache" are refused with a domain (config/load.ts), so these never clash.
    const records = [...aliases].map((name) => {
        const role = name === domain ? "apex-record" : `${name.slice(0, -domain.length - 1)}-record`;
        return new aws.route53.Record(
            childName(ctx, role),
            { zoneId: zone.zoneId, name, type: "A", aliases: [{ name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true }] },
            childOpts(ctx),
        );
    });
    for (const [label, target] of cnames) {
        new aws.route53.Record(
            childName(ctx, `${label}-record`),
            { zoneId: zone.zoneId, name: `${label}.${domain}`, type: "CNAME", ttl: 300, records: [target] },
            childOpts(ctx),
        );
    }
    return records;
}

/**
 * The idea-management document's HTTPS health check of the domain (every 30 s, 3 failures),
 * created only once the domain resolves to the load balancer, the HTTPS listener answers and
 * `servingGroups` (the web services' Auto Scaling groups) exist, so its first probes reach a
 * site that serves. Undefined without a domain: there is no public name to probe.
 */
export function publicHealthCheck(s: FleetScope, edge: PublicEdge, servingGroups: pulumi.Resource[]): aws.route53.HealthCheck | undefined {
    const { ctx, spec } = s;
    if (!spec.domain) {
        return undefined;
    }
    return new aws.route53.HealthCheck(
        childName(ctx, "health-check"),
        {
            type: "HTTPS",
            fqdn: spec.domain,
            port: 443,
            resourcePath: edge.primary.healthPath,
            enableSni: true,
            requestInterval: 30,
            failureThreshold: 3,
            tags: tagsFor(ctx, "health-check"),
        },
        childOpts(ctx, { dependsOn: [...edge.records, edge.https, ...servingGroups] }),
    );
}

/**
 * An application load balancer as both edges build it: HTTP/2, invalid headers dropped,
 * defensive desync mitigation, access logs under alb/ in the logs bucket (the only prefix the
 * bucket policy admits ELB delivery to; each file is named after its load balancer).
 */
export function applicationLoadBalancer(
    s: FleetScope,
    deps: AppFleetDeps,
    role: string,
    placement: { internal: boolean; subnets: pulumi.Input<string>[]; securityGroup: pulumi.Input<string> },
): aws.lb.LoadBalancer {
    const { ctx, spec } = s;
    const storage = nativeOf<AwsObjectStoreNative>(deps.objectStore);
    const args: aws.lb.LoadBalancerArgs = {
        name: boundedName(childName(ctx, role), 32),
        loadBalancerType: "application",
        internal: placement.internal,
        subnets: placement.subnets,
        securityGroups: [placement.securityGroup],
        enableDeletionProtection: spec.deletionProtection,
        enableHttp2: spec.http2,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        idleTimeout: 60,
        accessLogs: { bucket: storage.logsBucket.bucket, prefix: "alb", enabled: true },
        tags: tagsFor(ctx, role),
    };
    return new aws.lb.LoadBalancer(
        childName(ctx, role),
        // The overrides escape hatch targets the public load balancer.
        placement.internal ? args : withOverrides(ctx, "appFleet", args),
        // ELB checks at creation that it may write to the bucket.
        childOpts(ctx, { dependsOn: [storage.logsBucketPolicy] }),
    );
}

export function publicEdge(s: FleetScope, deps: AppFleetDeps, services: ServiceSpec[]): PublicEdge {
    const { ctx, spec, net } = s;
    const loadBalancer = applicationLoadBalancer(s, deps, "lb", {
        internal: false,
        subnets: net.publicSubnets.map((subnet) => subnet.id),
        securityGroup: net.securityGroups.loadBalancer.id,
    });
    const targetGroups = Object.fromEntries(services.map((service) => [service.name, serviceTargetGroup(s, service, "public")]));
    const zone = spec.domain ? aws.route53.getZoneOutput({ name: spec.domain, privateZone: false }, { parent: ctx.parent }) : undefined;
    const https = listeners(s, { loadBalancer, targetGroups }, services, certificateArn(s, loadBalancer.dnsName, zone));
    const edge: PublicEdge = { loadBalancer, targetGroups, https, records: [], primary: services[0], logGroups: [] };
    if (spec.waf.enabled) {
        const waf = webAcl(s, loadBalancer);
        edge.webAcl = waf.acl;
        edge.logGroups.push(waf.logGroup);
    }
    if (spec.domain && zone) {
        edge.records = dns(s, deps, zone, spec.domain, edge, services);
    }
    return edge;
}

