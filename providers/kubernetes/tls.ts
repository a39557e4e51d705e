// Server certificates of the in-cluster data services, signed by the platform's CA (the network's
// handle) so every client verifies them against one bundle. The key and certificate live in a
// kubernetes.io/tls Secret next to the server; the CA certificate alone goes into its own Secret,
// the form the operators' "CA secret" fields expect.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AdapterContext } from "../adapter";
import { childName, childOpts, labelsFor } from "./common";
import { KubernetesNetworkNative } from "./native";
import { dnsLabel, serviceDnsNames } from "./sizes";

/** Renewed a month before it expires on the `pulumi up` after that point. */
const VALIDITY_HOURS = 24 * 365;
const EARLY_RENEWAL_HOURS = 24 * 30;

export interface ServerCertificate {
    /** kubernetes.io/tls Secret with tls.crt, tls.key and ca.crt. */
    secret: k8s.core.v1.Secret;
    /** Opaque Secret with ca.crt only. */
    caSecret: k8s.core.v1.Secret;
    secretName: string;
    caSecretName: string;
}

/** A key and a certificate signed by the platform CA for the given names and uses. */
export function signCertificate(
    ctx: AdapterContext,
    network: KubernetesNetworkNative,
    role: string,
    args: { commonName: string; dnsNames: pulumi.Input<string[]>; uses: string[] },
): { key: tls.PrivateKey; cert: tls.LocallySignedCert } {
    const key = new tls.PrivateKey(childName(ctx, `${role}-tls-key`), { algorithm: "ECDSA", ecdsaCurve: "P256" }, childOpts(ctx));
    const request = new tls.CertRequest(
        childName(ctx, `${role}-tls-request`),
        { privateKeyPem: key.privateKeyPem, subject: { commonName: args.commonName, organization: ctx.platform.name }, dnsNames: args.dnsNames },
        childOpts(ctx),
    );
    const cert = new tls.LocallySignedCert(
        childName(ctx, `${role}-tls-cert`),
        {
            certRequestPem: request.certRequestPem,
            caPrivateKeyPem: network.ca.key.privateKeyPem,
            caCertPem: network.ca.cert.certPem,
            validityPeriodHours: VALIDITY_HOURS,
            earlyRenewalHours: EARLY_RENEWAL_HOURS,
            allowedUses: ["digital_signature", "key_encipherment", ...args.uses],
        },
        childOpts(ctx),
    );
    return { key, cert };
}

/** A kubernetes.io/tls Secret (tls.crt, tls.key and the platform CA as ca.crt) signed for the given names. */
export function createCertificateSecret(
    ctx: AdapterContext,
    network: KubernetesNetworkNative,
    args: { role: string; component: string; namespace: pulumi.Input<string>; secretName: string; commonName: string; dnsNames: pulumi.Input<string[]>; uses: string[]; dependsOn: pulumi.Resource[] },
): k8s.core.v1.Secret {
    const { key, cert } = signCertificate(ctx, network, args.role, args);
    return new k8s.core.v1.Secret(
        childName(ctx, `${args.role}-tls`),
        {
            metadata: { name: args.secretName, namespace: args.namespace, labels: labelsFor(ctx, args.component) },
            type: "kubernetes.io/tls",
            stringData: { "tls.crt": cert.certPem, "tls.key": key.privateKeyPem, "ca.crt": network.ca.cert.certPem },
        },
        childOpts(ctx, { dependsOn: args.dependsOn }),
    );
}

/**
 * A certificate for the given in-cluster Services of the data namespace (every short and
 * qualified name of each) and any extra names, e.g. the wildcard a StatefulSet's pods answer to
 * on their headless Service; and the CA alone in its own Secret.
 */
export function createServerCertificate(
    ctx: AdapterContext,
    network: KubernetesNetworkNative,
    args: { role: string; component: string; services: string[]; extraNames?: (namespace: string) => string[] },
): ServerCertificate {
    const dnsNames = network.dataNamespace.apply((namespace) => [
        ...args.services.flatMap((service) => serviceDnsNames(service, namespace)),
        ...(args.extraNames?.(namespace) ?? []),
    ]);
    const secretName = dnsLabel(`${ctx.name}-${args.role}-tls`);
    const caSecretName = dnsLabel(`${ctx.name}-${args.role}-ca`);
    const secret = createCertificateSecret(ctx, network, {
        role: args.role,
        component: args.component,
        namespace: network.dataNamespace,
        secretName,
        commonName: args.services[0],
        dnsNames,
        uses: ["server_auth"],
        dependsOn: network.ready,
    });
    const caSecret = new k8s.core.v1.Secret(
        childName(ctx, `${args.role}-ca`),
        {
            metadata: { name: caSecretName, namespace: network.dataNamespace, labels: labelsFor(ctx, args.component) },
            type: "Opaque",
            stringData: { "ca.crt": network.ca.cert.certPem },
        },
        childOpts(ctx, { dependsOn: network.ready }),
    );
    return { secret, caSecret, secretName, caSecretName };
}

/** "<namespace>/<name>": how a cluster names a Secret in the outputs' *SecretRef fields. */
export function secretRef(namespace: pulumi.Input<string>, name: string): pulumi.Output<string> {
    return pulumi.interpolate`${namespace}/${name}`;
}
