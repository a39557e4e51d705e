// The LMS document's search cluster on an existing cluster: the OpenSearch chart in the data
// namespace, stated in the document's numbers (3 data nodes of 8 vCPU / 32 GB, 3 dedicated
// managers in production-large).
import { expect } from "chai";
import { heapOptions, nodeGroups, OPENSEARCH_CHART, searchResources } from "../../providers/kubernetes/search";
import { contractVariables, ContractValues } from "../../providers/kubernetes/environment";
import { SynthResult } from "../../tools/synth";
import { buildTier, inputs, ofType, one } from "../helpers/stacks";

const RELEASE = "kubernetes:helm.sh/v3:Release";

describe("search cluster on an existing cluster: pure functions", () => {
    it("production-large: a manager group of 3 and a data group of 3 x 8 vCPU / 32 GB with 500 GB volumes", () => {
        const groups = nodeGroups({ dataNodes: 3, dedicatedMasters: 3, shape: { vcpus: 8, memoryGb: 32 }, masterShape: { vcpus: 2, memoryGb: 8 }, storageGbPerNode: 500 });
        expect(groups.map((group) => [group.group, group.replicas, group.volume])).to.deep.equal([
            ["manager", 3, "10Gi"],
            ["data", 3, "500Gi"],
        ]);
        expect(groups[1].roles).to.not.include("cluster_manager");
    });

    it("one group holding every role without dedicated managers", () => {
        const groups = nodeGroups({ dataNodes: 3, dedicatedMasters: 0, shape: { vcpus: 2, memoryGb: 8 }, masterShape: { vcpus: 2, memoryGb: 8 }, storageGbPerNode: 100 });
        expect(groups).to.have.length(1);
        expect(groups[0].roles).to.include("cluster_manager");
    });

    it("half the memory for the heap, the whole shape as the limit", () => {
        expect(heapOptions({ vcpus: 8, memoryGb: 32 })).to.equal("-Xms16384m -Xmx16384m");
        expect(searchResources({ vcpus: 8, memoryGb: 32 })).to.deep.equal({ requests: { cpu: "4000m", memory: "32Gi" }, limits: { cpu: "8", memory: "32Gi" } });
    });

    it("SEARCH_URL and SEARCH_CA_FILE join a service's variables only with the cluster", () => {
        const values: ContractValues = {
            database: { host: "db", port: 5432, name: "app", user: "app", password: "p" },
            cache: { host: "cache", port: 6379, password: "t", cluster: false },
            storage: { endpoint: "https://s", bucket: "b", region: "r", accessKey: "a", secretKey: "s" },
            jwtSecret: "j",
            apiKey: "k",
            serviceUrls: {},
        };
        const web = { name: "web", kind: "web", port: 3000, calls: [] } as never;
        expect(contractVariables(web, [web], values)).to.not.have.property("SEARCH_URL");
        const withSearch = contractVariables(web, [web], { ...values, searchUrl: "https://app:x@opensearch-data.data.svc:9200" });
        expect(withSearch).to.include({ SEARCH_URL: "https://app:x@opensearch-data.data.svc:9200", SEARCH_CA_FILE: "/etc/platform/certs/search-ca.pem" });
    });
});

describe("search cluster on an existing cluster: the plan", function () {
    let large: SynthResult;
    before(async () => {
        large = await buildTier("kubernetes", "production-large");
    });

    it("two releases of the pinned chart with the pinned image: 3 managers and 3 data nodes of 8 vCPU / 32 GB", () => {
        const releases = ofType(large, RELEASE).map(inputs).filter((release) => release.chart === "opensearch");
        expect(releases.map((release) => release.version)).to.deep.equal([OPENSEARCH_CHART.version, OPENSEARCH_CHART.version]);
        const data = releases.find((release) => release.values.nodeGroup === "data")!;
        const manager = releases.find((release) => release.values.nodeGroup === "manager")!;
        expect(data.values.replicas).to.equal(3);
        expect(data.values.resources.limits).to.deep.equal({ cpu: "8", memory: "32Gi" });
        expect(data.values.persistence).to.include({ enabled: true, size: "500Gi" });
        expect(manager.values.replicas).to.equal(3);
        expect(manager.values.roles).to.deep.equal(["cluster_manager"]);
        expect(data.values.image.tag).to.equal("2.19.1");
        expect(data.values.config["opensearch.yml"]).to.contain("plugins.security.ssl.http.enabled: true");
    });

    it("only the app namespace reaches 9200 in the data namespace", () => {
        const policy = inputs(one(large, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "data-from-app-search"));
        expect(policy.spec.ingress).to.have.length(1);
        expect(policy.spec.ingress[0].ports).to.deep.equal([{ protocol: "TCP", port: 9200 }]);
        expect(policy.spec.ingress[0].from[0].namespaceSelector.matchLabels).to.have.property("kubernetes.io/metadata.name");
    });
});
