// The pure pieces of runtime kubernetes on GCP, without the engine: the cluster's address
// ranges, the node pool's size, the kubeconfig, the Workload Identity members, the Ingress's
// GKE objects, the trigger and stores (validated against the operators' schemas), and the
// problems validate() reports before anything is registered.

import { expect } from "chai";
import { clusterRangesFor } from "../../providers/gcp/network";
import { kubeconfigFor, nodePoolSizing } from "../../providers/gcp/cluster";
import { gkeServiceIdentity, workloadIdentityMember } from "../../providers/gcp/clusterIdentity";
import { backendConfigManifest, frontendConfigManifest, gkeEgressRules, gkeIngressSetup, managedCertificateManifest, serviceAnnotationsFor } from "../../providers/gcp/clusterIngress";
import { pubsubTrigger, secretManagerKey, secretStoreManifest, tokenGeneratorManifest, urlMapPattern } from "../../providers/gcp/clusterFleet";
import { clusterNameFor, clusterProblems, namespaceNameFor, validateNames } from "../../providers/gcp/names";
import { parseConfig } from "../../config";
import { resolvePlatformSpec } from "../../tiers";
import { cloudTierConfig } from "../helpers/stacks";
import { buildDashboard, urlMapMatchers } from "../../providers/gcp/dashboard";
import { ServiceSpec } from "../../tiers/types";
import { SchemaModel, schemaProblems } from "../kubernetes/schema";

/** Problems the API server (strict validation) would report: none for a valid object. */
function problems(model: unknown, manifest: unknown): string[] {
    return schemaProblems(model as SchemaModel, manifest);
}

const WEB = { name: "web", kind: "web", port: 3000, healthPath: "/api/health", readyPath: "/api/ready", public: true } as unknown as ServiceSpec;
const ADMIN = { name: "admin", kind: "web", port: 8080, healthPath: "/health", readyPath: "/ready", public: false } as unknown as ServiceSpec;

describe("GCP runtime kubernetes: pure pieces", () => {
    describe("clusterRangesFor", () => {
        it("carves pods, Services and the control plane between the subnet layout and the private services range", () => {
            expect(clusterRangesFor("10.0.0.0/16", 3)).to.deep.equal({ pods: "10.0.64.0/18", services: "10.0.32.0/20", controlPlane: "10.0.23.0/28", nodeCapacity: 128 });
            expect(clusterRangesFor("10.8.0.0/18", 3)).to.deep.equal({ pods: "10.8.32.0/20", services: "10.8.24.0/21", controlPlane: "10.8.23.0/28", nodeCapacity: 32 });
        });

        it("finds no room in a range the subnet layout already fills", () => {
            expect(clusterRangesFor("10.0.0.0/19", 2)).to.equal(undefined);
        });
    });

    it("sizes the node pool with the spec's totals and spreads the first nodes over the zones", () => {
        expect(nodePoolSizing({ minNodes: 3, maxNodes: 9 }, 3)).to.deep.equal({ initialNodeCount: 1, totalMinNodeCount: 3, totalMaxNodeCount: 9 });
        expect(nodePoolSizing({ minNodes: 5, maxNodes: 4 }, 2)).to.deep.equal({ initialNodeCount: 3, totalMinNodeCount: 5, totalMaxNodeCount: 5 });
    });

    it("writes a kubeconfig for the DNS endpoint that authenticates through gke-gcloud-auth-plugin, with no stored credential", () => {
        const config = JSON.parse(kubeconfigFor("platform-prod-gke", "gke-0123.us-central1.gke.goog"));
        expect(config.clusters[0].cluster).to.deep.equal({ server: "https://gke-0123.us-central1.gke.goog" });
        expect(config.users[0].user.exec.command).to.equal("gke-gcloud-auth-plugin");
        expect(config.users[0].user).to.not.have.any.keys("token", "client-certificate-data", "client-key-data");
        expect(config["current-context"]).to.equal("platform-prod-gke");
    });

    it("names the Workload Identity member of a Kubernetes ServiceAccount and annotates it, without a mounted token", () => {
        expect(workloadIdentityMember("acme.svc.id.goog", "platform-prod", "web")).to.equal("serviceAccount:acme.svc.id.goog[platform-prod/web]");
        expect(gkeServiceIdentity("web@acme.iam.gserviceaccount.com")).to.deep.equal({
            serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": "web@acme.iam.gserviceaccount.com" },
            podLabels: {},
            automountServiceAccountToken: false,
        });
    });

    describe("the Ingress's GKE objects", () => {
        it("checks the ready path on the service port as the VM load balancer does, with Cloud Armor when given", () => {
            const config = backendConfigManifest("ns", WEB, "platform-prod-app-waf");
            expect(config.apiVersion).to.equal("cloud.google.com/v1");
            expect(config.spec).to.deep.equal({
                securityPolicy: { name: "platform-prod-app-waf" },
                healthCheck: { type: "HTTP", requestPath: "/api/ready", port: 3000, checkIntervalSec: 10, timeoutSec: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
                logging: { enable: true, sampleRate: 1 },
                timeoutSec: 60,
                connectionDraining: { drainingTimeoutSec: 30 },
            });
            expect(backendConfigManifest("ns", WEB, undefined).spec).to.not.have.key("securityPolicy");
        });

        it("redirects HTTP to HTTPS with the SSL policy, and lists the managed certificate's domains", () => {
            expect(frontendConfigManifest("ns", "tls-policy").spec).to.deep.equal({ sslPolicy: "tls-policy", redirectToHttps: { enabled: true, responseCodeName: "MOVED_PERMANENTLY_DEFAULT" } });
            expect(managedCertificateManifest("ns", ["acme-lms.com"]).spec).to.deep.equal({ domains: ["acme-lms.com"] });
        });

        it("annotates only the public web Services for network endpoint groups and their BackendConfig", () => {
            expect(serviceAnnotationsFor(WEB, [WEB])).to.deep.equal({ "cloud.google.com/neg": '{"ingress":true}', "cloud.google.com/backend-config": '{"default":"web-backend"}' });
            expect(serviceAnnotationsFor(ADMIN, [WEB])).to.deep.equal({});
        });

        it("uses the gce class, the reserved address and a managed or pre-shared certificate, opened to Google's front ends only", () => {
            const managed = gkeIngressSetup("lb-address", { managed: true });
            expect(managed.className).to.equal("gce");
            expect(managed.annotations).to.include({ "kubernetes.io/ingress.global-static-ip-name": "lb-address", "networking.gke.io/managed-certificates": "public-certificate" });
            expect(managed.sources).to.deep.equal([{ ipBlock: { cidr: "130.211.0.0/22" } }, { ipBlock: { cidr: "35.191.0.0/16" } }]);
            expect(gkeIngressSetup("lb-address", { preShared: "self-signed" }).annotations).to.include({ "ingress.gcp.kubernetes.io/pre-shared-cert": "self-signed" });
        });
    });

    it("lets pods out to PostgreSQL, Memorystore's TLS port, HTTPS and the metadata server only; valid NetworkPolicy peers", async () => {
        // The schema packages are ES modules.
        const { NetworkPolicy } = await import("kubernetes-models/networking.k8s.io/v1");
        const rules = gkeEgressRules({ privateServices: "10.0.240.0/20", data: "10.0.20.0/24" }, 5432, false);
        expect(rules.map((rule) => [rule.purpose, rule.ports.map((p) => p.port)])).to.deep.equal([
            ["database", [5432]],
            ["cache", [6378]],
            ["google-apis", [443]],
            ["workload-identity", [80, 988]],
        ]);
        const cluster = gkeEgressRules({ privateServices: "10.0.240.0/20", data: "10.0.20.0/24" }, 5432, true).find((rule) => rule.purpose === "cache")!;
        expect(cluster.to).to.deep.equal([{ ipBlock: { cidr: "10.0.20.0/24" } }]);
        for (const rule of rules) {
            const policy = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: rule.purpose, namespace: "ns" }, spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: rule.to, ports: rule.ports }] } };
            expect(problems(NetworkPolicy, policy)).to.deep.equal([]);
        }
    });

    it("scales a worker on its subscription: one pod per 100 undelivered messages, active from 10", async () => {
        const { ScaledObject, TriggerAuthentication } = await import("@kubernetes-models/keda/keda.sh/v1alpha1");
        const trigger = pubsubTrigger("platform-prod-worker", { scaleOutQueueDepth: 100, scaleInQueueDepth: 10 });
        expect(trigger).to.deep.equal({
            type: "gcp-pubsub",
            metadata: { subscriptionName: "platform-prod-worker", mode: "SubscriptionSize", value: "100", activationValue: "10" },
            authenticationRef: { name: "gcp-workload-identity", kind: "TriggerAuthentication" },
        });
        const scaled = { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: "worker", namespace: "ns" }, spec: { scaleTargetRef: { name: "worker" }, triggers: [trigger] } };
        expect(problems(ScaledObject, scaled)).to.deep.equal([]);
        const auth = { apiVersion: "keda.sh/v1alpha1", kind: "TriggerAuthentication", metadata: { name: "gcp-workload-identity", namespace: "ns" }, spec: { podIdentity: { provider: "gcp" } } };
        expect(problems(TriggerAuthentication, auth)).to.deep.equal([]);
    });

    it("reads Secret Manager through a SecretStore and mints access tokens with a generator, both valid against External Secrets' schemas", async () => {
        const { SecretStore } = await import("@kubernetes-models/external-secrets/external-secrets.io/v1");
        const { GCRAccessToken } = await import("@kubernetes-models/external-secrets/generators.external-secrets.io/v1alpha1");
        const store = secretStoreManifest("ns", "acme-platform", {});
        expect(problems(SecretStore, store)).to.deep.equal([]);
        const generator = tokenGeneratorManifest("ns", { name: "web" }, { project: "acme-platform", location: "us-central1", name: "platform-prod-gke" }, {});
        expect(problems(GCRAccessToken, generator)).to.deep.equal([]);
        // The check can fail: a misspelled field is refused.
        expect(problems(SecretStore, { ...store, spec: { provider: { gcpsm: { projectId: "acme-platform" } } } })).to.not.deep.equal([]);
        expect(secretManagerKey("projects/acme-platform/secrets/platform-prod-db-app")).to.equal("platform-prod-db-app");
    });

    it("matches the Ingress's URL map by GKE's naming in both alert languages", () => {
        const pattern = urlMapPattern("platform-production-large-stack");
        expect(pattern).to.equal("k8s2-um-[a-z0-9]+-platform-production-.*");
        expect(urlMapMatchers({ pattern })).to.deep.equal({
            filter: 'resource.label.url_map_name=monitoring.regex.full_match("k8s2-um-[a-z0-9]+-platform-production-.*")',
            promql: 'url_map_name=~"k8s2-um-[a-z0-9]+-platform-production-.*"',
        });
    });

    it("names the cluster and namespace after the platform, and refuses a range with no room for the cluster, naming the key", () => {
        expect(clusterNameFor("platform-prod")).to.equal("platform-prod-gke");
        expect(namespaceNameFor("platform-prod")).to.equal("platform-prod");
        const spec = (cidr: string, maxNodes: number) => ({ network: { cidr, zones: 3 }, appFleet: { kubernetes: { cluster: { maxNodes } } } }) as never;
        expect(clusterProblems(spec("10.0.0.0/16", 9))).to.deep.equal([]);
        expect(clusterProblems(spec("10.0.0.0/19", 9))[0]).to.match(/^platform:network\.cidr: "10\.0\.0\.0\/19" leaves no room/);
        expect(clusterProblems(spec("10.8.0.0/18", 30))[0]).to.match(/room for 32 nodes, but the node pool may grow to 30 nodes plus 3/);
    });

    it("refuses, before any resource, a stack name the cluster's firewall rules cannot carry: 20 characters pass, 21 do not", () => {
        const spec = (stack: string) => resolvePlatformSpec(parseConfig(cloudTierConfig("gcp", "production-large", { runtime: "kubernetes" })), "platform", stack);
        expect(validateNames(spec("a".repeat(20)))).to.deep.equal([]);
        const problems = validateNames(spec("a".repeat(21)));
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/firewall rule name ".*-network-fw-cluster-egress" plus Pulumi's suffix .* 64 characters long; GCP allows 63: .* the stack name at most 20/);
    });

    it("charts the services' containers and the nodes on a cluster, and the Ingress's load balancer by pattern", () => {
        const thresholds = resolvePlatformSpec(parseConfig(cloudTierConfig("gcp", "production-medium")), "platform", "prod").observability.alarms;
        const dashboard = JSON.stringify(
            buildDashboard({
                title: "platform-prod",
                labels: {},
                thresholds,
                fleets: [{ service: "web", groupName: "web" }],
                cluster: { name: "platform-prod-gke", namespace: "platform-prod", urlMapPattern: "k8s2-um-[a-z0-9]+-platform-prod.*" },
                database: { project: "acme-platform", instances: ["platform-prod-db"], connectionsAlertAt: 90, cpuAlertPercent: 80, diskAlertPercent: 90 },
                cache: { clusterMode: false, name: "platform-prod-redis", instanceId: "projects/acme-platform/locations/us-central1/instances/platform-prod-redis" },
                queueScaleOutDepth: 100,
            }),
        );
        expect(dashboard).to.include('resource.label.container_name=\\"web\\"');
        expect(dashboard).to.include("kubernetes.io/node/cpu/allocatable_utilization");
        expect(dashboard).to.include("monitoring.regex.full_match");
        expect(dashboard).to.not.include("gce_instance");
    });
});
