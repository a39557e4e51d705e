// runtime kubernetes on Azure: the AKS cluster, its pools, identities and add-ons, the shared
// workloads on it, observability and the pack, on development and production-large (the two
// stacks this file builds), and the pure pieces without Pulumi.

import { expect } from "chai";
import { parseConfig } from "../../config";
import { PlannedResource } from "../../policies/lib/evaluate";
import { clusterBlock, clusterPlan, POD_SUBNET, API_SERVER_SUBNET } from "../../providers/azure/cluster";
import {
    appNamespaceFor,
    egressRules,
    ingressAnnotations,
    keyVaultSecretName,
    podEnvironment,
    queueAuthenticationManifest,
    queueTriggerFor,
    secretStoreManifest,
} from "../../providers/azure/clusterFleet";
import { serviceAccountSubject, serviceIdentity } from "../../providers/azure/clusterIdentity";
import { clusterNetworkProblems, derivedNames, validateNames } from "../../providers/azure/names";
import { ServiceEnvironmentConfig } from "../../providers/vm/serviceEnvironment";
import { PlatformSpec, resolvePlatformSpec, ServiceSpec } from "../../tiers";
import { estimateCost } from "../../tools/insights/cost";
import { estimateDeploy } from "../../tools/insights/deploy";
import { evaluatePolicies } from "../../tools/policy";
import { planJson } from "../../tools/plan";
import { SynthResult } from "../../tools/synth";
import { buildClusterTier, ofType, one, tierConfig } from "../helpers/stacks";
import { SchemaModel, schemaProblems } from "../kubernetes/schema";

const T = {
    cluster: "azure-native:containerservice:ManagedCluster",
    pool: "azure-native:containerservice:AgentPool",
    federated: "azure-native:managedidentity:FederatedIdentityCredential",
    role: "azure-native:authorization:RoleAssignment",
    diagnostics: "azure-native:monitor:DiagnosticSetting",
    alert: "azure-native:monitor:MetricAlert",
    gateway: "azure-native:network:ApplicationGateway",
    subnet: "azure-native:network:Subnet",
    rule: "azure-native:network:SecurityRule",
    scaleSet: "azure-native:compute:VirtualMachineScaleSet",
};
type Inputs = Record<string, unknown>;
const at = (value: unknown, path: string): unknown => path.split(".").reduce<unknown>((node, key) => (node as Inputs | undefined)?.[key], value);

function spec(tier: string, extra: Record<string, unknown> = {}): PlatformSpec {
    return resolvePlatformSpec(parseConfig(tierConfig(tier, { cloud: "azure", region: "eastus", runtime: "kubernetes", ...extra })), "platform", "prod");
}

describe("azure runtime kubernetes: AKS", function () {
    this.timeout(900000);
    let development: SynthResult;
    let large: SynthResult;
    before(async () => {
        // One synthesis at a time: the offline engine runs one program per process at once.
        development = await buildClusterTier("azure", "development");
        large = await buildClusterTier("azure", "production-large");
    });

    it("builds a private, Entra-only cluster with workload identity, Cilium network policy, KMS and customer-keyed disks", () => {
        for (const result of [development, large]) {
            const cluster = one(result, T.cluster).inputs;
            expect(at(cluster, "apiServerAccessProfile.enablePrivateCluster")).to.equal(true);
            expect(at(cluster, "apiServerAccessProfile.enableVnetIntegration")).to.equal(true);
            expect(cluster.disableLocalAccounts).to.equal(true);
            expect(at(cluster, "aadProfile")).to.include({ managed: true, enableAzureRBAC: true });
            expect(at(cluster, "oidcIssuerProfile.enabled")).to.equal(true);
            expect(at(cluster, "securityProfile.workloadIdentity.enabled")).to.equal(true);
            expect(at(cluster, "securityProfile.azureKeyVaultKms")).to.include({ enabled: true, keyVaultNetworkAccess: "Private" });
            expect(String(at(cluster, "securityProfile.azureKeyVaultKms.keyId"))).to.match(/\/keys\/aks-etcd\/[0-9a-f]+$/);
            expect(at(cluster, "networkProfile")).to.include({ networkPlugin: "azure", networkPolicy: "cilium", networkDataplane: "cilium", outboundType: "userAssignedNATGateway" });
            expect(String(cluster.diskEncryptionSetID)).to.contain("disk-encryption");
            expect(at(cluster, "autoUpgradeProfile")).to.deep.equal({ upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" });
            expect(cluster.kubernetesVersion).to.equal("1.33");
            expect(at(cluster, "addonProfiles.ingressApplicationGateway.enabled")).to.equal(true);
        }
    });

    it("runs the Free tier in development and the Standard tier (uptime SLA) in production-large, protected there", () => {
        expect(at(one(development, T.cluster).inputs, "sku.tier")).to.equal("Free");
        expect(at(one(large, T.cluster).inputs, "sku.tier")).to.equal("Standard");
        expect(one(large, T.cluster).protect).to.equal(true);
    });

    it("sizes the autoscaled user pool from the spec across the tier's zones, with no public node address", () => {
        const pool = one(large, T.pool).inputs;
        // production-large: the LMS document's 8 vCPU / 32 GB app server, three zones.
        expect(pool).to.include({ vmSize: "Standard_D8s_v5", enableAutoScaling: true, minCount: 3, maxCount: 9, mode: "User", enableNodePublicIP: false });
        expect(pool.availabilityZones).to.deep.equal(["1", "2", "3"]);
        const system = (one(large, T.cluster).inputs.agentPoolProfiles as Inputs[])[0];
        expect(system).to.include({ mode: "System", enableAutoScaling: true, enableNodePublicIP: false, minCount: 3, maxCount: 6 });
        expect(system.nodeTaints).to.deep.equal(["CriticalAddonsOnly=true:NoSchedule"]);
        for (const profile of [pool, system]) {
            expect(String(profile.vnetSubnetID)).to.contain("network-app-subnet");
            expect(String(profile.podSubnetID)).to.contain("pods-subnet");
        }
        expect(one(development, T.pool).inputs).to.include({ minCount: 2, maxCount: 4 });
    });

    it("adds the pod and API server subnets and lets the pods reach the database and cache as the app tier does, nothing more", () => {
        const pods = one(large, T.subnet, "app-pods-subnet").inputs;
        expect(pods.addressPrefix).to.equal("10.0.32.0/20");
        expect(one(large, T.subnet, "app-api-server-subnet").inputs).to.deep.include({ addressPrefix: "10.0.30.0/28" });
        const rules = ofType(large, T.rule).filter((rule) => JSON.stringify(rule.inputs).includes("10.0.32.0/20"));
        const byName = Object.fromEntries(rules.map((rule) => [String(rule.inputs.securityRuleName), rule.inputs]));
        // Pooling is on from staging: the pods reach PostgreSQL and the server's PgBouncer (6432), as the app tier does.
        expect(byName["pods-postgres"]).to.include({ sourceAddressPrefix: "10.0.32.0/20", access: "Allow" });
        expect(byName["pods-postgres"].destinationPortRanges).to.deep.equal(["5432", "6432"]);
        expect(byName["pods-redis"].destinationPortRanges).to.include("6380");
        expect(byName["pods-https"]).to.include({ destinationPortRange: "443" });
        expect(Object.keys(byName).sort()).to.deep.equal(["aks-intra-cluster", "pods-https", "pods-postgres", "pods-redis"]);
        expect(ofType(large, T.scaleSet)).to.have.length(0);
    });

    it("gives each service its own identity federated to its ServiceAccount, with the VM identity's roles", () => {
        const namespace = appNamespaceFor("platform-k-production-large");
        for (const service of ["web", "worker"]) {
            const credential = one(large, T.federated, `${service}-federated`).inputs;
            expect(credential.subject).to.equal(`system:serviceaccount:${namespace}:${service}`);
            expect(credential.audiences).to.deep.equal(["api://AzureADTokenExchange"]);
            expect(String(credential.issuer)).to.match(/^https:\/\/.+oic.+\/$/);
            const account = one(large, "kubernetes:core/v1:ServiceAccount", `${service}-account`).inputs;
            expect(at(account, "metadata.annotations")).to.have.property("azure.workload.identity/client-id");
            const roles = ofType(large, T.role).filter((role) => role.name.includes(`-app-${service}-`));
            expect(roles.some((role) => role.name.endsWith(`${service}-blob-access`))).to.equal(true);
            expect(roles.filter((role) => role.name.includes("-reads-")).length).to.be.greaterThan(0);
        }
        expect(one(large, T.federated, "external-secrets-federated").inputs.subject).to.equal("system:serviceaccount:external-secrets:external-secrets");
        expect(one(large, T.federated, "keda-federated").inputs.subject).to.equal("system:serviceaccount:keda:keda-operator");
    });

    it("runs every service as Deployment, Service or ScaledObject, autoscaler, disruption budget and ExternalSecret", () => {
        for (const result of [development, large]) {
            for (const kind of ["apps/v1:Deployment", "policy/v1:PodDisruptionBudget", "external-secrets.io/v1:ExternalSecret"]) {
                expect(ofType(result, `kubernetes:${kind}`).map((r) => r.name).sort(), kind).to.have.length(2);
            }
            one(result, "kubernetes:core/v1:Service", "web-service");
            one(result, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-autoscaler");
            const scaler = one(result, "kubernetes:keda.sh/v1alpha1:ScaledObject", "worker-scaler").inputs;
            const trigger = (at(scaler, "spec.triggers") as Inputs[])[0];
            expect(trigger.type).to.equal("azure-servicebus");
            // The idea-management document: scale out above 100 queued messages.
            expect(at(trigger, "metadata.messageCount")).to.equal("100");
            expect(one(result, "kubernetes:networking.k8s.io/v1:Ingress").inputs).to.have.nested.property("spec.ingressClassName", "azure-application-gateway");
        }
    });

    it("leaves the gateway's listeners and pools to AGIC and keeps its WAF policy and TLS policy", () => {
        const gateway = one(large, T.gateway);
        expect(at(gateway.inputs, "sku.tier")).to.equal("WAF_v2");
        expect(at(gateway.inputs, "sslPolicy.policyName")).to.equal("AppGwSslPolicy20220101S");
        expect(gateway.inputs.firewallPolicy).to.not.equal(undefined);
        const agic = ofType(large, T.role).filter((role) => role.name.includes("-agic-"));
        expect(agic.map((role) => role.name.replace(/.*-agic-/, "")).sort()).to.deep.equal(["gateway", "gateway-identity", "gateway-subnet", "resource-group"]);
    });

    it("sends the control plane's logs to the workspace and alerts on node CPU and memory per pool", () => {
        const setting = one(large, T.diagnostics, "aks-diagnostics").inputs;
        expect(String(setting.resourceUri)).to.contain("-app-aks");
        expect(String(setting.workspaceId)).to.contain("workspace");
        const categories = (setting.logs as Inputs[]).map((log) => log.category);
        expect(categories).to.include.members(["kube-apiserver", "kube-audit-admin", "guard"]);
        const alerts = ofType(large, T.alert).map((alert) => alert.name);
        for (const pool of ["system", "apps"]) {
            expect(alerts.some((name) => name.endsWith(`aks-${pool}-cpu`)), pool).to.equal(true);
            expect(alerts.some((name) => name.endsWith(`aks-${pool}-memory`)), pool).to.equal(true);
        }
        expect(alerts.some((name) => name.endsWith("worker-backlog"))).to.equal(true);
    });

    it("has no mandatory policy violation on either tier", async () => {
        for (const [result, tier] of [[development, "development"], [large, "production-large"]] as const) {
            const violations = await evaluatePolicies(planJson(result).resources as PlannedResource[], { tier });
            expect(violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} ${v.name}: ${v.message}`), tier).to.deep.equal([]);
        }
    });

    it("prices the control plane's SLA fee in production only and the pools at their minimum, and times every Azure type", () => {
        const cost = (result: SynthResult) => estimateCost(result);
        for (const result of [development, large]) {
            // Kubernetes objects run on the nodes; their pricing belongs to the Kubernetes price rules.
            expect(cost(result).unpriced.filter((item) => !item.type.startsWith("kubernetes:")).map((item) => `${item.type}: ${item.reason}`)).to.deep.equal([]);
            expect(estimateDeploy(result).untimedTypes.filter((type) => !type.startsWith("kubernetes:"))).to.deep.equal([]);
        }
        const clusterLine = (result: SynthResult) => cost(result).items.find((item) => item.type === T.cluster)!.basis;
        // AKS Standard tier: $0.10 per cluster-hour; Free below production.
        expect(clusterLine(large)).to.contain("Standard tier control plane").and.match(/x \$0\.10?\/h/);
        expect(clusterLine(development)).to.not.contain("Standard tier");
        expect(clusterLine(development)).to.contain("2 x Standard_D2s_v5");
        // production-large's user pool: 3 x Standard_D8s_v5 at the minimum.
        expect(cost(large).items.find((item) => item.type === T.pool)!.basis).to.contain("3 x Standard_D8s_v5");
    });

    it("reports the gateway's URL and every service as the VM fleet does", () => {
        const outputs = large.outputs.appFleet as { url: string; services: { name: string; url?: string }[] };
        expect(outputs.url).to.equal("https://acme-lms.com");
        expect(outputs.services.map((service) => service.name)).to.deep.equal(["web", "worker"]);
    });
});

describe("azure runtime kubernetes: pure pieces", () => {
    it("plans a private cluster without admin ranges and a public one limited to them with", () => {
        const ctx = { platform: spec("production-large"), name: "platform-prod-app", parent: undefined as never };
        expect(clusterPlan(ctx, ["1", "2", "3"]).access).to.deep.equal({ private: true });
        const admin = { ...ctx, platform: spec("production-large", { adminCidrs: ["203.0.113.0/24"] }) };
        expect(clusterPlan(admin, ["1", "2", "3"]).access).to.deep.equal({ private: false, authorizedIpRanges: ["203.0.113.0/24"] });
        expect(clusterPlan(ctx, ["1", "2", "3"]).sku).to.equal("Standard");
        expect(clusterPlan({ ...ctx, platform: spec("development") }, ["1", "2", "3"]).sku).to.equal("Free");
    });

    it("places the pod /20 and API server /28 above the layout's data blocks", () => {
        expect(clusterBlock("10.0.0.0/16", POD_SUBNET)).to.equal("10.0.32.0/20");
        expect(clusterBlock("10.0.0.0/16", API_SERVER_SUBNET)).to.equal("10.0.30.0/28");
        expect(clusterBlock("172.16.0.0/17", POD_SUBNET)).to.equal("172.16.32.0/20");
    });

    it("refuses a VNet too small for the cluster or overlapping the Services' range, naming the key", () => {
        expect(clusterNetworkProblems(spec("production-medium"))).to.deep.equal([]);
        const [small] = clusterNetworkProblems(spec("production-medium", { network: { cidr: "10.0.0.0/19" } }));
        expect(small).to.contain("platform:network.cidr").and.contain("is a /19").and.contain("/18 or larger");
        const [overlap] = clusterNetworkProblems(spec("production-medium", { network: { cidr: "172.20.0.0/16" } }));
        expect(overlap).to.contain("172.20.0.0/16").and.contain("Service range");
        expect(validateNames(spec("production-large"))).to.deep.equal([]);
        expect(derivedNames(spec("production-large")).find((name) => name.what === "AKS cluster")?.name).to.equal("platform-prod-app-aks");
    });

    it("names Key Vault secrets as ESO reads them, lets pods use workload identity for Celery and call Services over HTTP", () => {
        expect(keyVaultSecretName("https://platformkv.vault.azure.net/secrets/db-app")).to.equal("db-app");
        expect(keyVaultSecretName("https://platformkv.vault.azure.net/secrets/db-app/0123")).to.equal("db-app");
        const env = { plain: { CELERY_BROKER_URL: "azureservicebus://ManagedIdentityCredential@bus.servicebus.windows.net", SERVICES_CA_FILE: "/etc/platform/certs/services-ca.pem", API_URL: "http://api.ns.svc.cluster.local:8000" } } as unknown as ServiceEnvironmentConfig;
        expect(podEnvironment(env).plain).to.deep.equal({ CELERY_BROKER_URL: "azureservicebus://DefaultAzureCredential@bus.servicebus.windows.net", API_URL: "http://api.ns.svc.cluster.local:8000" });
    });

    it("builds a SecretStore and TriggerAuthentication the operators' schemas accept, and a misspelling they refuse", async () => {
        const SecretStore = (await import("@kubernetes-models/external-secrets/external-secrets.io/v1")).SecretStore as unknown as SchemaModel;
        const TriggerAuthentication = (await import("@kubernetes-models/keda/keda.sh/v1alpha1")).TriggerAuthentication as unknown as SchemaModel;
        expect(schemaProblems(SecretStore, secretStoreManifest("platform-prod", "https://platformkv.vault.azure.net/", "tenant"))).to.deep.equal([]);
        expect(schemaProblems(TriggerAuthentication, queueAuthenticationManifest("platform-prod"))).to.deep.equal([]);
        const wrong = secretStoreManifest("platform-prod", "https://platformkv.vault.azure.net/", "tenant") as unknown as { spec: { provider: { azurekv: Inputs } } };
        wrong.spec.provider.azurekv.authType = "WorkloadIdentityy";
        expect(schemaProblems(SecretStore, wrong)).to.not.deep.equal([]);
        const misspelt = queueAuthenticationManifest("platform-prod") as unknown as { spec: Inputs };
        misspelt.spec = { podIdentty: { provider: "azure-workload" } };
        expect(schemaProblems(TriggerAuthentication, misspelt).join("\n")).to.contain("podIdentty");
    });

    it("scales workers on their Service Bus queue above 100 messages", () => {
        const worker = { name: "worker" } as ServiceSpec;
        expect(queueTriggerFor(worker, "busns", 100)).to.deep.equal({
            type: "azure-servicebus",
            metadata: { queueName: "worker", namespace: "busns", messageCount: "100", activationMessageCount: "0" },
            authenticationRef: { name: "azure-service-bus", kind: "TriggerAuthentication" },
        });
    });

    it("annotates the Ingress for HTTPS only with the gateway's certificate and the ready path", () => {
        const annotations = ingressAnnotations([{ readyPath: "/api/ready" } as ServiceSpec]);
        expect(annotations).to.include({
            "appgw.ingress.kubernetes.io/ssl-redirect": "true",
            "appgw.ingress.kubernetes.io/appgw-ssl-certificate": "tls",
            "appgw.ingress.kubernetes.io/backend-protocol": "http",
            "appgw.ingress.kubernetes.io/health-probe-path": "/api/ready",
        });
        expect(ingressAnnotations([{ readyPath: "/a" } as ServiceSpec, { readyPath: "/b" } as ServiceSpec])).to.not.have.property("appgw.ingress.kubernetes.io/health-probe-path");
    });

    it("opens egress to the database and endpoint subnets and HTTPS/AMQPS outside the VNet only", () => {
        const ctx = { platform: spec("production-large"), name: "platform-prod-app", parent: undefined as never };
        const rules = egressRules(ctx, { database: [5432, 6432], cache: [6380] });
        expect(rules.map((rule) => rule.purpose)).to.deep.equal(["database", "cache", "key-vault-storage-service-bus", "entra-id-and-service-bus"]);
        expect(rules[0]).to.deep.equal({ purpose: "database", to: [{ ipBlock: { cidr: "10.0.20.0/24" } }], ports: [{ port: 5432 }, { port: 6432 }] });
        expect(rules[3].to[0]).to.deep.equal({ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/16", "172.20.0.0/16"] } });
    });

    it("identifies pods by the workload identity webhook's annotation and label", () => {
        expect(serviceAccountSubject("platform-prod", "web")).to.equal("system:serviceaccount:platform-prod:web");
        expect(serviceIdentity("client")).to.deep.equal({
            serviceAccountAnnotations: { "azure.workload.identity/client-id": "client" },
            podLabels: { "azure.workload.identity/use": "true" },
            automountServiceAccountToken: true,
        });
        expect(appNamespaceFor("Platform_Prod.eu")).to.equal("platform-prod-eu");
    });
});
