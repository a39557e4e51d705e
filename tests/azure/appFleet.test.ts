// The Azure app fleet on recorded plans: scale sets (private, identity, health extension,
// rolling upgrades, automatic repairs, zones), autoscale per tier, queue scaling, the gateway's
// WAF and TLS, and roles no wider than each service uses. Numbers are the documents'.
import { expect } from "chai";
import { build, inputs, Inputs, ofType, one, tierConfig, WEB_SERVICE, WORKER_SERVICE, buildTier } from "../helpers/stacks";
import { SynthResult } from "../../tools/synth";
import { podResources } from "../../tiers/kubernetes";
import { boundedName } from "../../providers/azure/common";
import { gatewayCapacity } from "../../providers/azure/loadBalancer";
import { internalZoneName, privateFrontendAddress } from "../../providers/azure/internalLoadBalancer";

const AZURE = { cloud: "azure", region: "eastus" };
const medium = () => build("azure-prod", tierConfig("production-medium", AZURE));
const development = () => build("azure-dev", tierConfig("development", { ...AZURE, domain: undefined }));

const SCALE_SET = "azure-native:compute:VirtualMachineScaleSet";
const AUTOSCALE = "azure-native:monitor:AutoscaleSetting";
const GATEWAY = "azure-native:network:ApplicationGateway";
const WAF = "azure-native:network:WebApplicationFirewallPolicy";
const ROLE = "azure-native:authorization:RoleAssignment";

function scaleSetOf(result: SynthResult, service: string): Inputs {
    return inputs(one(result, SCALE_SET, `-${service}-scale-set`));
}

function autoscaleOf(result: SynthResult, service: string): Inputs {
    return inputs(one(result, AUTOSCALE, `-${service}-autoscale`)).profiles[0];
}

describe("Azure app fleet: scale sets", () => {
    it("one Uniform scale set per service on Ubuntu LTS, across the network's zones, starting at the tier's minimum", async () => {
        const result = await medium();
        expect(ofType(result, SCALE_SET)).to.have.length(2);
        const web = scaleSetOf(result, "web");
        expect(web.orchestrationMode).to.equal("Uniform");
        expect(web.zones).to.deep.equal(["1", "2", "3"]);
        expect(web.sku.capacity).to.equal(3);
        expect(web.virtualMachineProfile.storageProfile.imageReference).to.deep.include({ publisher: "Canonical", offer: "ubuntu-24_04-lts" });
        expect(web.virtualMachineProfile.storageProfile.osDisk.diskSizeGB).to.equal(30);
    });

    it("has no public IP: NICs in the app subnet, web VMs in the gateway's backend pool", async () => {
        const result = await medium();
        for (const service of ["web", "worker"]) {
            const [nic] = scaleSetOf(result, service).virtualMachineProfile.networkProfile.networkInterfaceConfigurations;
            for (const ip of nic.ipConfigurations) {
                expect(ip.publicIPAddressConfiguration, service).to.equal(undefined);
                expect(ip.subnet.id, service).to.be.a("string");
            }
        }
        const [webIp] = scaleSetOf(result, "web").virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations;
        expect(webIp.applicationGatewayBackendAddressPools[0].id).to.match(/applicationGateways\/.*-gateway\/backendAddressPools\/web$/);
        const [workerIp] = scaleSetOf(result, "worker").virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations;
        expect(workerIp.applicationGatewayBackendAddressPools).to.deep.equal([]);
    });

    it("logs in with an SSH key only, runs as its own user-assigned identity, and encrypts its disk with the platform's key", async () => {
        const web = scaleSetOf(await medium(), "web");
        const os = web.virtualMachineProfile.osProfile;
        expect(os.linuxConfiguration.disablePasswordAuthentication).to.equal(true);
        expect(os.adminPassword).to.equal(undefined);
        expect(os.linuxConfiguration.ssh.publicKeys).to.have.length(1);
        expect(web.identity.type).to.equal("UserAssigned");
        expect(web.identity.userAssignedIdentities).to.have.length(1);
        expect(web.virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id).to.be.a("string");
        expect(web.virtualMachineProfile.securityProfile.securityType).to.equal("TrustedLaunch");
    });

    it("reports health through the Application Health extension: the health path for web, a local endpoint for workers", async () => {
        const result = await medium();
        const health = (service: string) => scaleSetOf(result, service).virtualMachineProfile.extensionProfile.extensions.find((e: Inputs) => e.type === "ApplicationHealthLinux");
        expect(health("web").settings).to.deep.include({ protocol: "http", port: 3000, requestPath: "/api/health", gracePeriod: 300 });
        expect(health("worker").settings).to.deep.include({ protocol: "http", port: 9180, requestPath: "/health" });
    });

    it("rolls upgrades through the set a tenth at a time, new VMs first, and replaces VMs that stay unhealthy", async () => {
        const web = scaleSetOf(await medium(), "web");
        expect(web.upgradePolicy.mode).to.equal("Rolling");
        expect(web.upgradePolicy.rollingUpgradePolicy).to.deep.include({ maxBatchInstancePercent: 10, maxSurge: true, pauseTimeBetweenBatches: "PT300S" });
        expect(web.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent).to.be.at.most(web.upgradePolicy.rollingUpgradePolicy.maxUnhealthyInstancePercent);
        expect(web.automaticRepairsPolicy).to.deep.equal({ enabled: true, gracePeriod: "PT30M", repairAction: "Replace" });
    });

    it("boots only after its roles, the application's credentials, the disk key and the gateway exist", async () => {
        const result = await medium();
        const set = one(result, SCALE_SET, "-web-scale-set");
        const names = set.dependsOn.map((urn) => urn.slice(urn.lastIndexOf("::") + 2));
        expect(names).to.include.members(["platform-azure-prod-app-gateway", "platform-azure-prod-app-web-blob-access", "platform-azure-prod-app-disk-encryption-uses-key"]);
    });
});

describe("Azure app fleet: autoscale", () => {
    const tiers: [string, number, number][] = [
        ["development", 1, 2],
        ["staging", 2, 4],
        ["production-small", 2, 4],
        ["production-medium", 3, 10],
        ["production-large", 5, 10],
    ];
    for (const [tier, min, max] of tiers) {
        it(`${tier}: the web service scales between ${min} and ${max} VMs`, async () => {
            const profile = autoscaleOf(await buildTier("azure", tier), "web");
            expect(profile.capacity).to.deep.equal({ minimum: String(min), maximum: String(max), default: String(min) });
        });
    }

    it("adds a web VM while average CPU stays above 70% for 5 minutes, removes one below 30% for 10", async () => {
        const [out, inward] = autoscaleOf(await medium(), "web").rules;
        expect(out.metricTrigger).to.deep.include({ metricName: "Percentage CPU", operator: "GreaterThan", threshold: 70, timeWindow: "PT5M", timeAggregation: "Average" });
        expect(out.scaleAction).to.deep.include({ direction: "Increase", value: "1", cooldown: "PT5M" });
        expect(inward.metricTrigger).to.deep.include({ operator: "LessThan", threshold: 30, timeWindow: "PT10M" });
        expect(inward.scaleAction).to.deep.include({ direction: "Decrease", value: "1" });
    });

    it("scales workers on their own queue: out above 100 active messages (two at a time above 500), in below 10", async () => {
        const result = await medium();
        const queue = inputs(one(result, "azure-native:servicebus:Queue", "-worker-queue"));
        expect(queue.queueName).to.equal("worker");
        const rules = autoscaleOf(result, "worker").rules as Inputs[];
        const trigger = (rule: Inputs) => rule.metricTrigger;
        expect(rules.map((rule) => [trigger(rule).operator, trigger(rule).threshold, rule.scaleAction.value])).to.deep.equal([
            ["GreaterThan", 100, "1"],
            ["GreaterThan", 500, "2"],
            ["LessThan", 10, "1"],
        ]);
        for (const rule of rules) {
            expect(trigger(rule).metricName).to.equal("ActiveMessages");
            expect(trigger(rule).dimensions).to.deep.equal([{ dimensionName: "EntityName", operator: "Equals", values: ["worker"] }]);
        }
    });
});

describe("Azure app fleet: Service Bus", () => {
    it("Entra ID only, TLS 1.2; Premium, private and customer-keyed in production", async () => {
        const namespace = inputs(one(await medium(), "azure-native:servicebus:Namespace"));
        expect(namespace).to.deep.include({ disableLocalAuth: true, minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled" });
        expect(namespace.sku.name).to.equal("Premium");
        expect(namespace.encryption.keySource).to.equal("Microsoft.KeyVault");
        expect(ofType(await medium(), "azure-native:network:PrivateEndpoint").map((endpoint) => endpoint.name)).to.include("platform-azure-prod-app-bus-endpoint");
    });

    it("protects the namespace, its queues and the customer keys in production only", async () => {
        const production = await medium();
        for (const type of ["azure-native:servicebus:Namespace", "azure-native:servicebus:Queue", "azure-native:keyvault:Key"]) {
            for (const resource of ofType(production, type).filter((candidate) => candidate.name.startsWith("platform-azure-prod-app-"))) {
                expect(resource.protect, resource.name).to.equal(true);
            }
        }
        expect(one(await development(), "azure-native:servicebus:Namespace").protect).to.equal(false);
    });

    it("Standard below production: no private endpoint there, but still no shared keys", async () => {
        const namespace = inputs(one(await development(), "azure-native:servicebus:Namespace"));
        expect(namespace.sku.name).to.equal("Standard");
        expect(namespace.disableLocalAuth).to.equal(true);
    });
});

describe("Azure app fleet: Application Gateway", () => {
    it("WAF_v2 across zones, autoscaling from two capacity units, with the WAF policy attached", async () => {
        const gateway = inputs(one(await medium(), GATEWAY));
        expect(gateway.sku).to.deep.equal({ name: "WAF_v2", tier: "WAF_v2" });
        expect(gateway.zones).to.deep.equal(["1", "2", "3"]);
        expect(gateway.autoscaleConfiguration.minCapacity).to.equal(2);
        expect(gateway.firewallPolicy.id).to.be.a("string");
    });

    it("WAF policy: Prevention, OWASP DRS 2.1 with nothing switched off (SQL injection included), 2,000 requests per client IP per 5 minutes", async () => {
        const policy = inputs(one(await medium(), WAF));
        expect(policy.policySettings).to.deep.include({ state: "Enabled", mode: "Prevention" });
        const drs = policy.managedRules.managedRuleSets.find((set: Inputs) => set.ruleSetType === "Microsoft_DefaultRuleSet");
        expect(drs.ruleSetVersion).to.equal("2.1");
        expect(drs.ruleGroupOverrides).to.equal(undefined);
        const [rate] = policy.customRules;
        expect(rate).to.deep.include({ ruleType: "RateLimitRule", action: "Block", rateLimitThreshold: 2000, rateLimitDuration: "FiveMins" });
        expect(rate.groupByUserSession).to.deep.equal([{ groupByVariables: [{ variableName: "ClientAddr" }] }]);
    });

    it("HTTPS on 443 with TLS 1.2+ and the certificate from Key Vault; port 80 only redirects", async () => {
        const gateway = inputs(one(await medium(), GATEWAY));
        expect(gateway.sslPolicy).to.deep.equal({ policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" });
        expect(gateway.frontendPorts).to.deep.equal([{ name: "https", port: 443 }, { name: "http", port: 80 }]);
        expect(gateway.sslCertificates[0].keyVaultSecretId).to.match(/^https:\/\/.+\.vault\.azure\.net\/secrets\/gateway-tls$/);
        expect(gateway.sslCertificates[0].data).to.equal(undefined);
        const http = gateway.httpListeners.find((listener: Inputs) => listener.name === "http");
        expect(http.protocol).to.equal("Http");
        const rule = gateway.requestRoutingRules.find((candidate: Inputs) => candidate.httpListener.id.endsWith("/httpListeners/http"));
        expect(rule.backendAddressPool).to.equal(undefined);
        expect(rule.redirectConfiguration.id).to.match(/redirectConfigurations\/to-https$/);
        expect(gateway.redirectConfigurations[0]).to.deep.include({ redirectType: "Permanent", includePath: true, includeQueryString: true });
        expect(gateway.redirectConfigurations[0].targetListener.id).to.match(/httpListeners\/https$/);
    });

    it("probes each service's ready path on its port and drains for 30 seconds", async () => {
        const gateway = inputs(one(await medium(), GATEWAY));
        expect(gateway.probes).to.have.length(1);
        expect(gateway.probes[0]).to.deep.include({ path: "/api/ready", port: 3000, protocol: "Http", interval: 10, unhealthyThreshold: 3 });
        expect(gateway.backendHttpSettingsCollection[0]).to.deep.include({ port: 3000, protocol: "Http" });
        expect(gateway.backendHttpSettingsCollection[0].connectionDraining).to.deep.equal({ enabled: true, drainTimeoutInSec: 30 });
    });

    it("development: no WAF (Standard_v2), one capacity unit, a self-signed certificate for the gateway's Azure name", async () => {
        const result = await development();
        const gateway = inputs(one(result, GATEWAY));
        expect(gateway.sku.name).to.equal("Standard_v2");
        expect(gateway.firewallPolicy).to.equal(undefined);
        expect(gateway.autoscaleConfiguration.minCapacity).to.equal(1);
        expect(ofType(result, WAF)).to.have.length(0);
        const cert = inputs(one(result, "tls:index/selfSignedCert:SelfSignedCert"));
        expect(cert.dnsNames[0]).to.match(/\.eastus\.cloudapp\.azure\.com$/);
    });

    it("routes a second public service by host with a domain, by path without one", async () => {
        const services = [WEB_SERVICE, { ...WEB_SERVICE, name: "admin", port: 4000 }, WORKER_SERVICE];
        const hosted = inputs(one(await build("azure-hosts", tierConfig("staging", { ...AZURE, services })), GATEWAY));
        expect(hosted.httpListeners.find((listener: Inputs) => listener.name === "https-admin").hostNames).to.deep.equal(["admin.acme-lms.com"]);
        const pathed = inputs(one(await build("azure-paths", tierConfig("staging", { ...AZURE, services, domain: undefined })), GATEWAY));
        expect(pathed.urlPathMaps[0].pathRules[0].paths).to.deep.equal(["/admin", "/admin/*"]);
    });

    it("puts the site, api., db. and cache. in the domain's Azure DNS zone, the first two as aliases of the gateway's address", async () => {
        const result = await medium();
        const records = ofType(result, "azure-native:dns:RecordSet").map(inputs);
        expect(records.map((record) => record.relativeRecordSetName).sort()).to.deep.equal(["@", "api", "cache", "db"]);
        for (const record of records.filter((candidate) => candidate.recordType === "A")) {
            expect(record.targetResource.id).to.be.a("string");
        }
        expect(inputs(one(result, "azure-native:dns:Zone")).zoneName).to.equal("acme-lms.com");
    });
});

describe("Azure app fleet: tags", () => {
    it("every resource of the fleet that takes tags carries the platform's", async () => {
        const result = await medium();
        const untaggable = new Set([ROLE, "azure-native:servicebus:Queue", "azure-native:dns:RecordSet", "azure-native:network:PrivateDnsZoneGroup", "azure-native:network:SecurityRule", "azure-native:network:Subnet"]);
        const fleet = result.resources.filter((resource) => resource.type.startsWith("azure-native:") && resource.name.startsWith("platform-azure-prod-app-") && !untaggable.has(resource.type));
        expect(fleet.length).to.be.greaterThan(20);
        for (const resource of fleet) {
            expect(inputs(resource).tags, resource.name).to.deep.equal({ project: "platform", environment: "azure-prod", tier: "production-medium", "managed-by": "pulumi" });
        }
    });
});

describe("Azure app fleet: identities", () => {
    const ALLOWED = {
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
        "4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
        "e147488a-f6f5-4113-8e2d-b22465e65bf6": "Key Vault Crypto Service Encryption User",
        "090c5cfd-751d-490a-894a-3ce6f1109419": "Azure Service Bus Data Owner",
        "3913510d-42f4-4e42-8a64-420c390055eb": "Monitoring Metrics Publisher",
        // The credentials job writes the application's login and generated secrets (tests/azure/credentials.test.ts).
        "b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
    };

    it("grants no role but those five, never Owner or Contributor, always to a service principal", async () => {
        const roles = ofType(await medium(), ROLE)
            .filter((role) => role.name.startsWith("platform-azure-prod-app-"))
            .map(inputs);
        expect(roles.length).to.be.greaterThan(0);
        for (const role of roles) {
            const guid = String(role.roleDefinitionId).split("/").pop()!;
            expect(Object.keys(ALLOWED), role.roleDefinitionId).to.include(guid);
            expect(role.principalType).to.equal("ServicePrincipal");
        }
    });

    it("scopes each grant to the one resource: the blob container, each secret, each queue, each key", async () => {
        const result = await medium();
        const byName = Object.fromEntries(ofType(result, ROLE).map((role) => [role.name, inputs(role)]));
        const secretReads = Object.entries(byName).filter(([name]) => name.startsWith("platform-azure-prod-app-web-reads-"));
        expect(secretReads.length).to.be.greaterThan(1);
        for (const [, role] of secretReads) {
            expect(role.scope).to.match(/\/secrets\/[a-z0-9-]+$/);
        }
        expect(byName["platform-azure-prod-app-web-blob-access"].scope).to.not.match(/resourceGroups\/[^/]+$/);
        expect(byName["platform-azure-prod-app-worker-worker-queue-access"].roleDefinitionId).to.match(/090c5cfd-751d-490a-894a-3ce6f1109419$/);
        expect(byName["platform-azure-prod-app-disk-encryption-uses-key"].scope).to.match(/\/keys\/app-disks$/);
    });

});

describe("Azure app fleet: declared calls", () => {
    const services = [
        { ...WEB_SERVICE, calls: ["pricing"] },
        { name: "pricing", image: "ghcr.io/acme/pricing:1.0.0", port: 8080, healthPath: "/health", readyPath: "/ready", public: false },
    ];
    const calls = () => build("azure-calls", tierConfig("staging", { ...AZURE, services }));

    it("serves a called service on the gateway's private frontend, HTTPS with the internal certificate, probed on its ready path", async () => {
        const gateway = inputs(one(await calls(), GATEWAY));
        const privateFrontend = gateway.frontendIPConfigurations.find((frontend: Inputs) => frontend.name === "private");
        expect(privateFrontend).to.deep.include({ privateIPAllocationMethod: "Static", privateIPAddress: "10.0.1.254" });
        const listener = gateway.httpListeners.find((candidate: Inputs) => candidate.name === "internal-pricing");
        expect(listener).to.deep.include({ protocol: "Https", hostNames: ["pricing.platform-azure-calls.internal"] });
        expect(listener.frontendIPConfiguration.id).to.match(/frontendIPConfigurations\/private$/);
        expect(listener.sslCertificate.id).to.match(/sslCertificates\/internal-tls$/);
        expect(gateway.probes.find((probe: Inputs) => probe.name === "pricing")).to.deep.include({ path: "/ready", port: 8080 });
        // Not public: no public listener routes to it.
        expect(gateway.httpListeners.filter((candidate: Inputs) => candidate.frontendIPConfiguration.id.endsWith("/public")).map((candidate: Inputs) => candidate.name)).to.deep.equal(["https", "http"]);
    });

    it("names the callee in a private zone of the VNet, and opens only app -> gateway 443 and gateway -> callee 8080", async () => {
        const result = await calls();
        const record = inputs(one(result, "azure-native:privatedns:PrivateRecordSet", "internal-pricing-record"));
        expect(record).to.deep.include({ relativeRecordSetName: "pricing", recordType: "A" });
        expect(record.aRecords).to.deep.equal([{ ipv4Address: "10.0.1.254" }]);
        const rules = ofType(result, "azure-native:network:SecurityRule").filter((rule) => rule.name.includes("internal")).map(inputs);
        expect(rules.map((rule) => [rule.sourceAddressPrefix, rule.destinationPortRange]).sort()).to.deep.equal([
            ["10.0.1.0/24", "8080"],
            ["10.0.10.0/24", "443"],
        ]);
        const pricing = scaleSetOf(result, "pricing").virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0];
        expect(pricing.applicationGatewayBackendAddressPools[0].id).to.match(/backendAddressPools\/pricing$/);
    });

    it("does not rate-limit the VNet's own calls as one client per VM", async () => {
        const [rate] = inputs(one(await calls(), WAF)).customRules;
        expect(rate.matchConditions).to.deep.equal([{ matchVariables: [{ variableName: "RemoteAddr" }], operator: "IPMatch", negationConditon: true, matchValues: ["10.0.0.0/16"] }]);
    });
});

describe("Azure app fleet: derived names and addresses", () => {
    it("keeps names within Azure's limits for long stack names, unchanged when they fit", () => {
        expect(boundedName("platform-prod-app-web", 64)).to.equal("platform-prod-app-web");
        const long = boundedName(`platform-${"x".repeat(80)}-app-web`, 64);
        expect(long).to.have.length(64);
        expect(long).to.not.equal(boundedName(`platform-${"x".repeat(80)}-app-api`, 64));
        expect(internalZoneName("platform-Big_Stack")).to.equal("platform-big-stack.internal");
        expect(internalZoneName(`platform-${"y".repeat(70)}`).split(".")[0]).to.have.length(63);
    });

    it("puts the private frontend at the gateway subnet's last usable address", () => {
        expect(privateFrontendAddress("10.0.1.0/24")).to.equal("10.0.1.254");
        expect(privateFrontendAddress("10.20.4.0/26")).to.equal("10.20.4.62");
    });

    it("sizes the gateway from one capacity unit (a single VM) to two, and up to the largest service's maximum", () => {
        const service = (minReplicas: number, maxReplicas: number) => ({ ...WEB_SERVICE, kind: "web" as const, public: true, minReplicas, maxReplicas, shape: { vcpus: 2, memoryGb: 4 }, pod: podResources({ vcpus: 2, memoryGb: 4 }), rootVolumeGb: 30, calls: [], capacity: { spot: false, onDemandBase: 0, architecture: "x86_64" as const } });
        expect(gatewayCapacity([service(1, 2)])).to.deep.equal({ minCapacity: 1, maxCapacity: 2 });
        expect(gatewayCapacity([service(3, 10)])).to.deep.equal({ minCapacity: 2, maxCapacity: 10 });
    });
});
