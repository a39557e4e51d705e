// Who reaches what: the public Ingress routed as the VM fleet's load balancer routes, and the
// network policies on top of the namespace's default deny.

import { expect } from "chai";
import { callsPolicyManifest, defaultDenyManifest, dnsEgressManifest, egressPolicyManifest, ingressHosts, ingressManifest, ingressPolicyManifest, localCertificateManifest, namespaceManifest, serviceUrls } from "./manifests";
import { tierConfig } from "../helpers/stacks";
import { DEV, NGINX, platformOf, scopeFor } from "./fixtures";

const SERVICES = [
    { name: "web", image: "ghcr.io/acme/web:1.0.0", port: 3000, calls: ["pricing"] },
    { name: "admin", image: "ghcr.io/acme/admin:1.0.0", port: 4000 },
    { name: "pricing", image: "ghcr.io/acme/pricing:1.0.0", port: 8080, public: false },
    { name: "worker", kind: "worker", image: "ghcr.io/acme/web:1.0.0" },
];
const WITH_DOMAIN = platformOf("routes", tierConfig("staging", { runtime: "kubernetes", domain: "acme-lms.com", services: SERVICES }));
const { domain: _domain, ...noDomain } = tierConfig("staging", { runtime: "kubernetes", services: SERVICES });
const WITHOUT_DOMAIN = platformOf("routes", noDomain);

describe("kubernetes workloads: routing and network policies", () => {
    describe("the Ingress", () => {
        it("serves the first public web service at the apex and api.<domain>, the others at <name>.<domain>, private ones nowhere", () => {
            expect(ingressHosts(WITH_DOMAIN.appFleet).map(({ host, service }) => [host, service.name])).to.deep.equal([
                ["acme-lms.com", "web"],
                ["api.acme-lms.com", "web"],
                ["admin.acme-lms.com", "admin"],
            ]);
            const ingress = ingressManifest(scopeFor(WITH_DOMAIN), WITH_DOMAIN.appFleet, NGINX)!;
            expect(ingress.spec!.ingressClassName).to.equal("nginx");
            expect(ingress.spec!.tls).to.deep.equal([{ hosts: ["acme-lms.com", "api.acme-lms.com", "admin.acme-lms.com"], secretName: "public-tls" }]);
            expect(ingress.metadata!.annotations).to.deep.equal({ "nginx.ingress.kubernetes.io/force-ssl-redirect": "true", "cert-manager.io/cluster-issuer": "platform-issuer" });
        });

        it("without a domain, routes the first by default and the others under /<name>, with a certificate for localhost", () => {
            const ingress = ingressManifest(scopeFor(WITHOUT_DOMAIN), WITHOUT_DOMAIN.appFleet, NGINX)!;
            expect(ingress.spec!.defaultBackend).to.deep.equal({ service: { name: "web", port: { number: 3000 } } });
            expect(ingress.spec!.rules).to.deep.equal([{ http: { paths: [{ path: "/admin", pathType: "Prefix", backend: { service: { name: "admin", port: { number: 4000 } } } }] } }]);
            expect(ingress.metadata!.annotations).to.not.have.property("cert-manager.io/cluster-issuer");
            expect(localCertificateManifest(scopeFor(WITHOUT_DOMAIN), NGINX)!.spec).to.deep.include({ secretName: "public-tls", dnsNames: ["localhost"] });
        });

        it("leaves TLS to the controller's annotations where the load balancer holds the certificate", () => {
            const alb = { className: "alb", annotations: { "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-east-1:1:certificate/x" }, sources: [] };
            const ingress = ingressManifest(scopeFor(WITH_DOMAIN), WITH_DOMAIN.appFleet, alb)!;
            expect(ingress.spec).to.not.have.property("tls");
            expect(ingress.metadata!.annotations).to.deep.equal(alb.annotations);
        });

        it("gives the same URLs as the VM fleet", () => {
            expect(serviceUrls(WITH_DOMAIN.appFleet, "lb.example")).to.deep.equal({ web: "https://acme-lms.com", admin: "https://admin.acme-lms.com" });
            expect(serviceUrls(WITHOUT_DOMAIN.appFleet, "lb.example")).to.deep.equal({ web: "https://lb.example", admin: "https://lb.example/admin/" });
        });
    });

    describe("network policies", () => {
        const scope = scopeFor(WITH_DOMAIN);
        const service = (name: string) => WITH_DOMAIN.appFleet.services.find((candidate) => candidate.name === name)!;

        it("puts the namespace under Pod Security 'restricted' and denies everything by default, DNS aside", () => {
            expect(namespaceManifest("platform-prod", {}).metadata!.labels).to.include({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted" });
            expect(defaultDenyManifest(scope).spec).to.deep.equal({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
            expect(dnsEgressManifest(scope).spec!.egress).to.deep.equal([
                {
                    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                    ports: [
                        { port: 53, protocol: "UDP" },
                        { port: 53, protocol: "TCP" },
                    ],
                },
            ]);
        });

        it("lets the ingress controller reach public web services on their port only", () => {
            expect(ingressPolicyManifest(scope, WITH_DOMAIN.appFleet, service("admin"), NGINX.sources)!.spec!.ingress).to.deep.equal([{ from: NGINX.sources, ports: [{ port: 4000, protocol: "TCP" }] }]);
            expect(ingressPolicyManifest(scope, WITH_DOMAIN.appFleet, service("worker"), NGINX.sources)).to.equal(undefined);
        });

        it("lets a declared caller reach its callee's port, and nothing else reach a private service", () => {
            const inbound = ingressPolicyManifest(scope, WITH_DOMAIN.appFleet, service("pricing"), NGINX.sources)!;
            expect(inbound.spec!.ingress).to.deep.equal([{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": WITH_DOMAIN.name } } }], ports: [{ port: 8080, protocol: "TCP" }] }]);
            const outbound = callsPolicyManifest(scope, WITH_DOMAIN.appFleet, service("web"))!;
            expect(outbound.spec!.egress).to.deep.equal([{ to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "pricing", "app.kubernetes.io/instance": WITH_DOMAIN.name } } }], ports: [{ port: 8080, protocol: "TCP" }] }]);
            expect(callsPolicyManifest(scope, WITH_DOMAIN.appFleet, service("admin"))).to.equal(undefined);
            const lonely = DEV.appFleet.services.find((candidate) => candidate.name === "web")!;
            expect(ingressPolicyManifest(scopeFor(DEV), DEV.appFleet, { ...lonely, public: false }, NGINX.sources)).to.equal(undefined);
        });

        it("opens each destination the cluster lists (database, cache...) to the app pods on its ports", () => {
            const policy = egressPolicyManifest(scope, { purpose: "database", to: [{ ipBlock: { cidr: "10.0.20.0/22" } }], ports: [{ port: 5432 }] });
            expect(policy.metadata!.name).to.equal("allow-database");
            expect(policy.spec).to.deep.equal({
                podSelector: { matchLabels: { "app.kubernetes.io/instance": WITH_DOMAIN.name } },
                policyTypes: ["Egress"],
                egress: [{ to: [{ ipBlock: { cidr: "10.0.20.0/22" } }], ports: [{ port: 5432, protocol: "TCP" }] }],
            });
        });
    });
});
