// The public edge of the app fleet: a global external Application Load Balancer (HTTPS only,
// TLS 1.2+ with the RESTRICTED profile), its certificate (Google-managed for the domain, or
// self-signed without one), the LMS document's WAF rules as a Cloud Armor policy, and the
// idea-management document's DNS records in the domain's Cloud DNS zone.

import { createHash } from "crypto";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AdapterContext, AppFleetDeps } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { childName, childOpts, labelsFor, withOverrides } from "./common";
import { GcpNetworkNative } from "./native";
import { LOAD_BALANCER_SOURCE_RANGES, WORKER_HEALTH_PORT } from "./userData";

/** What the app fleet's builders share. */
export interface FleetScope {
    ctx: AdapterContext;
    spec: AppFleetSpec;
    region: string;
    project: string;
    /** Encrypts the instances' disks and the workers' topics. */
    key: gcp.kms.CryptoKey;
    net: GcpNetworkNative;
}

/** The named port every web service's group publishes; each backend service reads its own group's. */
export const NAMED_PORT = "http";
/** The LMS document's WAF window: Cloud Armor counts requests per IP over the same 5 minutes as AWS WAF. */
export const RATE_LIMIT_INTERVAL_SECONDS = 300;
/** Cloud Armor's lowest rule priority: the default rule every policy ends with. */
const DEFAULT_RULE_PRIORITY = 2147483647;

/**
 * A Compute Engine name (lowercase letters, digits and hyphens, starting with a letter) of at
 * most `max` characters: a longer one keeps its start and a hash of the whole.
 */
export function boundedName(name: string, max = 63): string {
    if (name.length <= max) {
        return name;
    }
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 7);
    return `${name.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/** Logical names of Compute Engine resources the provider names: its 8-character suffix keeps them within 63. */
export const AUTONAME_BASE_MAX = 55;

/** `childName` bounded so the provider's generated name (logical name and a random suffix) stays a valid Compute Engine name. */
export function computeName(ctx: AdapterContext, role: string): string {
    return boundedName(childName(ctx, role), AUTONAME_BASE_MAX);
}

function requirePort(service: ServiceSpec): number {
    if (!service.port) {
        throw new pulumi.RunError(`Service "${service.name}" has no port for the load balancer.`);
    }
    return service.port;
}

/**
 * A service's HTTP health check: the ready path for the load balancer (10 s, 2 up, 3 down, as
 * the AWS target groups), the liveness path for autohealing. Autohealing tolerates three
 * minutes without an answer: a secret refresh takes the instance out of the load balancer by
 * refusing its probes (userData.ts), and must not read as a dead instance.
 */
export function serviceHealthCheck(s: FleetScope, service: ServiceSpec, purpose: "ready" | "live"): gcp.compute.HealthCheck {
    const ready = purpose === "ready";
    // A worker's liveness is its container running, answered by the host (userData.ts).
    const worker = service.kind === "worker";
    const port = worker ? WORKER_HEALTH_PORT : requirePort(service);
    return new gcp.compute.HealthCheck(
        computeName(s.ctx, `${service.name}-${purpose}-check`),
        {
            description: `${ready ? "Readiness" : "Liveness"} of ${service.name} on port ${port}`,
            httpHealthCheck: { port, requestPath: worker ? "/" : ready ? service.readyPath : service.healthPath },
            checkIntervalSec: ready ? 10 : 30,
            timeoutSec: 5,
            healthyThreshold: 2,
            unhealthyThreshold: ready ? 3 : 6,
        },
        childOpts(s.ctx),
    );
}

/**
 * Google's health checkers reach every service's checked port on the app tier: web services
 * (public or not, for autohealing) and the workers' health endpoint. The network admits the
 * load balancer to the public ports only.
 */
export function healthCheckFirewall(s: FleetScope, services: ServiceSpec[]): gcp.compute.Firewall | undefined {
    const ports = [...new Set(services.map((service) => (service.kind === "worker" ? WORKER_HEALTH_PORT : service.port)).filter((port): port is number => port !== undefined))].sort((a, b) => a - b);
    if (ports.length === 0) {
        return undefined;
    }
    return new gcp.compute.Firewall(
        computeName(s.ctx, "health-checks"),
        {
            description: "Google's health checkers to the services' checked ports",
            network: s.net.network.id,
            direction: "INGRESS",
            priority: 1000,
            sourceRanges: LOAD_BALANCER_SOURCE_RANGES,
            targetTags: [s.net.tags.app],
            allows: [{ protocol: "tcp", ports: ports.map(String) }],
            logConfig: { metadata: "INCLUDE_ALL_METADATA" },
        },
        childOpts(s.ctx),
    );
}

export interface PublicEdge {
    address: gcp.compute.GlobalAddress;
    urlMap: gcp.compute.URLMap;
    backendServices: Record<string, gcp.compute.BackendService>;
    securityPolicy?: gcp.compute.SecurityPolicy;
    /** The domain's records pointing at the load balancer; empty without a domain. */
    records: gcp.dns.RecordSet[];
}

/** The LMS document's WAF: 2,000 requests per IP per 5 minutes, SQL injection blocked; plus XSS and Log4j. */
export function cloudArmor(s: FleetScope): gcp.compute.SecurityPolicy {
    const { ctx, spec } = s;
    const preconfigured = (priority: number, rule: string, description: string) => ({
        priority,
        action: "deny(403)",
        description,
        match: { expr: { expression: `evaluatePreconfiguredWaf('${rule}', {'sensitivity': 1})` } },
    });
    return new gcp.compute.SecurityPolicy(
        computeName(ctx, "waf"),
        {
            description: `${ctx.platform.name} public load balancer`,
            type: "CLOUD_ARMOR",
            labels: labelsFor(ctx),
            // JSON bodies are parsed, so the injection rules read values rather than raw text.
            advancedOptionsConfig: { jsonParsing: "STANDARD", logLevel: "NORMAL" },
            adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true } },
            rules: [
                {
                    priority: 1000,
                    action: "rate_based_ban",
                    description: `More than ${spec.waf.rateLimitPerIp} requests per IP in 5 minutes`,
                    match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
                    rateLimitOptions: {
                        enforceOnKey: "IP",
                        rateLimitThreshold: { count: spec.waf.rateLimitPerIp, intervalSec: RATE_LIMIT_INTERVAL_SECONDS },
                        // Banned for the rest of a window, as AWS WAF blocks until the rate falls back.
                        banDurationSec: RATE_LIMIT_INTERVAL_SECONDS,
                        conformAction: "allow",
                        exceedAction: "deny(429)",
                    },
                },
                preconfigured(2000, "sqli-v33-stable", "SQL injection"),
                preconfigured(3000, "xss-v33-stable", "Cross-site scripting"),
                preconfigured(4000, "cve-canary", "Log4j and other exploited CVEs"),
                {
                    priority: DEFAULT_RULE_PRIORITY,
                    action: "allow",
                    description: "Everything else",
                    match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
                },
            ],
        },
        childOpts(ctx),
    );
}

function backendService(s: FleetScope, service: ServiceSpec, group: gcp.compute.RegionInstanceGroupManager, securityPolicy?: gcp.compute.SecurityPolicy): gcp.compute.BackendService {
    return new gcp.compute.BackendService(
        computeName(s.ctx, `${service.name}-backend`),
        {
            description: `${service.name} behind the public load balancer`,
            loadBalancingScheme: "EXTERNAL_MANAGED",
            protocol: "HTTP",
            portName: NAMED_PORT,
            // The AWS load balancer's idle timeout and deregistration delay.
            timeoutSec: 60,
            connectionDrainingTimeoutSec: 30,
            healthChecks: serviceHealthCheck(s, service, "ready").id,
            backends: [{ group: group.instanceGroup, balancingMode: "UTILIZATION", maxUtilization: 0.8, capacityScaler: 1 }],
            logConfig: { enable: true, sampleRate: 1 },
            securityPolicy: securityPolicy?.selfLink,
        },
        childOpts(s.ctx),
    );
}

function certificates(s: FleetScope, address: gcp.compute.GlobalAddress, services: ServiceSpec[]): pulumi.Input<string>[] {
    const { ctx, spec } = s;
    if (!spec.domain) {
        return [selfSignedCertificate(s, address).selfLink];
    }
    // Google-managed: issued once the names resolve to the load balancer, renewed by Google.
    // Managed certificates take no wildcard, so each served host is listed.
    return [new gcp.compute.ManagedSslCertificate(computeName(ctx, "certificate"), { managed: { domains: certificateDomains(spec.domain, services) } }, childOpts(ctx)).selfLink];
}

/** The hosts the public certificate covers: the apex, api. and every other public service's. */
export function certificateDomains(domain: string, services: ServiceSpec[]): string[] {
    return [...new Set([domain, `api.${domain}`, ...services.slice(1).map((service) => `${service.name}.${domain}`)])];
}

/**
 * No domain: a self-signed certificate for the load balancer's address, as the
 * idea-management document's development environment uses. Browsers warn, but the
 * proxy stays HTTPS-only with TLS 1.2+.
 */
export function selfSignedCertificate(s: FleetScope, address: gcp.compute.GlobalAddress): gcp.compute.SSLCertificate {
    const { ctx } = s;
    const commonName = `${ctx.platform.name}.internal`;
    const key = new tls.PrivateKey(childName(ctx, "tls-key"), { algorithm: "RSA", rsaBits: 2048 }, childOpts(ctx));
    const cert = new tls.SelfSignedCert(
        childName(ctx, "tls-cert"),
        {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName, organization: ctx.platform.name },
            dnsNames: [commonName],
            ipAddresses: [address.address],
            validityPeriodHours: 8760,
            earlyRenewalHours: 720,
            allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
        },
        childOpts(ctx),
    );
    // A name prefix: a renewed certificate is created before the proxy lets go of the old one.
    return new gcp.compute.SSLCertificate(
        computeName(ctx, "certificate"),
        { namePrefix: `${boundedName(childName(ctx, "cert"), 36)}-`, certificate: cert.certPem, privateKey: key.privateKeyPem },
        childOpts(ctx),
    );
}

/** Host rules with a domain (`<service>.<domain>`), path rules without (`/<service>/`), as the AWS listener rules. */
function urlMap(s: FleetScope, services: ServiceSpec[], backends: Record<string, gcp.compute.BackendService>): gcp.compute.URLMap {
    const { ctx, spec } = s;
    const [primary, ...others] = services;
    const routes: Pick<gcp.compute.URLMapArgs, "hostRules" | "pathMatchers"> =
        others.length === 0
            ? {}
            : spec.domain
              ? {
                    hostRules: others.map((service) => ({ hosts: [`${service.name}.${spec.domain}`], pathMatcher: service.name })),
                    pathMatchers: others.map((service) => ({ name: service.name, defaultService: backends[service.name].id })),
                }
              : {
                    hostRules: [{ hosts: ["*"], pathMatcher: "services" }],
                    pathMatchers: [
                        {
                            name: "services",
                            defaultService: backends[primary.name].id,
                            pathRules: others.map((service) => ({ paths: [`/${service.name}`, `/${service.name}/*`], service: backends[service.name].id })),
                        },
                    ],
                };
    return new gcp.compute.URLMap(
        computeName(ctx, "url-map"),
        withOverrides(ctx, "appFleet", { description: `${ctx.platform.name} public routes`, defaultService: backends[primary.name].id, ...routes }),
        childOpts(ctx),
    );
}

/** The idea-management document's records: the site, api., db. and cache.; returns those pointing at the load balancer. */
export function dns(s: FleetScope, deps: AppFleetDeps, domain: string, address: gcp.compute.GlobalAddress, services: ServiceSpec[]): gcp.dns.RecordSet[] {
    const { ctx } = s;
    const zone = gcp.dns.getManagedZoneOutput({ name: managedZoneName(domain) }, { parent: ctx.parent });
    const record = (role: string, name: string, type: pulumi.Input<string>, value: pulumi.Input<string>, ttl: number) =>
        new gcp.dns.RecordSet(childName(ctx, role), { managedZone: zone.name, name: `${name}.`, type, ttl, rrdatas: [value] }, childOpts(ctx));
    const hosts = new Set([domain, `api.${domain}`, ...services.slice(1).map((service) => `${service.name}.${domain}`)]);
    // Service names "db" and "cache" are refused with a domain (config/load.ts), so these never clash.
    const records = [...hosts].map((name) => record(name === domain ? "apex-record" : `${name.slice(0, -domain.length - 1)}-record`, name, "A", address.address, 300));
    for (const [label, host] of [["db", deps.database.outputs.host], ["cache", deps.cache.outputs.host]] as const) {
        // Private addresses (private services access) take an A record; a host name a CNAME.
        const isAddress = host.apply((value) => /^\d{1,3}(\.\d{1,3}){3}$/.test(value));
        record(`${label}-record`, `${label}.${domain}`, isAddress.apply((a) => (a ? "A" : "CNAME")), pulumi.all([host, isAddress]).apply(([value, a]) => (a ? value : `${value}.`)), 300);
    }
    return records;
}

/**
 * The public Cloud DNS zone the domain's records go in: the one named after the domain, dots
 * as hyphens (acme-lms-com for acme-lms.com), created in the project beforehand and delegated
 * by the registrar, as the AWS column expects a Route 53 zone of the domain's name.
 */
export function managedZoneName(domain: string): string {
    return domain.toLowerCase().replace(/\./g, "-");
}

/** TLS 1.2 and 1.3 with forward-secret AEAD suites only. */
export function tlsPolicy(ctx: AdapterContext): gcp.compute.SSLPolicy {
    return new gcp.compute.SSLPolicy(
        computeName(ctx, "tls-policy"),
        { description: "TLS 1.2+ with the RESTRICTED cipher profile", minTlsVersion: "TLS_1_2", profile: "RESTRICTED" },
        childOpts(ctx),
    );
}

/** The public edge's address: the DNS records and the uptime check point at it. */
export function edgeAddress(ctx: AdapterContext): gcp.compute.GlobalAddress {
    return new gcp.compute.GlobalAddress(computeName(ctx, "lb-address"), { addressType: "EXTERNAL", ipVersion: "IPV4", labels: labelsFor(ctx) }, childOpts(ctx));
}

export function publicEdge(s: FleetScope, deps: AppFleetDeps, services: ServiceSpec[], groups: Record<string, gcp.compute.RegionInstanceGroupManager>): PublicEdge {
    const { ctx, spec } = s;
    const labels = labelsFor(ctx);
    const address = edgeAddress(ctx);
    const securityPolicy = spec.waf.enabled ? cloudArmor(s) : undefined;
    const backendServices = Object.fromEntries(services.map((service) => [service.name, backendService(s, service, groups[service.name], securityPolicy)]));
    const routes = urlMap(s, services, backendServices);
    const sslPolicy = tlsPolicy(ctx);
    const httpsProxy = new gcp.compute.TargetHttpsProxy(
        computeName(ctx, "https-proxy"),
        { urlMap: routes.id, sslCertificates: certificates(s, address, services), sslPolicy: sslPolicy.id },
        childOpts(ctx),
    );
    const rule = (role: string, port: string, target: pulumi.Input<string>) =>
        new gcp.compute.GlobalForwardingRule(
            computeName(ctx, role),
            { target, ipAddress: address.address, ipProtocol: "TCP", portRange: port, loadBalancingScheme: "EXTERNAL_MANAGED", labels },
            childOpts(ctx),
        );
    rule("https", "443", httpsProxy.id);
    // Port 80 only ever answers with a permanent redirect to HTTPS.
    const redirect = new gcp.compute.URLMap(
        computeName(ctx, "http-redirect"),
        { description: "HTTP to HTTPS", defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false } },
        childOpts(ctx),
    );
    rule("http", "80", new gcp.compute.TargetHttpProxy(computeName(ctx, "http-proxy"), { urlMap: redirect.id }, childOpts(ctx)).id);
    const records = spec.domain ? dns(s, deps, spec.domain, address, services) : [];
    return { address, urlMap: routes, backendServices, securityPolicy, records };
}
