// The LMS document's search cluster ("Elasticsearch 8 vCPUs, 32 GB RAM x 3, for search and
// analytics") on every cloud, read from what the offline engine recorded. The numbers are the
// document's, written here: 3 data nodes of 8 vCPU / 32 GB and, in production-large, 3
// dedicated cluster managers.
import { expect } from "chai";
import { searchDomainNameFor, zoneAwareness } from "../providers/aws/search";
import { searchInstanceTypeFor } from "../providers/aws/sizes";
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

    it("8 vCPU / 32 GB is a Graviton m7g.2xlarge.search", () => {
        expect(searchInstanceTypeFor({ vcpus: 8, memoryGb: 32 })).to.equal("m7g.2xlarge.search");
        expect(() => searchInstanceTypeFor({ vcpus: 3, memoryGb: 5 })).to.throw(/No AWS OpenSearch instance type/);
    });
});

describe("search cluster on AWS: an OpenSearch Service domain", function () {
    let large: SynthResult;
    let staging: SynthResult;
    before(async () => {
        large = await build("search-aws-large", cloudTierConfig("aws", "production-large", { search: { shipLogs: true } }));
        staging = await buildTier("aws", "staging");
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

    it("off by default below production-large", () => {
        expect(ofType(staging, DOMAIN)).to.have.length(0);
    });
});
