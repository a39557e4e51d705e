// Every implemented cloud returns the same output shape from each component (DESIGN.md).
import { expect } from "chai";
import { implementedClouds } from "../providers";
import { buildTier } from "./helpers/stacks";

const CONTRACT: Record<string, string[]> = {
    network: ["networkId", "zones", "publicSubnetIds", "appSubnetIds", "dataSubnetIds"],
    database: ["host", "port", "database", "username", "passwordSecretRef", "readReplicaHosts", "poolHost", "poolPort"],
    cache: ["host", "port", "tls", "authSecretRef"],
    objectStore: ["bucketName", "url", "region"],
    appFleet: ["url", "loadBalancerHost", "services"],
    observability: ["alertTarget", "logGroups", "dashboards"],
};

describe("component output contract", () => {
    for (const cloud of implementedClouds()) {
        it(`${cloud}: every component exports exactly the contract's keys`, async () => {
            const result = await buildTier(cloud, "production-large");
            for (const [component, keys] of Object.entries(CONTRACT)) {
                expect(Object.keys(result.outputs[component] as object).sort(), component).to.deep.equal([...keys].sort());
            }
            const database = result.outputs.database as { readReplicaHosts: string[]; port: number };
            // Two read replicas: one endpoint each on the clouds; on an existing cluster CloudNativePG's
            // read-only Service, which balances over every standby, is the one stable name.
            expect(database.readReplicaHosts).to.have.length(cloud === "kubernetes" ? 1 : 2);
            expect(database.port).to.equal(5432);
            expect((result.outputs.cache as { tls: boolean }).tls).to.equal(true);
        });
    }
});
