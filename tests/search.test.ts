// The LMS document's search cluster ("Elasticsearch 8 vCPUs, 32 GB RAM x 3, for search and
// analytics") on every cloud, read from what the offline engine recorded. The numbers are the
// document's, written here: 3 data nodes of 8 vCPU / 32 GB and, in production-large, 3
// dedicated cluster managers.
import { expect } from "chai";
import { dataNodeCount, searchDomainNameFor, zoneAwareness } from "../providers/aws/search";
import { searchInstanceTypeFor } from "../providers/aws/sizes";
import { initialManagers, openSearchConfig, searchBootScript, searchNodes } from "../providers/vm/searchNode";
import { SynthResult } from "../tools/synth";
import { build, buildTier, cloudTierConfig, inputs, ofType, one, statements } from "./helpers/stacks";

const DOMAIN = "aws:opensearch/domain:Domain";

describe("search cluster: pure functions", () => {
    it("names the domain within OpenSearch's 28 characters, a letter first, stable for a long platform name", () => {
        expect(searchDomainNameFor("platform-prod")).to.equal("platform-prod-search");
        const long = searchDomainNameFor("acme-learning-management-production");
        expect(long).to.have.length.at.most(28);
        expect(long).to.match(/^[a-z][a-z0-9-]+$/);
        expect(searchDomainNameFor("acme-learning-management-production")).to.equal(long);
        expect(searchDomainNameFor("9lives")).to.match(/^[a-z]/);
    });

    it("zone awareness over 2 or 3 zones, none for one", () => {
        expect(zoneAwareness(1)).to.deep.equal({ zoneAwarenessEnabled: false });
        expect(zoneAwareness(3)).to.deep.equal({ zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: 3 } });
    });

    it("a two-zone domain gets an even number of data nodes, as OpenSearch Service requires", () => {
        expect(dataNodeCount(3, 2)).to.equal(4);
        expect(dataNodeCount(3, 3)).to.equal(3);
        expect(dataNodeCount(1, 1)).to.equal(1);
    });

    it("8 vCPU / 32 GB is a Graviton m7g.2xlarge.search", () => {
        expect(searchInstanceTypeFor({ vcpus: 8, memoryGb: 32 })).to.equal("m7g.2xlarge.search");
        expect(() => searchInstanceTypeFor({ vcpus: 3, memoryGb: 5 })).to.throw(/No AWS OpenSearch instance type/);
    });
});

describe("search cluster: the self-run nodes' plan and boot script (GCP, Azure)", () => {
    const bootParams = {
        clusterName: "platform-prod",
        seedHosts: ["10.0.1.10", "10.0.1.11"],
        initialManagers: ["manager-1", "manager-2", "manager-3"],
        secretReader: ["read-secret", "{ref}"],
        secrets: { adminPassword: "ref/admin", appPassword: "ref/app", nodeKey: "ref/key" },
        caPem: "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----",
        nodeCertPem: "-----BEGIN CERTIFICATE-----\nnode\n-----END CERTIFICATE-----",
        nodeDn: "CN=search.platform-prod.internal,O=platform-prod",
        dataDevice: "/dev/disk/by-id/google-search-data",
    };

    it("production-large: 3 data nodes and 3 dedicated managers, round-robin over 3 zones; the managers alone vote", () => {
        const nodes = searchNodes({ dataNodes: 3, dedicatedMasters: 3, zones: 3 });
        expect(nodes.map((node) => node.name)).to.deep.equal(["data-1", "data-2", "data-3", "manager-1", "manager-2", "manager-3"]);
        expect(nodes.filter((node) => node.kind === "data").map((node) => node.zoneIndex)).to.deep.equal([0, 1, 2]);
        expect(nodes.find((node) => node.name === "data-1")!.roles).to.not.include("cluster_manager");
        expect(initialManagers(nodes)).to.deep.equal(["manager-1", "manager-2", "manager-3"]);
    });

    it("without dedicated managers every data node is manager-eligible", () => {
        const nodes = searchNodes({ dataNodes: 3, dedicatedMasters: 0, zones: 2 });
        expect(initialManagers(nodes)).to.deep.equal(["data-1", "data-2", "data-3"]);
        expect(nodes.map((node) => node.zoneIndex)).to.deep.equal([0, 1, 0]);
    });

    it("TLS 1.2+ on HTTP and transport, the security plugin initialised from files, zone awareness", () => {
        const config = openSearchConfig({ ...bootParams, node: searchNodes({ dataNodes: 3, dedicatedMasters: 3, zones: 3 })[1] });
        expect(config).to.contain('node.roles: ["data", "ingest"]');
        expect(config).to.contain('plugins.security.ssl.http.enabled_protocols: ["TLSv1.3", "TLSv1.2"]');
        expect(config).to.contain("plugins.security.ssl.http.enabled: true");
        expect(config).to.contain('cluster.initial_cluster_manager_nodes: ["manager-1", "manager-2", "manager-3"]');
        expect(config).to.contain('node.attr.zone: "zone-2"');
    });

    it("the boot script installs the pinned release checked against its SHA-512 and reads secrets by reference only", () => {
        const script = searchBootScript({ ...bootParams, node: searchNodes({ dataNodes: 1, dedicatedMasters: 0, zones: 1 })[0] });
        expect(script).to.contain("opensearch/2.19.1/opensearch-2.19.1-linux-$ARCH.tar.gz");
        expect(script).to.contain("sha512sum -c");
        expect(script).to.contain("'read-secret' 'ref/app'");
        expect(script).to.match(/mkfs\.ext4 .*"\$DEVICE"/);
        expect(script).to.not.match(/install_demo_configuration/);
    });
});

describe("search cluster on AWS: an OpenSearch Service domain", function () {
    let large: SynthResult;
    before(async () => {
        large = await build("search-aws-large", cloudTierConfig("aws", "production-large", { search: { shipLogs: true } }));
    });

    it("production-large: 3 data nodes of 8 vCPU / 32 GB and 3 dedicated managers over 3 zones", () => {
        const cluster = inputs(one(large, DOMAIN)).clusterConfig;
        expect(cluster.instanceCount).to.equal(3);
        expect(cluster.instanceType).to.equal("m7g.2xlarge.search");
        expect(cluster.dedicatedMasterEnabled).to.equal(true);
        expect(cluster.dedicatedMasterCount).to.equal(3);
        expect(cluster.zoneAwarenessEnabled).to.equal(true);
        expect(cluster.zoneAwarenessConfig.availabilityZoneCount).to.equal(3);
        expect(inputs(one(large, DOMAIN)).vpcOptions.subnetIds).to.have.length(3);
    });

    it("encrypted with the platform's key, TLS 1.2 only, fine-grained access keyed to IAM, latest 2.x engine", () => {
        const domain = inputs(one(large, DOMAIN));
        expect(domain.engineVersion).to.equal("OpenSearch_2.19");
        expect(domain.encryptAtRest.enabled).to.equal(true);
        expect(domain.encryptAtRest.kmsKeyId).to.be.a("string").and.not.equal("");
        expect(domain.nodeToNodeEncryption.enabled).to.equal(true);
        expect(domain.domainEndpointOptions).to.deep.equal({ enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" });
        expect(domain.advancedSecurityOptions.enabled).to.equal(true);
        expect(domain.advancedSecurityOptions.internalUserDatabaseEnabled).to.equal(false);
        expect(domain.ebsOptions).to.include({ volumeType: "gp3", volumeSize: 500 });
        expect(domain.logPublishingOptions.map((option: { logType: string }) => option.logType).sort()).to.deep.equal(["AUDIT_LOGS", "ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"]);
    });

    it("the access policy admits only this platform's tagged roles; only the app tier reaches 443", () => {
        const [statement] = statements(inputs(one(large, "aws:opensearch/domainPolicy:DomainPolicy")).accessPolicies);
        expect(statement.Condition!.StringEquals).to.include({ "aws:PrincipalTag/environment": "search-aws-large" });
        expect(statement.Action).to.not.include("es:*");
        const rules = ofType(large, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(inputs).filter((rule) => rule.securityGroupId === "platform-search-aws-large-search-search-sg-id");
        expect(rules.map((rule) => rule.fromPort)).to.deep.equal([443, 443]);
        expect(rules.every((rule) => rule.referencedSecurityGroupId && !rule.cidrIpv4)).to.equal(true);
    });

    it("shipLogs: the services' log groups feed a Firehose stream into the domain, failed documents kept encrypted", () => {
        const stream = inputs(one(large, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"));
        expect(stream.destination).to.equal("opensearch");
        expect(stream.opensearchConfiguration.s3BackupMode).to.equal("FailedDocumentsOnly");
        expect(stream.opensearchConfiguration.vpcConfig.subnetIds).to.have.length(3);
        expect(ofType(large, "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter")).to.have.length.above(0);
    });

    it("SEARCH_URL is the domain's HTTPS endpoint, without credentials: requests are signed with the service's role", () => {
        const template = ofType(large, "aws:ec2/launchTemplate:LaunchTemplate").find((candidate) => !candidate.name.endsWith("bastion-template"))!;
        const script = Buffer.from(inputs(template).userData, "base64").toString("utf8");
        const url = /"SEARCH_URL":\s*"([^"]+)"/.exec(script);
        expect(url, "SEARCH_URL in the instance's plain variables").to.not.equal(null);
        expect(url![1]).to.match(/^https:\/\/[^@/]+$/);
    });
});

describe("search cluster on GCP: OpenSearch on Compute Engine", function () {
    let gcp: SynthResult;
    before(async () => {
        gcp = await buildTier("gcp", "production-large");
    });

    it("production-large: 3 data nodes of 8 vCPU / 32 GB and 3 managers, one per zone, each with a 500 GB CMEK disk", () => {
        const nodes = ofType(gcp, "gcp:compute/instance:Instance").map(inputs).filter((vm) => vm.labels?.["search-node"]);
        const data = nodes.filter((vm) => vm.labels["search-node"] === "data");
        const managers = nodes.filter((vm) => vm.labels["search-node"] === "manager");
        expect(data.map((vm) => vm.machineType)).to.deep.equal(["n2-standard-8", "n2-standard-8", "n2-standard-8"]);
        expect(managers).to.have.length(3);
        expect(new Set(data.map((vm) => vm.zone)).size).to.equal(3);
        expect(nodes.every((vm) => vm.networkInterfaces.every((nic: { accessConfigs?: unknown[] }) => !nic.accessConfigs?.length))).to.equal(true);
        expect(nodes.every((vm) => vm.bootDisk.kmsKeySelfLink)).to.not.equal(false);
        const disks = ofType(gcp, "gcp:compute/disk:Disk").map(inputs);
        expect(disks.filter((disk) => disk.size === 500)).to.have.length(3);
        expect(disks.every((disk) => disk.type === "pd-ssd" && disk.diskEncryptionKey?.kmsKeySelfLink)).to.equal(true);
    });

    it("an internal load balancer on 9200 named in a private zone; only the app tier's ranges reach 9200", () => {
        const rule = inputs(one(gcp, "gcp:compute/forwardingRule:ForwardingRule", "search-lb"));
        expect(rule).to.include({ loadBalancingScheme: "INTERNAL" });
        expect(rule.ports).to.deep.equal(["9200"]);
        expect(inputs(one(gcp, "gcp:dns/managedZone:ManagedZone", "search-zone"))).to.include({ visibility: "private", dnsName: "search.platform-t-production-large.internal." });
        const fromApp = inputs(one(gcp, "gcp:compute/firewall:Firewall", "fw-search-from-app"));
        expect(fromApp.allows).to.deep.equal([{ protocol: "tcp", ports: ["9200"] }]);
        expect(fromApp.sourceRanges).to.not.include("0.0.0.0/0");
    });
});

describe("search cluster on Azure: OpenSearch on VMs", function () {
    let azure: SynthResult;
    before(async () => {
        azure = await buildTier("azure", "production-large");
    });

    it("production-large: 3 data VMs of 8 vCPU / 32 GB and 3 managers over the zones, disks under the platform's key", () => {
        const vms = ofType(azure, "azure-native:compute:VirtualMachine").map(inputs);
        const data = vms.filter((vm) => vm.tags["search-node"] === "data");
        expect(data.map((vm) => vm.hardwareProfile.vmSize)).to.deep.equal(["Standard_D8s_v5", "Standard_D8s_v5", "Standard_D8s_v5"]);
        expect(vms.filter((vm) => vm.tags["search-node"] === "manager")).to.have.length(3);
        expect(new Set(data.map((vm) => vm.zones[0])).size).to.equal(3);
        expect(vms.every((vm) => vm.osProfile.linuxConfiguration.disablePasswordAuthentication === true)).to.equal(true);
        const disks = ofType(azure, "azure-native:compute:Disk").map(inputs);
        expect(disks.filter((disk) => disk.diskSizeGB === 500)).to.have.length(3);
        expect(disks.every((disk) => disk.encryption.type === "EncryptionAtRestWithCustomerKey" && disk.networkAccessPolicy === "DenyAll")).to.equal(true);
    });

    it("no public address; an internal load balancer probing 9200; the app subnet admits 9200 from the app range only", () => {
        expect(ofType(azure, "azure-native:network:NetworkInterface").map(inputs).every((nic) => nic.ipConfigurations.every((config: { publicIPAddress?: unknown }) => !config.publicIPAddress))).to.equal(true);
        const lb = inputs(one(azure, "azure-native:network:LoadBalancer", "search-lb"));
        expect(lb.frontendIPConfigurations[0]).to.not.have.property("publicIPAddress");
        expect(lb.probes[0]).to.include({ protocol: "Tcp", port: 9200 });
        const api = inputs(one(azure, "azure-native:network:SecurityRule", "app-search-api"));
        expect(api).to.include({ destinationPortRange: "9200", access: "Allow", direction: "Inbound" });
        expect(api.sourceAddressPrefix).to.match(/^10\./);
    });
});
