// The service-to-service paths a stack declares with `calls`, and nothing else. VMs of a scale
// set come and go with new addresses, so a called service is reached through the Application
// Gateway's private frontend (HTTPS only, the public listener's TLS policy), under
// https://<service>.<platform>.internal, a private DNS zone of the VNet, with a certificate from
// a private CA the callers trust. The subnets' rules open exactly that: the app subnet to the
// gateway on 443, the gateway to each called service on its port.

import * as ipaddr from "ipaddr.js";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { ServiceSpec } from "../../tiers/types";
import { boundedName, childName, childOpts, tagsFor } from "./common";
import { securityRule, subnetPlan } from "./network";
import { pfxBase64 } from "./pkcs12";
import { INTERNAL_CERTIFICATE_SECRET, type FleetScope } from "./loadBalancer";

const HTTPS = 443;
/** The CA outlives many server certificates: renewing one does not touch the callers' trust. */
const CA_VALIDITY_HOURS = 10 * 8760;
const CERT_VALIDITY_HOURS = 8760;
/** A `pulumi up` in the last 30 days of a certificate replaces it before it expires. */
const EARLY_RENEWAL_HOURS = 720;
/** After the infrastructure rules of the gateway subnet (100-130) and the app subnet's (100-200). */
const GATEWAY_RULE_PRIORITY = 140;
const APP_RULE_PRIORITY = 300;

/** Services some other service calls, each once, in service order (config refuses calls to anything but a web service with a port). */
export function calledServices(services: readonly ServiceSpec[]): ServiceSpec[] {
    const called = new Set(services.flatMap((caller) => caller.calls.filter((name) => name !== caller.name)));
    return services.filter((service) => called.has(service.name) && service.kind === "web" && service.port !== undefined);
}

/** The private zone's name: the platform name made a valid DNS label (stack names may hold "_"; labels stop at 63). */
export function internalZoneName(platformName: string): string {
    const label = platformName.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "");
    return `${boundedName(label, 63)}.internal`;
}

export function internalServiceUrl(service: string, zone: string): string {
    return `https://${service}.${zone}`;
}

/**
 * The gateway's private frontend address: the subnet's last usable one (Azure keeps the
 * broadcast address), far from the low addresses its instances take as it scales.
 */
export function privateFrontendAddress(gatewayCidr: string): string {
    const octets = ipaddr.IPv4.broadcastAddressFromCIDR(gatewayCidr).toByteArray();
    octets[3] -= 1;
    return octets.join(".");
}

export interface InternalPaths {
    zone: string;
    called: ServiceSpec[];
    /** Per called service, the URL its callers use. */
    urls: Record<string, string>;
    /** PEM of the CA that signs the internal certificate: what callers trust. */
    caPem: pulumi.Output<string>;
    /** The certificate (PFX) the private listeners serve. */
    secret: keyvault.Secret;
    privateAddress: string;
}

/** A private CA and a `*.<zone>` certificate it signs, kept as a PFX in Key Vault for the gateway. */
function internalCertificate(s: FleetScope, zone: string): { secret: keyvault.Secret; caPem: pulumi.Output<string> } {
    const { ctx, net } = s;
    const organization = ctx.platform.name;
    const caKey = new tls.PrivateKey(childName(ctx, "internal-ca-key"), { algorithm: "RSA", rsaBits: 2048 }, childOpts(ctx));
    const ca = new tls.SelfSignedCert(
        childName(ctx, "internal-ca"),
        {
            privateKeyPem: caKey.privateKeyPem,
            subject: { commonName: `${ctx.platform.name} internal CA`, organization },
            isCaCertificate: true,
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
    const secret = new keyvault.Secret(
        childName(ctx, "internal-tls-secret"),
        {
            resourceGroupName: net.resourceGroup.name,
            vaultName: net.keyVault.name,
            secretName: INTERNAL_CERTIFICATE_SECRET,
            properties: {
                contentType: "application/x-pkcs12",
                value: pulumi.secret(pulumi.all([cert.certPem, key.privateKeyPem]).apply(([certPem, keyPem]) => pfxBase64(certPem, keyPem))),
                attributes: { expires: cert.validityEndTime.apply((end) => Math.floor(Date.parse(end) / 1000)) },
            },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: net.keyVaultAccess }),
    );
    return { secret, caPem: ca.certPem };
}

/** The private zone, linked to the VNet, with one record per called service at the private frontend. */
function internalDns(s: FleetScope, zone: string, called: ServiceSpec[], address: string): void {
    const { ctx, net } = s;
    const privateZone = new privatedns.PrivateZone(
        childName(ctx, "internal-zone"),
        { privateZoneName: zone, resourceGroupName: net.resourceGroup.name, location: "global", tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    new privatedns.VirtualNetworkLink(
        childName(ctx, "internal-zone-link"),
        { privateZoneName: privateZone.name, resourceGroupName: net.resourceGroup.name, location: "global", virtualNetwork: { id: net.vnet.id }, registrationEnabled: false, tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    for (const service of called) {
        new privatedns.PrivateRecordSet(
            childName(ctx, `internal-${service.name}-record`),
            { privateZoneName: privateZone.name, resourceGroupName: net.resourceGroup.name, recordType: "A", relativeRecordSetName: service.name, ttl: 300, aRecords: [{ ipv4Address: address }] },
            childOpts(ctx),
        );
    }
}

/** The subnet rules of the declared paths: the app subnet to the gateway on 443, the gateway to each called port. */
function pathRules(s: FleetScope, called: ServiceSpec[]): void {
    const { ctx, net } = s;
    const plan = subnetPlan(ctx.platform.network);
    const rule = (group: network.NetworkSecurityGroup, role: string, spec: Parameters<typeof securityRule>[4]) => securityRule(ctx, group, role, net.resourceGroup, spec);
    rule(net.securityGroups.gateway, "gateway", {
        name: "app-internal-https",
        priority: GATEWAY_RULE_PRIORITY,
        sources: [plan.app],
        ports: [String(HTTPS)],
        description: `HTTPS from the services that call ${called.map((service) => service.name).join(", ")}`,
    });
    const ports = [...new Set(called.map((service) => service.port as number))].sort((a, b) => a - b);
    ports.forEach((port, index) => {
        rule(net.securityGroups.app, "app", {
            name: `gateway-internal-${port}`,
            priority: APP_RULE_PRIORITY + index,
            sources: [plan.gateway],
            ports: [String(port)],
            description: `From the Application Gateway's private frontend on called port ${port}`,
        });
    });
}

/** When some service declares `calls`: the private zone, certificate and rules of exactly those paths. */
export function internalPaths(s: FleetScope, services: ServiceSpec[]): InternalPaths | undefined {
    const called = calledServices(services);
    if (called.length === 0) {
        return undefined;
    }
    const zone = internalZoneName(s.ctx.platform.name);
    const privateAddress = privateFrontendAddress(subnetPlan(s.ctx.platform.network).gateway);
    const { secret, caPem } = internalCertificate(s, zone);
    internalDns(s, zone, called, privateAddress);
    pathRules(s, called);
    return {
        zone,
        called,
        urls: Object.fromEntries(called.map((service) => [service.name, internalServiceUrl(service.name, zone)])),
        caPem,
        secret,
        privateAddress,
    };
}
