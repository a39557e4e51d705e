// Kubernetes sizing against the documents' own pods and quota, stated here rather than read
// from the table the program uses.
import { expect } from "chai";
import { clusterSizing, podResources, quotaProblems } from "../tiers/kubernetes";
import { TIERS } from "../tiers/table";

describe("tiers: Kubernetes pods, quota and node pool", () => {
    it("gives the LMS document's production pod for its 8 vCPU / 32 GB app server", () => {
        // requests 2 CPU / 4Gi, limits 4 CPU / 8Gi (k8s/production-resources.yaml)
        expect(podResources({ vcpus: 8, memoryGb: 32 })).to.deep.equal({
            requests: { cpu: "2000m", memory: "4096Mi" },
            limits: { cpu: "4000m", memory: "8192Mi" },
        });
    });

    it("gives the idea-management document's API pod for its 2 vCPU server", () => {
        // requests 500m / 1Gi, limits 1000m / 2Gi
        expect(podResources({ vcpus: 2, memoryGb: 4 })).to.deep.equal({
            requests: { cpu: "500m", memory: "1024Mi" },
            limits: { cpu: "1000m", memory: "2048Mi" },
        });
    });

    it("holds production-large to the LMS document's ResourceQuota", () => {
        expect(TIERS["production-large"].quota).to.deep.equal({ requestsCpu: 100, requestsMemoryGi: 200, limitsCpu: 200, limitsMemoryGi: 400, persistentVolumeClaims: 10 });
    });

    it("refuses services whose maximum replicas would not fit the namespace quota, naming them", () => {
        const pod = podResources({ vcpus: 8, memoryGb: 32 });
        expect(quotaProblems([{ name: "web", maxReplicas: 10, pod }], TIERS["production-large"].quota, "production-large")).to.deep.equal([]);
        const [problem] = quotaProblems([{ name: "web", maxReplicas: 60, pod }], TIERS["production-large"].quota, "production-large");
        expect(problem).to.contain("platform:services").and.contain("web (max 60)").and.contain("limits.cpu 240 > 200");
    });

    it("sizes the node pool: one node per zone at least, room for every maximum plus a node per zone", () => {
        const pod = podResources({ vcpus: 2, memoryGb: 4 });
        // 2 x 500m and 2 x 1Gi on 2 vCPU / 4 GB nodes (1.5 vCPU / 2.5 GiB allocatable).
        expect(clusterSizing([{ minReplicas: 1, maxReplicas: 2, pod }, { minReplicas: 1, maxReplicas: 2, pod }], { vcpus: 2, memoryGb: 4 }, 2)).to.deep.equal({
            nodeShape: { vcpus: 2, memoryGb: 4 },
            minNodes: 2,
            maxNodes: 4,
        });
        // 10 x 2 CPU / 4Gi on 8 vCPU / 32 GB nodes: 20 CPU over 7.5 allocatable = 3 nodes, plus 3.
        expect(clusterSizing([{ minReplicas: 5, maxReplicas: 10, pod: podResources({ vcpus: 8, memoryGb: 32 }) }], { vcpus: 8, memoryGb: 32 }, 3)).to.deep.equal({
            nodeShape: { vcpus: 8, memoryGb: 32 },
            minNodes: 3,
            maxNodes: 6,
        });
    });
});
