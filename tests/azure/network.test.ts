// The Azure network checked on what the offline engine recorded: the idea-management layout's
// CIDRs, the security-group story told with NSGs (each ending in a deny-all at 4096), NAT
// egress, private DNS, flow-log retention and the Key Vault's lockdown. Expected values are the
// documents' numbers written out, never read from the tier table.

import { expect } from "chai";
import { SynthResult } from "../../tools/synth";
import { build, Inputs, inputs, ofType, one, tierConfig } from "../helpers/stacks";

const AZURE = { cloud: "azure", region: "eastus" };
const RULE = "azure-native:network:SecurityRule";
const SUBNET = "azure-native:network:Subnet";

function subnet(result: SynthResult, name: string): Inputs {
    const found = ofType(result, SUBNET).map(inputs).filter((args) => args.subnetName === name);
    expect(found, name).to.have.length(1);
    return found[0];
}

function rules(result: SynthResult, nsg: string): Inputs[] {
    return ofType(result, RULE)
        .map(inputs)
        .filter((rule) => rule.networkSecurityGroupName === `platform-${result.stack}-network-${nsg}-nsg`)
        .sort((a, b) => a.priority - b.priority);
}

function allows(rule: Inputs): { sources: string[]; ports: string[] } {
    return {
        sources: rule.sourceAddressPrefixes ?? [rule.sourceAddressPrefix],
        ports: rule.destinationPortRanges ?? [rule.destinationPortRange],
    };
}

describe("Azure network", function () {
    let prod: SynthResult;
    let dev: SynthResult;
    let admin: SynthResult;
    before(async () => {
        prod = await build("prod", tierConfig("production-medium", AZURE));
        dev = await build("dev", tierConfig("development", AZURE));
        admin = await build("admin", tierConfig("production-small", { ...AZURE, adminCidrs: ["203.0.113.0/24"] }));
    });

    it("one resource group per stack and a 10.0.0.0/16 VNet", () => {
        expect(inputs(one(prod, "azure-native:resources:ResourceGroup")).resourceGroupName).to.equal("platform-prod-rg");
        expect(inputs(one(prod, "azure-native:network:VirtualNetwork")).addressSpace.addressPrefixes).to.deep.equal(["10.0.0.0/16"]);
    });

    it("subnets from the idea-management layout: gateway 10.0.1.0/24, app 10.0.10.0/24, database 10.0.20.0/24, endpoints 10.0.21.0/24, bastion 10.0.2.0/24", () => {
        expect(subnet(prod, "gateway").addressPrefix).to.equal("10.0.1.0/24");
        expect(subnet(prod, "app").addressPrefix).to.equal("10.0.10.0/24");
        expect(subnet(prod, "database").addressPrefix).to.equal("10.0.20.0/24");
        expect(subnet(prod, "endpoints").addressPrefix).to.equal("10.0.21.0/24");
        expect(subnet(prod, "AzureBastionSubnet").addressPrefix).to.equal("10.0.2.0/24");
        expect(subnet(prod, "database").delegations).to.deep.equal([{ name: "postgres", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }]);
        expect(subnet(prod, "endpoints").privateEndpointNetworkPolicies).to.equal("Enabled");
    });

    it("every subnet but Bastion's has an NSG, and every NSG ends in a deny-all inbound at priority 4096", () => {
        for (const name of ["gateway", "app", "database", "endpoints"]) {
            expect(subnet(prod, name).networkSecurityGroup?.id, name).to.be.a("string");
        }
        for (const nsg of ["gateway", "app", "db", "endpoints"]) {
            const deny = rules(prod, nsg).filter((rule) => rule.access === "Deny");
            expect(deny, nsg).to.have.length(1);
            expect(deny[0]).to.include({ priority: 4096, direction: "Inbound", protocol: "*", sourceAddressPrefix: "*", destinationPortRange: "*" });
        }
    });

    it("only the gateway subnet is open to the internet: 443 and 80, plus GatewayManager 65200-65535 and the Azure load balancer", () => {
        const internet = ofType(prod, RULE).map(inputs).filter((rule) => rule.access === "Allow" && ["Internet", "*", "0.0.0.0/0"].includes(rule.sourceAddressPrefix));
        expect(internet.map((rule) => rule.destinationPortRange).sort()).to.deep.equal(["443", "80"]);
        expect(internet.every((rule) => rule.networkSecurityGroupName === "platform-prod-network-gateway-nsg")).to.equal(true);
        const manager = rules(prod, "gateway").find((rule) => rule.sourceAddressPrefix === "GatewayManager");
        expect(manager?.destinationPortRange).to.equal("65200-65535");
        expect(rules(prod, "gateway").some((rule) => rule.sourceAddressPrefix === "AzureLoadBalancer" && rule.access === "Allow")).to.equal(true);
    });

    it("app subnet: the service port 3000 only from the gateway subnet, SSH only from Bastion (or the admin ranges)", () => {
        const app = rules(prod, "app").filter((rule) => rule.access === "Allow").map(allows);
        expect(app).to.deep.include({ sources: ["10.0.1.0/24"], ports: ["3000"] });
        expect(app).to.deep.include({ sources: ["10.0.2.0/24"], ports: ["22"] });
        expect(app).to.have.length(2);
        const adminSsh = rules(admin, "app").filter((rule) => rule.access === "Allow").map(allows).find((rule) => rule.ports[0] === "22");
        expect(adminSsh?.sources).to.deep.equal(["203.0.113.0/24"]);
        expect(ofType(admin, "azure-native:network:BastionHost")).to.have.length(0);
        expect(ofType(admin, SUBNET).map(inputs).map((args) => args.subnetName)).to.not.include("AzureBastionSubnet");
    });

    it("database 5432 only from the app subnet (and Bastion); endpoints 6379/6380/cluster ports and 443 only from the app subnet", () => {
        const db = rules(prod, "db").filter((rule) => rule.access === "Allow").map(allows);
        expect(db).to.deep.equal([
            // Pooling is on from staging: the app tier also reaches the server's PgBouncer on 6432.
            { sources: ["10.0.10.0/24"], ports: ["5432", "6432"] },
            { sources: ["10.0.2.0/24"], ports: ["5432"] },
            // The credentials job's own /27 at the top of the VNet.
            { sources: ["10.0.255.224/27"], ports: ["5432"] },
            // The logical dump job's /27 in block 0 (production keeps logical backups).
            { sources: ["10.0.0.32/27"], ports: ["5432"] },
        ]);
        const endpoints = rules(prod, "endpoints").filter((rule) => rule.access === "Allow").map(allows);
        expect(endpoints).to.deep.equal([
            { sources: ["10.0.10.0/24"], ports: ["6379", "6380", "10000", "13000-13999", "15000-15999"] },
            { sources: ["10.0.10.0/24"], ports: ["443"] },
            // The credentials job reads and writes Key Vault through its private endpoint.
            { sources: ["10.0.255.224/27"], ports: ["443"] },
            // The dump job reads Key Vault and writes the backups account through their private endpoints.
            { sources: ["10.0.0.32/27"], ports: ["443"] },
        ]);
    });

    it("the app subnet leaves through a Standard NAT gateway with zone-redundant static IPs, one per zone where the tier has a NAT per zone", () => {
        const app = subnet(prod, "app");
        expect(app.natGateway?.id).to.be.a("string");
        expect(app.defaultOutboundAccess).to.equal(false);
        expect(inputs(one(prod, "azure-native:network:NatGateway")).sku).to.deep.equal({ name: "Standard" });
        const ips = ofType(prod, "azure-native:network:PublicIPAddress").map(inputs).filter((ip) => String(ip.publicIpAddressName ?? "").includes("nat-ip"));
        expect(ips).to.have.length(3);
        for (const ip of ips) {
            expect(ip.sku).to.deep.equal({ name: "Standard", tier: "Regional" });
            expect(ip.zones).to.deep.equal(["1", "2", "3"]);
        }
        expect(ofType(dev, "azure-native:network:PublicIPAddress").map(inputs).filter((ip) => String(ip.publicIpAddressName ?? "").includes("nat-ip"))).to.have.length(1);
    });

    it("private DNS zones for PostgreSQL, Redis, blob, Key Vault and Service Bus, each linked to the VNet without auto-registration", () => {
        // Telemetry adds Grafana's zone beside its private endpoint (tests/azure/telemetry.test.ts).
        const zones = ofType(prod, "azure-native:privatedns:PrivateZone").filter((zone) => !zone.name.includes("-telemetry-")).map((zone) => inputs(zone).privateZoneName).sort();
        expect(zones).to.deep.equal(
            // Production's Premium Service Bus has a private endpoint too.
            ["platform-prod.private.postgres.database.azure.com", "privatelink.blob.core.windows.net", "privatelink.redis.cache.windows.net", "privatelink.servicebus.windows.net", "privatelink.vaultcore.azure.net"].sort(),
        );
        const links = ofType(prod, "azure-native:privatedns:VirtualNetworkLink").filter((link) => !link.name.includes("-telemetry-")).map(inputs);
        expect(links).to.have.length(5);
        expect(links.every((link) => link.registrationEnabled === false && link.location === "global")).to.equal(true);
    });

    it("VNet flow logs in the region's Network Watcher, JSON v2, kept 365 days in production and 14 in development", () => {
        const flow = inputs(one(prod, "azure-native:network:FlowLog"));
        expect(flow.networkWatcherName).to.equal("NetworkWatcher_eastus");
        expect(flow.resourceGroupName).to.equal("NetworkWatcherRG");
        expect(flow.targetResourceId).to.equal("platform-prod-network-vnet-id");
        expect(flow.format).to.deep.equal({ type: "JSON", version: 2 });
        expect(flow.retentionPolicy).to.deep.equal({ enabled: true, days: 365 });
        expect(inputs(one(dev, "azure-native:network:FlowLog")).retentionPolicy.days).to.equal(14);
        const lifecycle = inputs(one(prod, "azure-native:storage:ManagementPolicy", "-network-flowlogs-lifecycle"));
        expect(lifecycle.policy.rules[0].definition.actions.baseBlob.delete.daysAfterModificationGreaterThan).to.equal(365);
        expect(inputs(one(prod, "azure-native:storage:StorageAccount", "-network-flowlogs")).sku).to.deep.equal({ name: "Standard_ZRS" });
    });

    it("Key Vault: Premium, RBAC, purge protection, 90-day soft delete, no public access, firewall Deny with a private endpoint", () => {
        const vault = ofType(prod, "azure-native:keyvault:Vault").map(inputs).find((args) => args.location === "eastus")!;
        expect(vault.vaultName).to.match(/^platform-prod-kv-[0-9a-f]{6}$/);
        expect(vault.properties).to.deep.include({
            enableRbacAuthorization: true,
            enablePurgeProtection: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            publicNetworkAccess: "Disabled",
        });
        expect(vault.properties.sku).to.deep.equal({ family: "A", name: "premium" });
        expect(vault.properties.networkAcls).to.include({ defaultAction: "Deny", bypass: "AzureServices" });
        const endpoint = ofType(prod, "azure-native:network:PrivateEndpoint").map(inputs).find((args) => args.privateEndpointName === "platform-prod-network-vault-endpoint");
        expect(endpoint?.privateLinkServiceConnections[0].groupIds).to.deep.equal(["vault"]);
    });

    it("keys are HSM-backed RSA 3072 with a yearly rotation policy", () => {
        const keys = ofType(prod, "azure-native:keyvault:Key").map(inputs);
        expect(keys.length).to.be.at.least(3);
        for (const key of keys) {
            expect(key.properties.kty).to.equal("RSA-HSM");
            expect(key.properties.keySize).to.equal(3072);
        }
        const rotation = keys.find((key) => key.keyName === "platform-prod-storage-documents-key")!.properties.rotationPolicy;
        expect(rotation.lifetimeActions[0]).to.deep.equal({ trigger: { timeAfterCreate: "P365D" }, action: { type: "rotate" } });
    });

    it("tags every taggable network and data resource with project, environment, tier and managed-by", () => {
        const untagged = ["azure-native:network:SecurityRule", "azure-native:network:Subnet", "azure-native:network:PrivateDnsZoneGroup", "azure-native:authorization:RoleAssignment", "azure-native:authorization:ManagementLockByScope", "azure-native:storage:BlobServiceProperties", "azure-native:storage:ManagementPolicy", "azure-native:storage:BlobContainer", "azure-native:dbforpostgresql:Configuration", "azure-native:dbforpostgresql:Database", "azure-native:redis:PatchSchedule"];
        const ours = /^platform-prod-(network|storage|db|cache)-/;
        const azure = prod.resources.filter((resource) => resource.type.startsWith("azure-native:") && !untagged.includes(resource.type) && ours.test(resource.name));
        expect(azure.length).to.be.above(30);
        for (const resource of azure) {
            expect(inputs(resource).tags, resource.name).to.deep.equal({ project: "platform", environment: "prod", tier: "production-medium", "managed-by": "pulumi" });
        }
    });
});
