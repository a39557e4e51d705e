// The service-to-service paths a stack declares with `calls`, and nothing else. Instances of a
// fleet come and go with new addresses, so a called service sits behind an internal ALB (HTTPS
// only, the public listener's TLS policy) under https://<service>.<platform>.internal, a private
// Route 53 zone of the VPC, with a certificate from a private CA the callers trust. Each service
// has a security group of its own, next to the shared app group, so rules can name callers and
// callees: the internal ALB takes 443 from the callers only, a callee its port from that ALB only.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AppFleetDeps } from "../adapter";
import { ServiceSpec } from "../../tiers/types";
import { childName, childOpts, rulePriorities, tagsFor } from "./common";
import { applicationLoadBalancer, FleetScope, serviceTargetGroup, TLS_POLICY } from "./loadBalancer";
import { egress, ingress, securityGroup } from "./network";

const HTTPS = 443;
/** The CA outlives many server certificates: renewing one does not touch the callers' trust. */
const CA_VALIDITY_HOURS = 10 * 8760;
const CERT_VALIDITY_HOURS = 8760;
/** A `pulumi up` in the last 30 days of a certificate replaces it before it expires. */
const EARLY_RENEWAL_HOURS = 720;

export interface ServicePaths {
    /** Every service's own group, attached next to the shared app group. */
    securityGroups: Record<string, aws.ec2.SecurityGroup>;
    /** Per called service: the internal target group its instances join. */
    targetGroups: Record<string, aws.lb.TargetGroup>;
    /** Per called service: the URL its callers use, https://<service>.<zone>. */
    urls: Record<string, string>;
    /** PEM of the CA that signs the internal certificate: what callers must trust. Absent when nothing is called. */
    caPem?: pulumi.Output<string>;
    loadBalancer?: aws.lb.LoadBalancer;
}

/** One declared path. */
export interface ServiceCall {
    caller: ServiceSpec;
    callee: ServiceSpec;
}

/** Every declared path, in service order; names that are not web services with a port are skipped (config refuses them). */
export function serviceCalls(services: readonly ServiceSpec[]): ServiceCall[] {
    const byName = new Map(services.map((service) => [service.name, service]));
    return services.flatMap((caller) =>
        [...new Set(caller.calls)].flatMap((name) => {
            const callee = byName.get(name);
            return callee && callee !== caller && callee.kind === "web" && callee.port ? [{ caller, callee }] : [];
        }),
    );
}

/** Services some other service calls, each once, in service order. */
export function calledServices(services: readonly ServiceSpec[]): ServiceSpec[] {
    const called = new Set(serviceCalls(services).map((call) => call.callee));
    return services.filter((service) => called.has(service));
}

/** The private zone's name: the platform name made a valid DNS label (stack names may hold "_"). */
export function internalZoneName(platformName: string): string {
    const label = platformName.toLowerCase().replace(/[^a-z0-9.-]/g, "-").replace(/^[-.]+|[-.]+$/g, "");
    return `${label}.internal`;
}

export function internalServiceUrl(service: string, zone: string): string {
    return `https://${service}.${zone}`;
}

/** A private CA and a `*.<zone>` certificate it signs, imported into ACM. */
function internalCertificate(s: FleetScope, zone: string): { certificate: aws.acm.Certificate; caPem: pulumi.Output<string> } {
    const { ctx } = s;
    const organization = ctx.platform.name;
    const caKey = new tls.PrivateKey(childName(ctx, "internal-ca-key"), { algorithm: "RSA", rsaBits: 2048 }, childOpts(ctx));
    const ca = new tls.SelfSignedCert(
        childName(ctx, "internal-ca"),
        {
            privateKeyPem: caKey.privateKeyPem,
            subject: { commonName: `${ctx.platform.name} internal CA`, organization },
            isCaCertificate: true,
            // Verifiers link the server certificate to this CA by key identifier.
            setSubjectKeyId: true,
            validityPeriodHours: CA_VALIDITY_HOURS,
            earlyRenewalHours: EARLY_RENEWAL_HOURS,
            allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
        },
        childOpts(ctx),
    );
    const key = new tls.PrivateKey(childName(ctx, "internal-tls-key"), { algorithm: "RSA", rsaBits: 2048 }, childOpts(ctx));
    const request = new tls.CertRequest(
        childName(ctx, "internal-tls-request"),
        { privateKeyPem: key.privateKeyPem, subject: { commonName: `*.${zone}`, organization }, dnsNames: [`*.${zone}`] },
        childOpts(ctx),
    );
    const cert = new tls.LocallySignedCert(
        childName(ctx, "internal-tls-cert"),
        {
            certRequestPem: request.certRequestPem,
            caPrivateKeyPem: caKey.privateKeyPem,
            caCertPem: ca.certPem,
            validityPeriodHours: CERT_VALIDITY_HOURS,
            earlyRenewalHours: EARLY_RENEWAL_HOURS,
            allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
        },
        childOpts(ctx),
    );
    const certificate = new aws.acm.Certificate(
        childName(ctx, "internal-certificate"),
        { privateKey: key.privateKeyPem, certificateBody: cert.certPem, certificateChain: ca.certPem, tags: tagsFor(ctx, "internal-certificate") },
        childOpts(ctx),
    );
    return { certificate, caPem: ca.certPem };
}

/** The group rules of the declared paths: callers -> internal ALB on 443 -> callees on their port. */
function pathRules(s: FleetScope, calls: ServiceCall[], groups: Record<string, aws.ec2.SecurityGroup>, lbGroup: aws.ec2.SecurityGroup): void {
    const { ctx } = s;
    const callers = [...new Set(calls.map((call) => call.caller))];
    const callees = [...new Set(calls.map((call) => call.callee))];
    for (const caller of callers) {
        const targets = calls.filter((call) => call.caller === caller).map((call) => call.callee.name);
        ingress(ctx, lbGroup, "internal-lb", { role: `${caller.name}-https`, port: HTTPS, peer: { group: groups[caller.name] }, description: `HTTPS from ${caller.name}` });
        // Redundant while the app group allows HTTPS anywhere; it keeps the path if that ever narrows.
        egress(ctx, groups[caller.name], caller.name, {
            role: "internal-lb-https",
            port: HTTPS,
            peer: { group: lbGroup },
            description: `HTTPS to the internal load balancer, calling ${targets.join(", ")}`,
        });
    }
    for (const callee of callees) {
        const port = callee.port as number;
        egress(ctx, lbGroup, "internal-lb", { role: `${callee.name}-${port}`, port, peer: { group: groups[callee.name] }, description: `To ${callee.name} on service port ${port}` });
        ingress(ctx, groups[callee.name], callee.name, {
            role: `internal-lb-${port}`,
            port,
            peer: { group: lbGroup },
            description: `From the internal load balancer on service port ${port}`,
        });
    }
}

/**
 * Every service's own security group and, when some service declares `calls`, the internal ALB,
 * its private zone and certificate, and the rules of exactly the declared paths.
 */
export function servicePaths(s: FleetScope, deps: AppFleetDeps, services: ServiceSpec[]): ServicePaths {
    const { ctx, net } = s;
    const securityGroups = Object.fromEntries(
        services.map((service) => [
            service.name,
            securityGroup(ctx, net.vpc, service.name, `${service.name}: its own identity, so only the paths it declares or serves are opened`),
        ]),
    );
    const calls = serviceCalls(services);
    if (calls.length === 0) {
        return { securityGroups, targetGroups: {}, urls: {} };
    }
    const lbGroup = securityGroup(ctx, net.vpc, "internal-lb", "Internal load balancer: HTTPS from the services that declare calls, to the services they call");
    pathRules(s, calls, securityGroups, lbGroup);

    const loadBalancer = applicationLoadBalancer(s, deps, "internal-lb", {
        internal: true,
        subnets: net.appSubnets.map((subnet) => subnet.id),
        securityGroup: lbGroup.id,
    });

    const zoneName = internalZoneName(ctx.platform.name);
    const zone = new aws.route53.Zone(
        childName(ctx, "internal-zone"),
        { name: zoneName, comment: `${ctx.platform.name}: names of the services other services call`, vpcs: [{ vpcId: net.vpc.id }], tags: tagsFor(ctx, "internal-zone") },
        childOpts(ctx),
    );
    const { certificate, caPem } = internalCertificate(s, zoneName);
    const https = new aws.lb.Listener(
        childName(ctx, "internal-https"),
        {
            loadBalancerArn: loadBalancer.arn,
            port: HTTPS,
            protocol: "HTTPS",
            sslPolicy: TLS_POLICY,
            certificateArn: certificate.arn,
            // Only the names of called services route anywhere.
            defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "no such service" } }],
            tags: tagsFor(ctx, "internal-https"),
        },
        childOpts(ctx),
    );

    const targetGroups: Record<string, aws.lb.TargetGroup> = {};
    const urls: Record<string, string> = {};
    const priorities = rulePriorities(calledServices(services).map((callee) => callee.name));
    calledServices(services).forEach((callee) => {
        const host = `${callee.name}.${zoneName}`;
        targetGroups[callee.name] = serviceTargetGroup(s, callee, "internal");
        urls[callee.name] = internalServiceUrl(callee.name, zoneName);
        new aws.lb.ListenerRule(
            childName(ctx, `internal-${callee.name}-route`),
            {
                listenerArn: https.arn,
                priority: priorities[callee.name],
                actions: [{ type: "forward", targetGroupArn: targetGroups[callee.name].arn }],
                conditions: [{ hostHeader: { values: [host] } }],
                tags: tagsFor(ctx, `internal-${callee.name}-route`),
            },
            childOpts(ctx),
        );
        new aws.route53.Record(
            childName(ctx, `internal-${callee.name}-record`),
            { zoneId: zone.zoneId, name: host, type: "A", aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }] },
            childOpts(ctx),
        );
    });
    return { securityGroups, targetGroups, urls, caPem, loadBalancer };
}
