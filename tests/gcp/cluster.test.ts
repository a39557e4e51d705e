// runtime kubernetes on GCP, checked on what the offline engine recorded for the development and
// production-large tiers: the GKE cluster and its node pool, the identities pods and add-ons act
// as, the objects every service gets, the Ingress wired to the VM fleet's edge, and the pack.

import { expect } from "chai";
import { SynthResult } from "../../tools/synth";
import { evaluatePolicies, PlannedResource } from "../../tools/policy";
import { build, cloudTierConfig, Inputs, inputs, ofType, one } from "../helpers/stacks";

const CLUSTER = "gcp:container/cluster:Cluster";
const NODE_POOL = "gcp:container/nodePool:NodePool";
const WI_BINDING = "gcp:serviceaccount/iAMMember:IAMMember";
const POOL = "acme-platform.svc.id.goog";

function named(result: SynthResult, type: string, name: string): Inputs {
    const found = ofType(result, type).filter((r) => r.name.endsWith(`-${name}`));
    expect(found, `${type} *-${name}`).to.have.length(1);
    return inputs(found[0]);
}

describe("GCP runtime kubernetes (providers/gcp/cluster*.ts)", function () {
    this.timeout(600000);
    let dev: SynthResult;
    let large: SynthResult;
    before(async () => {
        dev = await build("k-development", cloudTierConfig("gcp", "development", { runtime: "kubernetes" }));
        large = await build("k-production-large", cloudTierConfig("gcp", "production-large", { runtime: "kubernetes" }));
    });

    it("builds one regional GKE Standard cluster with private nodes, a private endpoint and no public Google ranges", () => {
        // The control plane's /28 follows the subnet layout: 2 zones end at 10.0.22.0, 3 at 10.0.23.0.
        for (const [result, controlPlane] of [
            [dev, "10.0.22.0/28"],
            [large, "10.0.23.0/28"],
        ] as const) {
            const cluster = inputs(one(result, CLUSTER));
            expect(cluster.location).to.equal("us-central1");
            expect(cluster.removeDefaultNodePool).to.equal(true);
            expect(cluster.privateClusterConfig).to.include({ enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: controlPlane });
            expect(cluster.masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled).to.equal(false);
            const authorized = cluster.masterAuthorizedNetworksConfig.cidrBlocks.map((block: Inputs) => block.cidrBlock);
            expect(authorized).to.not.include("0.0.0.0/0");
            expect(cluster.controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic).to.equal(true);
            expect(cluster.masterAuth.clientCertificateConfig.issueClientCertificate).to.equal(false);
            expect(cluster.enableLegacyAbac).to.equal(false);
        }
    });

    it("runs Workload Identity, Shielded nodes, Dataplane V2, the REGULAR channel at the spec's version and Secrets encrypted with the platform's key", () => {
        const cluster = inputs(one(large, CLUSTER));
        expect(cluster.workloadIdentityConfig.workloadPool).to.equal(POOL);
        expect(cluster.enableShieldedNodes).to.equal(true);
        expect(cluster.datapathProvider).to.equal("ADVANCED_DATAPATH");
        expect(cluster.releaseChannel.channel).to.equal("REGULAR");
        expect(cluster.minMasterVersion).to.equal("1.33");
        expect(cluster.databaseEncryption.state).to.equal("ENCRYPTED");
        expect(cluster.databaseEncryption.keyName).to.match(/^platform-k-production-large-app-cluster-key/);
        expect(cluster.loggingConfig.enableComponents).to.include.members(["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"]);
        expect(cluster.monitoringConfig.managedPrometheus.enabled).to.equal(true);
        expect(cluster.ipAllocationPolicy).to.include({ clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "services" });
        // The GKE service agent may use the key before the cluster is created with it.
        const grants = ofType(large, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map(inputs).filter((g) => /container-engine-robot/.test(g.member));
        expect(grants).to.have.length(1);
    });

    it("protects the cluster from deletion in production only", () => {
        expect(inputs(one(dev, CLUSTER)).deletionProtection).to.equal(false);
        expect(inputs(one(large, CLUSTER)).deletionProtection).to.equal(true);
        expect(one(large, CLUSTER).protect).to.equal(true);
    });

    it("autoscales one node pool across the tier's zones: development 2-4 nodes in 2 zones, production-large 3-9 nodes in 3", () => {
        const devPool = inputs(one(dev, NODE_POOL));
        expect(devPool.nodeLocations).to.deep.equal(["us-central1-a", "us-central1-b"]);
        expect(devPool.autoscaling).to.include({ totalMinNodeCount: 2, totalMaxNodeCount: 4, locationPolicy: "BALANCED" });
        expect(devPool.nodeConfig.machineType).to.equal("e2-medium");
        const pool = inputs(one(large, NODE_POOL));
        expect(pool.nodeLocations).to.deep.equal(["us-central1-a", "us-central1-b", "us-central1-c"]);
        expect(pool.autoscaling).to.include({ totalMinNodeCount: 3, totalMaxNodeCount: 9 });
        // The LMS document's production app server: 8 vCPU / 32 GB.
        expect(pool.nodeConfig.machineType).to.equal("n2-standard-8");
    });

    it("hardens the nodes: Shielded, GKE metadata server, own service account, customer-keyed disks, app network tag, auto-repair and upgrade", () => {
        const pool = inputs(one(large, NODE_POOL));
        expect(pool.management).to.deep.equal({ autoRepair: true, autoUpgrade: true });
        expect(pool.nodeConfig.shieldedInstanceConfig).to.deep.equal({ enableSecureBoot: true, enableIntegrityMonitoring: true });
        expect(pool.nodeConfig.workloadMetadataConfig.mode).to.equal("GKE_METADATA");
        expect(pool.nodeConfig.serviceAccount).to.match(/^platform-k-production-l-[0-9a-f]{6}@/);
        expect(pool.nodeConfig.serviceAccount).to.not.match(/-compute@developer/);
        expect(pool.nodeConfig.bootDiskKmsKey).to.match(/^platform-k-production-large-app-cluster-key/);
        expect(pool.nodeConfig.tags).to.deep.equal(["platform-k-production-large-app"]);
        expect(pool.networkConfig.enablePrivateNodes).to.equal(true);
        const nodeRoles = ofType(large, "gcp:projects/iAMMember:IAMMember").map(inputs).filter((g) => g.member === `serviceAccount:${pool.nodeConfig.serviceAccount}`);
        expect(nodeRoles.map((g) => g.role).sort()).to.deep.equal(["roles/artifactregistry.reader", "roles/container.defaultNodeServiceAccount"]);
    });

    it("gives the app subnetwork the cluster's secondary ranges and lets nodes reach their pods and control plane", () => {
        const app = ofType(large, "gcp:compute/subnetwork:Subnetwork").map(inputs).find((s) => s.secondaryIpRanges);
        expect(app?.secondaryIpRanges).to.deep.equal([
            { rangeName: "pods", ipCidrRange: "10.0.64.0/18" },
            { rangeName: "services", ipCidrRange: "10.0.32.0/20" },
        ]);
        expect(named(large, "gcp:compute/firewall:Firewall", "fw-master-egress").allows).to.deep.equal([{ protocol: "tcp", ports: ["443", "10250"] }]);
        expect(named(large, "gcp:compute/firewall:Firewall", "fw-cluster-egress").destinationRanges).to.deep.equal(["10.0.10.0/24", "10.0.64.0/18"]);
    });

    it("binds each service's Kubernetes ServiceAccount to its Google account, and the add-ons to theirs", () => {
        const members = ofType(large, WI_BINDING).map(inputs);
        expect(members.every((m) => m.role === "roles/iam.workloadIdentityUser")).to.equal(true);
        expect(members.map((m) => m.member).sort()).to.deep.equal(
            [
                `serviceAccount:${POOL}[platform-k-production-large/web]`,
                `serviceAccount:${POOL}[platform-k-production-large/worker]`,
                `serviceAccount:${POOL}[external-secrets/external-secrets]`,
                `serviceAccount:${POOL}[keda/keda-operator]`,
                // The trace collector writes spans to Cloud Trace as its own account.
                `serviceAccount:${POOL}[otel-collector/otel-collector]`,
            ].sort(),
        );
        for (const service of ["web", "worker"]) {
            const account = named(large, "kubernetes:core/v1:ServiceAccount", `${service}-account`);
            expect(account.metadata.annotations["iam.gke.io/gcp-service-account"]).to.match(/^platform-k-production-l-[0-9a-f]{6}@/);
        }
        // External Secrets reads the platform's secrets one by one; KEDA reads metrics only.
        const sync = ofType(large, "gcp:secretmanager/secretIamMember:SecretIamMember").filter((r) => r.name.includes("-secrets-sync-secret-"));
        expect(sync.length).to.be.at.least(3);
        expect(named(large, "gcp:projects/iAMMember:IAMMember", "autoscaler-monitoring-viewer").role).to.equal("roles/monitoring.viewer");
    });

    it("gives every service a Deployment, ServiceAccount, disruption budget and ExternalSecret; web a Service and HPA, the worker a KEDA ScaledObject on its subscription", () => {
        for (const result of [dev, large]) {
            for (const service of ["web", "worker"]) {
                named(result, "kubernetes:apps/v1:Deployment", service);
                named(result, "kubernetes:policy/v1:PodDisruptionBudget", `${service}-disruption`);
                expect(named(result, "kubernetes:external-secrets.io/v1:ExternalSecret", `${service}-env`).spec.secretStoreRef).to.deep.equal({ name: "secret-manager", kind: "SecretStore" });
            }
            named(result, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-autoscaler");
            const trigger = named(result, "kubernetes:keda.sh/v1alpha1:ScaledObject", "worker-scaler").spec.triggers[0];
            expect(trigger.type).to.equal("gcp-pubsub");
            // Out above 100 messages, in below 10 (the documents' queue thresholds).
            expect(trigger.metadata).to.include({ mode: "SubscriptionSize", value: "100", activationValue: "10" });
            expect(trigger.metadata.subscriptionName).to.match(/-worker$/);
        }
        const store = named(dev, "kubernetes:external-secrets.io/v1:SecretStore", "secret-store");
        expect(store.spec.provider.gcpsm.projectID).to.equal("acme-platform");
    });

    it("mints the Redis Cluster password (an IAM access token) for each service's own account on production-large", () => {
        expect(ofType(dev, "kubernetes:generators.external-secrets.io/v1alpha1:GCRAccessToken")).to.have.length(0);
        const generator = named(large, "kubernetes:generators.external-secrets.io/v1alpha1:GCRAccessToken", "web-redis-token");
        expect(generator.spec.auth.workloadIdentity).to.include({ clusterName: "platform-k-production-large-gke", clusterLocation: "us-central1" });
        expect(generator.spec.auth.workloadIdentity.serviceAccountRef).to.deep.equal({ name: "web" });
        const env = named(large, "kubernetes:external-secrets.io/v1:ExternalSecret", "web-env");
        expect(env.spec.dataFrom[0].sourceRef.generatorRef).to.include({ kind: "GCRAccessToken", name: "web-redis-token" });
    });

    it("puts the public web service behind the GKE Ingress with the VM fleet's Cloud Armor policy, TLS policy, managed certificate and reserved address", () => {
        const ingress = named(large, "kubernetes:networking.k8s.io/v1:Ingress", "ingress");
        expect(ingress.spec.ingressClassName).to.equal("gce");
        expect(ingress.metadata.annotations["networking.gke.io/managed-certificates"]).to.equal("public-certificate");
        expect(ingress.metadata.annotations["networking.gke.io/v1beta1.FrontendConfig"]).to.equal("public-frontend");
        expect(ingress.metadata.annotations["kubernetes.io/ingress.global-static-ip-name"]).to.be.a("string").and.not.equal("");
        const service = named(large, "kubernetes:core/v1:Service", "web-service");
        expect(JSON.parse(service.metadata.annotations["cloud.google.com/neg"])).to.deep.equal({ ingress: true });
        expect(JSON.parse(service.metadata.annotations["cloud.google.com/backend-config"])).to.deep.equal({ default: "web-backend" });
        const backend = named(large, "kubernetes:cloud.google.com/v1:BackendConfig", "web-backend-config");
        expect(backend.spec.securityPolicy.name).to.be.a("string").and.not.equal("");
        expect(backend.spec.healthCheck).to.include({ requestPath: "/api/ready", port: 3000 });
        // The development tier has no WAF: no Cloud Armor policy on its backend.
        expect(named(dev, "kubernetes:cloud.google.com/v1:BackendConfig", "web-backend-config").spec.securityPolicy).to.equal(undefined);
        const frontend = named(large, "kubernetes:networking.gke.io/v1beta1:FrontendConfig", "frontend-config");
        expect(frontend.spec.redirectToHttps.enabled).to.equal(true);
        expect(named(large, "gcp:compute/sSLPolicy:SSLPolicy", "tls-policy")).to.include({ minTlsVersion: "TLS_1_2", profile: "RESTRICTED" });
        const certificate = named(large, "kubernetes:networking.gke.io/v1:ManagedCertificate", "managed-certificate");
        expect(certificate.spec.domains).to.deep.equal(["acme-lms.com", "api.acme-lms.com"]);
        expect(ofType(large, "gcp:dns/recordSet:RecordSet").length).to.be.at.least(2);
    });

    it("keeps the VM fleet's outputs and leaves no instance group", () => {
        expect(ofType(large, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager")).to.have.length(0);
        const outputs = large.outputs as { appFleet: { url: string; loadBalancerHost: string; services: { name: string; url?: string }[] } };
        expect(outputs.appFleet.url).to.equal("https://acme-lms.com");
        expect(outputs.appFleet.loadBalancerHost).to.equal("203.0.113.20");
        expect(outputs.appFleet.services.map((s) => [s.name, s.url])).to.deep.equal([
            ["web", "https://acme-lms.com"],
            ["worker", undefined],
        ]);
    });

    it("alerts on the services' containers and the nodes, and keeps the load balancer alerts on the Ingress's URL map", () => {
        const policies = ofType(large, "gcp:monitoring/alertPolicy:AlertPolicy").map(inputs);
        const filters = policies.flatMap((p) => p.conditions.map((c: Inputs) => c.conditionThreshold?.filter ?? c.conditionPrometheusQueryLanguage?.query));
        expect(filters.some((f) => /kubernetes\.io\/container\/cpu\/limit_utilization/.test(f) && /container_name="web"/.test(f))).to.equal(true);
        expect(filters.some((f) => /kubernetes\.io\/node\/memory\/allocatable_utilization/.test(f))).to.equal(true);
        expect(filters.some((f) => f.includes('url_map_name=~"k8s2-um-[a-z0-9]+-platform-k-productio.*"'))).to.equal(true);
        expect(filters.some((f) => /gce_instance/.test(f))).to.equal(false);
    });

    it("passes the policy pack with no mandatory violation on both tiers", async () => {
        for (const [result, tier] of [
            [dev, "development"],
            [large, "production-large"],
        ] as const) {
            const violations = await evaluatePolicies(result.resources as unknown as PlannedResource[], { tier });
            expect(violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.name}: ${v.message}`)).to.deep.equal([]);
        }
    });
});
