// The public edge of the app fleet: an Application Gateway v2 (HTTPS only, TLS 1.2+, port 80 a
// permanent redirect), the LMS document's WAF as a WAF policy (OWASP DRS 2.1 with its SQL
// injection group, 2,000 requests per client IP per 5 minutes), and the idea-management
// document's DNS records in an Azure DNS zone. The listener's certificate lives in Key Vault;
// the gateway reads it with its own identity.

import * as dns from "@pulumi/azure-native/dns";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AdapterContext, AppFleetDeps } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { boundedName, childName, childOpts, globalName, tagsFor, withOverrides } from "./common";
import { AzureNetworkNative } from "./native";
import { grant, secretScope, userIdentity } from "./instanceRole";
import type { InternalPaths } from "./internalLoadBalancer";
import { subnetPlan } from "./network";
import { pfxBase64 } from "./pkcs12";
import { keyVaultSecretUrl } from "./userData";

/** Application Gateway's predefined policy: TLS 1.2 minimum, TLS 1.3, AEAD ciphers only. */
export const SSL_POLICY = "AppGwSslPolicy20220101S";
/** The gateway's probe: every 10 s, 3 failures, as AWS's target groups. */
const PROBE = { interval: 10, timeout: 5, unhealthyThreshold: 3 };
/** Requests in flight when a VM leaves the pool get this long to finish. */
const DRAIN_SECONDS = 30;
const CERTIFICATE_SECRET = "gateway-tls";
/** The private listeners' certificate (internalLoadBalancer.ts). */
export const INTERNAL_CERTIFICATE_SECRET = "gateway-internal-tls";

/** What the app fleet's builders share. */
export interface FleetScope {
    ctx: AdapterContext;
    spec: AppFleetSpec;
    location: string;
    net: AzureNetworkNative;
}

export interface PublicEdge {
    gateway: network.ApplicationGateway;
    gatewayName: string;
    publicIp: network.PublicIPAddress;
    /** The public IP's Azure name, <label>.<region>.cloudapp.azure.com: known before deployment. */
    host: string;
    wafPolicy?: network.WebApplicationFirewallPolicy;
    /** Backend pool id per public or called service: its scale set's NICs join it. */
    backendPools: Record<string, pulumi.Output<string>>;
    /** The gateway's subnet: where its probes and requests come from. */
    gatewayCidr: string;
    /** The gateway's own identity (it reads its Key Vault certificates with it). */
    identityId: pulumi.Output<string>;
    records: dns.RecordSet[];
}

function requirePort(service: ServiceSpec): number {
    if (!service.port) {
        throw new pulumi.RunError(`Service "${service.name}" has no port for the load balancer.`);
    }
    return service.port;
}

/** Gateways scale in capacity units: at least two (one per zone at least) once the service keeps two VMs. */
export function gatewayCapacity(services: ServiceSpec[]): { minCapacity: number; maxCapacity: number } {
    const minCapacity = Math.min(2, Math.max(...services.map((service) => service.minReplicas)));
    return { minCapacity, maxCapacity: Math.max(2, ...services.map((service) => service.maxReplicas)) };
}

/**
 * A self-signed certificate in a Key Vault secret (PFX, the form Application Gateway reads).
 * Without a domain it is final, as the idea-management document's development environment
 * uses; with a domain operators put a CA-issued PFX (or a Key Vault certificate) in the same
 * secret, which the gateway picks up within four hours because it reads the versionless URL,
 * and the program leaves the value alone from then on.
 */
function certificateSecret(s: FleetScope, names: string[]): keyvault.Secret {
    const { ctx, net } = s;
    const key = new tls.PrivateKey(childName(ctx, "tls-key"), { algorithm: "RSA", rsaBits: 2048 }, childOpts(ctx));
    const cert = new tls.SelfSignedCert(
        childName(ctx, "tls-cert"),
        {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: names[0], organization: ctx.platform.name },
            dnsNames: names,
            validityPeriodHours: 8760,
            earlyRenewalHours: 720,
            allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
        },
        childOpts(ctx),
    );
    return new keyvault.Secret(
        childName(ctx, "tls-secret"),
        {
            resourceGroupName: net.resourceGroup.name,
            vaultName: net.keyVault.name,
            secretName: CERTIFICATE_SECRET,
            properties: {
                contentType: "application/x-pkcs12",
                value: pulumi.secret(pulumi.all([cert.certPem, key.privateKeyPem]).apply(([certPem, keyPem]) => pfxBase64(certPem, keyPem))),
                attributes: { expires: cert.validityEndTime.apply((end) => Math.floor(Date.parse(end) / 1000)) },
            },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: net.keyVaultAccess, ignoreChanges: s.spec.domain ? ["properties.value", "properties.attributes"] : [] }),
    );
}

/** The LMS document's WAF: OWASP rules (SQL injection included) enforcing, and the per-IP rate limit. */
function wafPolicy(s: FleetScope): network.WebApplicationFirewallPolicy {
    const { ctx, spec, net } = s;
    return new network.WebApplicationFirewallPolicy(
        childName(ctx, "waf"),
        {
            policyName: childName(ctx, "waf").replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 128),
            resourceGroupName: net.resourceGroup.name,
            location: s.location,
            policySettings: {
                state: "Enabled",
                mode: "Prevention",
                requestBodyCheck: true,
                requestBodyEnforcement: true,
                requestBodyInspectLimitInKB: 128,
                maxRequestBodySizeInKb: 2000,
                // Course material and idea attachments are uploaded through the gateway.
                fileUploadEnforcement: true,
                fileUploadLimitInMb: 100,
            },
            managedRules: {
                // DRS 2.1 is OWASP CRS 3.2 plus Microsoft's rules; its SQLI group stays on (no overrides).
                managedRuleSets: [
                    { ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" },
                    { ruleSetType: "Microsoft_BotManagerRuleSet", ruleSetVersion: "1.0" },
                ],
            },
            customRules: [
                {
                    name: "RateLimitRule",
                    priority: 1,
                    ruleType: "RateLimitRule",
                    action: "Block",
                    rateLimitDuration: "FiveMins",
                    rateLimitThreshold: spec.waf.rateLimitPerIp,
                    groupByUserSession: [{ groupByVariables: [{ variableName: "ClientAddr" }] }],
                    // Every client on the internet counts; services calling each other through the
                    // private frontend (from the VNet) are not throttled as one client per VM.
                    matchConditions: [{ matchVariables: [{ variableName: "RemoteAddr" }], operator: "IPMatch", negationConditon: true, matchValues: [ctx.platform.network.cidr] }],
                },
            ],
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
}

/** The idea-management document's records: the site, api., one per further public service, db. and cache. */
function records(s: FleetScope, deps: AppFleetDeps, domain: string, publicIp: network.PublicIPAddress, services: ServiceSpec[]): dns.RecordSet[] {
    const { ctx, net } = s;
    // The zone is the platform's: operators delegate the domain to its name servers once.
    const zone = new dns.Zone(
        childName(ctx, "zone"),
        { zoneName: domain, resourceGroupName: net.resourceGroup.name, location: "global", zoneType: "Public", tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    const record = (role: string, relativeName: string, args: Partial<dns.RecordSetArgs>) =>
        new dns.RecordSet(childName(ctx, role), { zoneName: zone.name, resourceGroupName: net.resourceGroup.name, relativeRecordSetName: relativeName, ttl: 300, recordType: "A", ...args }, childOpts(ctx));
    const labels = new Set(["@", "api", ...services.slice(1).map((service) => service.name)]);
    // Alias records follow the gateway's address if it ever changes.
    const aliases = [...labels].map((label) => record(label === "@" ? "apex-record" : `${label}-record`, label, { targetResource: { id: publicIp.id } }));
    // Service names "db" and "cache" are refused with a domain (config/load.ts), so these never clash.
    record("db-record", "db", { recordType: "CNAME", cnameRecord: { cname: deps.database.outputs.host } });
    record("cache-record", "cache", { recordType: "CNAME", cnameRecord: { cname: deps.cache.outputs.host } });
    return aliases;
}

/** The gateway, its address, certificates, WAF and records; `internal` adds the private frontend of the declared calls. */
export function publicEdge(s: FleetScope, deps: AppFleetDeps, services: ServiceSpec[], internal?: InternalPaths, options: { ignoreChanges?: string[] } = {}): PublicEdge {
    const { ctx, spec, net } = s;
    // Application Gateways take 1-80 characters.
    const gatewayName = boundedName(childName(ctx, "gateway"), 80);
    const label = globalName(ctx, "gateway", { max: 63 });
    const host = `${label}.${s.location}.cloudapp.azure.com`;
    const publicIp = new network.PublicIPAddress(
        childName(ctx, "gateway-ip"),
        {
            resourceGroupName: net.resourceGroup.name,
            location: s.location,
            sku: { name: "Standard", tier: "Regional" },
            publicIPAllocationMethod: "Static",
            publicIPAddressVersion: "IPv4",
            zones: net.zones,
            dnsSettings: { domainNameLabel: label },
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    const identity = userIdentity(s, "gateway-identity");
    const secret = certificateSecret(s, spec.domain ? [spec.domain, `*.${spec.domain}`] : [host]);
    const readsCertificates = [
        grant(s, "gateway-reads-certificate", identity.principalId, "keyVaultSecretsUser", secretScope(s, CERTIFICATE_SECRET), { dependsOn: [secret] }),
        ...(internal ? [grant(s, "gateway-reads-internal-certificate", identity.principalId, "keyVaultSecretsUser", secretScope(s, INTERNAL_CERTIFICATE_SECRET), { dependsOn: [internal.secret] })] : []),
    ];
    const backends = [...services, ...(internal?.called ?? []).filter((service) => !services.includes(service))];
    const policy = spec.waf.enabled ? wafPolicy(s) : undefined;

    const part = (kind: string, name: string) =>
        pulumi.interpolate`/subscriptions/${net.subscriptionId}/resourceGroups/${net.resourceGroup.name}/providers/Microsoft.Network/applicationGateways/${gatewayName}/${kind}/${name}`;
    const ref = (kind: string, name: string) => ({ id: part(kind, name) });
    const [primary, ...others] = services;
    const hostRouted = spec.domain !== undefined && others.length > 0;
    const pathRouted = spec.domain === undefined && others.length > 0;

    const httpsListeners = [
        { name: "https", frontendIPConfiguration: ref("frontendIPConfigurations", "public"), frontendPort: ref("frontendPorts", "https"), protocol: "Https", sslCertificate: ref("sslCertificates", "tls") },
        ...(hostRouted
            ? others.map((service) => ({
                  name: `https-${service.name}`,
                  frontendIPConfiguration: ref("frontendIPConfigurations", "public"),
                  frontendPort: ref("frontendPorts", "https"),
                  protocol: "Https",
                  sslCertificate: ref("sslCertificates", "tls"),
                  hostNames: [`${service.name}.${spec.domain}`],
                  requireServerNameIndication: true,
              }))
            : []),
    ];
    const internalListeners = (internal?.called ?? []).map((service) => ({
        name: `internal-${service.name}`,
        frontendIPConfiguration: ref("frontendIPConfigurations", "private"),
        frontendPort: ref("frontendPorts", "https"),
        protocol: "Https",
        sslCertificate: ref("sslCertificates", "internal-tls"),
        hostNames: [`${service.name}.${internal!.zone}`],
        requireServerNameIndication: true,
    }));
    const forward = (service: ServiceSpec) => ({ backendAddressPool: ref("backendAddressPools", service.name), backendHttpSettings: ref("backendHttpSettingsCollection", service.name) });
    // Host-specific listeners must be matched before the catch-all one: lower priority numbers first.
    const routingRules = [
        ...(hostRouted ? others.map((service, index) => ({ name: `https-${service.name}`, priority: 100 + index, ruleType: "Basic", httpListener: ref("httpListeners", `https-${service.name}`), ...forward(service) })) : []),
        ...(internal?.called ?? []).map((service, index) => ({ name: `internal-${service.name}`, priority: 500 + index, ruleType: "Basic", httpListener: ref("httpListeners", `internal-${service.name}`), ...forward(service) })),
        pathRouted
            ? { name: "https", priority: 1000, ruleType: "PathBasedRouting", httpListener: ref("httpListeners", "https"), urlPathMap: ref("urlPathMaps", "services") }
            : { name: "https", priority: 1000, ruleType: "Basic", httpListener: ref("httpListeners", "https"), ...forward(primary) },
        { name: "http-redirect", priority: 2000, ruleType: "Basic", httpListener: ref("httpListeners", "http"), redirectConfiguration: ref("redirectConfigurations", "to-https") },
    ];

    const args: network.ApplicationGatewayArgs = {
        applicationGatewayName: gatewayName,
        resourceGroupName: net.resourceGroup.name,
        location: s.location,
        sku: policy ? { name: "WAF_v2", tier: "WAF_v2" } : { name: "Standard_v2", tier: "Standard_v2" },
        autoscaleConfiguration: gatewayCapacity(backends),
        zones: net.zones,
        enableHttp2: spec.http2,
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        firewallPolicy: policy ? { id: policy.id } : undefined,
        gatewayIPConfigurations: [{ name: "gateway", subnet: { id: net.gatewaySubnet.id } }],
        frontendIPConfigurations: [
            { name: "public", publicIPAddress: { id: publicIp.id } },
            ...(internal ? [{ name: "private", subnet: { id: net.gatewaySubnet.id }, privateIPAllocationMethod: "Static", privateIPAddress: internal.privateAddress }] : []),
        ],
        frontendPorts: [
            { name: "https", port: 443 },
            { name: "http", port: 80 },
        ],
        sslCertificates: [
            { name: "tls", keyVaultSecretId: keyVaultSecretUrl(net.keyVaultName, CERTIFICATE_SECRET) },
            ...(internal ? [{ name: "internal-tls", keyVaultSecretId: keyVaultSecretUrl(net.keyVaultName, INTERNAL_CERTIFICATE_SECRET) }] : []),
        ],
        sslPolicy: { policyType: "Predefined", policyName: SSL_POLICY },
        httpListeners: [...httpsListeners, ...internalListeners, { name: "http", frontendIPConfiguration: ref("frontendIPConfigurations", "public"), frontendPort: ref("frontendPorts", "http"), protocol: "Http" }],
        // Port 80 only ever answers with a permanent redirect to HTTPS.
        redirectConfigurations: [{ name: "to-https", redirectType: "Permanent", targetListener: ref("httpListeners", "https"), includePath: true, includeQueryString: true }],
        backendAddressPools: backends.map((service) => ({ name: service.name })),
        probes: backends.map((service) => ({
            name: service.name,
            protocol: "Http",
            // The VM itself answers; the app sees the same Host header as a local curl.
            host: "127.0.0.1",
            port: requirePort(service),
            path: service.readyPath,
            interval: PROBE.interval,
            timeout: PROBE.timeout,
            unhealthyThreshold: PROBE.unhealthyThreshold,
            match: { statusCodes: ["200"] },
        })),
        backendHttpSettingsCollection: backends.map((service) => ({
            name: service.name,
            port: requirePort(service),
            protocol: "Http",
            cookieBasedAffinity: "Disabled",
            requestTimeout: 60,
            connectionDraining: { enabled: true, drainTimeoutInSec: DRAIN_SECONDS },
            probe: ref("probes", service.name),
        })),
        urlPathMaps: pathRouted
            ? [
                  {
                      name: "services",
                      ...(({ backendAddressPool, backendHttpSettings }) => ({ defaultBackendAddressPool: backendAddressPool, defaultBackendHttpSettings: backendHttpSettings }))(forward(primary)),
                      pathRules: others.map((service) => ({ name: service.name, paths: [`/${service.name}`, `/${service.name}/*`], ...forward(service) })),
                  },
              ]
            : undefined,
        requestRoutingRules: routingRules,
        tags: tagsFor(ctx),
    };
    const gateway = new network.ApplicationGateway(
        childName(ctx, "gateway"),
        withOverrides(ctx, "appFleet", args),
        // The gateway reads its certificates at creation, through the vault's private endpoint:
        // its identity must hold the role and the vault's private name must resolve first.
        childOpts(ctx, { dependsOn: [...readsCertificates, ...net.privateDnsLinks], ...(options.ignoreChanges ? { ignoreChanges: options.ignoreChanges } : {}) }),
    );
    const edge: PublicEdge = {
        gateway,
        gatewayName,
        publicIp,
        host,
        wafPolicy: policy,
        backendPools: Object.fromEntries(backends.map((service) => [service.name, part("backendAddressPools", service.name)])),
        gatewayCidr: subnetPlan(ctx.platform.network).gateway,
        identityId: identity.id,
        records: [],
    };
    if (spec.domain) {
        edge.records = records(s, deps, spec.domain, publicIp, services);
    }
    return edge;
}
