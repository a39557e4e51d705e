// The idea-management document's PgBouncer on an existing cluster: a CloudNativePG Pooler in
// transaction mode in front of the read-write Service (20 connections, 5 in reserve, 600 s idle
// timeout; two pods where data is protected), with a certificate the platform CA signs for its
// Service, and the contract pointing at it while the read URLs stay on the read-only Service.

import { expect } from "chai";
import { parseConfig } from "../../config";
import { contractVariables, ContractValues } from "../../providers/kubernetes/environment";
import { poolerNameFor, poolerSpec, POOLER_PORT } from "../../providers/kubernetes/pooler";
import { resolvePlatformSpec } from "../../tiers";
import { SynthResult } from "../../tools/synth";
import { build, cloudTierConfig, inputs, ofType } from "../helpers/stacks";
import { customResources } from "./dataStacks";

describe("pooling on an existing cluster: CloudNativePG's Pooler", function () {
    let staging: SynthResult;
    let direct: SynthResult;

    before(async () => {
        staging = await build("pool-k8s", cloudTierConfig("kubernetes", "staging"));
        direct = await build("pool-k8s-off", cloudTierConfig("kubernetes", "staging", { pooling: false }));
    });

    it("states the document's pool: transaction mode, 20 connections, 5 in reserve, 600 s idle timeout, 2 pods where data is protected", () => {
        const pooling = { enabled: true, mode: "transaction" as const, poolSize: 20, reservePoolSize: 5, idleTimeoutSeconds: 600 };
        const spec = poolerSpec({ pooling, clusterName: "db", instances: 2, clientTLSSecret: "tls", clientCASecret: "ca", labels: {} });
        expect(spec).to.deep.include({ cluster: { name: "db" }, instances: 2, type: "rw" });
        expect(spec.pgbouncer).to.deep.include({
            poolMode: "transaction",
            parameters: { default_pool_size: "20", reserve_pool_size: "5", server_idle_timeout: "600" },
            clientTLSSecret: { name: "tls" },
        });
        expect(poolerNameFor("platform-k-staging-db")).to.not.equal("platform-k-staging-db");
    });

    it("builds one Pooler on the cluster's read-write Service with its own certificate, one pod outside production", () => {
        const [pooler] = customResources(staging, "Pooler");
        const spec = inputs(pooler).spec;
        const cluster = inputs(customResources(staging, "Cluster")[0]);
        expect(spec.cluster.name).to.equal(cluster.metadata.name);
        expect(spec.type).to.equal("rw");
        expect(spec.instances).to.equal(1);
        expect(spec.pgbouncer.parameters).to.deep.equal({ default_pool_size: "20", reserve_pool_size: "5", server_idle_timeout: "600" });
        const tlsSecrets = ofType(staging, "kubernetes:core/v1:Secret").map((r) => inputs(r).metadata.name);
        expect(tlsSecrets).to.include.members([spec.pgbouncer.clientTLSSecret.name, spec.pgbouncer.clientCASecret.name]);
        expect(customResources(direct, "Pooler")).to.have.length(0);
    });

    it("points DATABASE_URL, PGHOST and PGPORT at the pooler and DATABASE_READ_URLS at the read-only Service", () => {
        const services = resolvePlatformSpec(parseConfig(cloudTierConfig("kubernetes", "staging")), "platform", "s").appFleet.services;
        const values: ContractValues = {
            database: { host: "db-rw.data.svc", readHost: "db-ro.data.svc", port: 5432, name: "app", user: "app_blue", password: "pw", pool: { host: "db-pool-rw.data.svc", port: POOLER_PORT } },
            cache: { host: "cache.data.svc", port: 6379, password: "r", cluster: false },
            storage: { endpoint: "https://s.data.svc", bucket: "b", region: "us-east-1", accessKey: "A", secretKey: "S" },
            jwtSecret: "j",
            apiKey: "k",
            serviceUrls: {},
        };
        const env = contractVariables(services[0], services, values);
        expect(env.DATABASE_URL).to.contain("@db-pool-rw.data.svc:5432/app?sslmode=verify-full");
        expect(env).to.include({ PGHOST: "db-pool-rw.data.svc", PGPORT: "5432" });
        expect(env.DATABASE_READ_URLS).to.contain("@db-ro.data.svc:5432/");
    });
});
