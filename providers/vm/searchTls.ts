// The self-run search cluster's certificates (GCP and Azure): a private CA per platform and one
// certificate every node serves on HTTP and transport, for the cluster's private DNS name. The
// CA is what SEARCH_CA_FILE holds; the key goes to the secret store, never into metadata.

import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/** Ten years for the CA, two for the node certificate, renewed by `pulumi up` in its last 30 days. */
const CA_VALIDITY_HOURS = 24 * 365 * 10;
const CERT_VALIDITY_HOURS = 24 * 365 * 2;
const EARLY_RENEWAL_HOURS = 24 * 30;

export interface SearchCertificates {
    caPem: pulumi.Output<string>;
    certPem: pulumi.Output<string>;
    /** PKCS#8, the only form OpenSearch's PEM settings read. */
    keyPem: pulumi.Output<string>;
    /** The certificate's subject as OpenSearch writes DNs (plugins.security.nodes_dn). */
    subjectDn: string;
}

export function searchCertificates(platform: string, host: string, name: (role: string) => string, opts: pulumi.CustomResourceOptions): SearchCertificates {
    const caKey = new tls.PrivateKey(name("search-ca-key"), { algorithm: "RSA", rsaBits: 2048 }, opts);
    const ca = new tls.SelfSignedCert(
        name("search-ca"),
        {
            privateKeyPem: caKey.privateKeyPem,
            subject: { commonName: `${platform} search CA`, organization: platform },
            isCaCertificate: true,
            setSubjectKeyId: true,
            validityPeriodHours: CA_VALIDITY_HOURS,
            earlyRenewalHours: EARLY_RENEWAL_HOURS,
            allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
        },
        opts,
    );
    const key = new tls.PrivateKey(name("search-node-key"), { algorithm: "RSA", rsaBits: 2048 }, opts);
    const request = new tls.CertRequest(name("search-node-request"), { privateKeyPem: key.privateKeyPem, subject: { commonName: host, organization: platform }, dnsNames: [host, "localhost"] }, opts);
    const cert = new tls.LocallySignedCert(
        name("search-node-cert"),
        {
            certRequestPem: request.certRequestPem,
            caPrivateKeyPem: caKey.privateKeyPem,
            caCertPem: ca.certPem,
            validityPeriodHours: CERT_VALIDITY_HOURS,
            earlyRenewalHours: EARLY_RENEWAL_HOURS,
            // Nodes are servers to clients and to each other, and clients of each other on transport.
            allowedUses: ["key_encipherment", "digital_signature", "server_auth", "client_auth"],
        },
        opts,
    );
    return { caPem: ca.certPem, certPem: cert.certPem, keyPem: pulumi.secret(key.privateKeyPemPkcs8), subjectDn: `CN=${host},O=${platform}` };
}
