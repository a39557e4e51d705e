// The idea-management document's PgBouncer on AWS: RDS Proxy in front of the primary, TLS only,
// its own role on the application's secret, the pool's numbers mapped onto max_connections, and
// the application's environment pointing at it. Staging (pooling on by default) against
// development (off by default).

import { expect } from "chai";
import { proxyPoolPercents } from "../../providers/aws/pooler";
import { postgresCaUrls } from "../../providers/aws/userData";
import { rdsClassVcpus } from "../../tools/insights/costAws";
import { estimateCost } from "../../tools/insights/cost";
import { diagramDot } from "../../tools/insights/diagram";
import { ServiceEnvironmentConfig } from "../../providers/vm/serviceEnvironment";
import { SynthResult } from "../../tools/synth";
import { bootConfigOf, decodeBase64 } from "../helpers/bootConfig";
import { build, cloudTierConfig, Inputs, inputs, list, ofType, one, statements } from "../helpers/stacks";

// The document's numbers, stated here rather than read from the program.
const POOL_SIZE = 20;
const RESERVE_POOL_SIZE = 5;
const IDLE_TIMEOUT_SECONDS = 600;

const PROXY = "aws:rds/proxy:Proxy";
const TARGET_GROUP = "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup";
const TARGET = "aws:rds/proxyTarget:ProxyTarget";

function environmentOf(result: SynthResult): { config: ServiceEnvironmentConfig; script: string } {
    const script = decodeBase64(inputs(ofType(result, "aws:ec2/launchTemplate:LaunchTemplate")[0]).userData);
    return { config: bootConfigOf(script), script };
}

describe("pooling on AWS: RDS Proxy", function () {
    let staging: SynthResult;
    let development: SynthResult;

    before(async () => {
        staging = await build("pool-aws", cloudTierConfig("aws", "staging"));
        development = await build("pool-aws-dev", cloudTierConfig("aws", "development"));
    });

    it("maps PgBouncer's pool of 20 and reserve of 5 onto max_connections: at most 25 open, at most 20 idle", () => {
        expect(proxyPoolPercents({ poolSize: POOL_SIZE, reservePoolSize: RESERVE_POOL_SIZE }, 100)).to.deep.equal({ maxConnectionsPercent: 25, maxIdleConnectionsPercent: 20 });
        // 25 of 300 is 8.3 %: rounded up so the proxy may open all 25; 20 of 300 is 6.7 %: rounded down so it keeps at most 20 idle.
        expect(proxyPoolPercents({ poolSize: POOL_SIZE, reservePoolSize: RESERVE_POOL_SIZE }, 300)).to.deep.equal({ maxConnectionsPercent: 9, maxIdleConnectionsPercent: 6 });
        expect(proxyPoolPercents({ poolSize: POOL_SIZE, reservePoolSize: RESERVE_POOL_SIZE }, 5000)).to.deep.equal({ maxConnectionsPercent: 1, maxIdleConnectionsPercent: 0 });
        expect(proxyPoolPercents({ poolSize: POOL_SIZE, reservePoolSize: RESERVE_POOL_SIZE }, 20)).to.deep.equal({ maxConnectionsPercent: 100, maxIdleConnectionsPercent: 100 });
    });

    it("prices RDS Proxy on the vCPUs of the instance class behind it", () => {
        expect([rdsClassVcpus("db.t4g.medium"), rdsClassVcpus("db.m6g.large"), rdsClassVcpus("db.m6g.xlarge"), rdsClassVcpus("db.r6g.4xlarge")]).to.deep.equal([2, 2, 4, 16]);
    });

    it("builds one proxy in the data subnets, TLS required, idle clients closed after 600 s, debug logging off", () => {
        const proxy = inputs(one(staging, PROXY));
        expect(proxy.engineFamily).to.equal("POSTGRESQL");
        expect(proxy.requireTls).to.equal(true);
        expect(proxy.idleClientTimeout).to.equal(IDLE_TIMEOUT_SECONDS);
        expect(proxy.debugLogging).to.equal(false);
        expect(proxy.vpcSubnetIds).to.have.length.of.at.least(2);
        expect(proxy.auths).to.have.length(1);
        expect(proxy.auths[0]).to.include({ authScheme: "SECRETS", iamAuth: "DISABLED", clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256" });
        expect(ofType(staging, TARGET)).to.have.length(1);
        expect(ofType(development, PROXY)).to.have.length(0);
    });

    it("opens at most pool + reserve connections of max_connections and keeps at most the pool idle", () => {
        const maxConnections = Number(list(inputs(one(staging, "aws:rds/parameterGroup:ParameterGroup")).parameters).find((p: Inputs) => p.name === "max_connections").value);
        const pool = inputs(one(staging, TARGET_GROUP)).connectionPoolConfig;
        expect(pool.maxConnectionsPercent).to.equal(Math.ceil(((POOL_SIZE + RESERVE_POOL_SIZE) * 100) / maxConnections));
        expect(pool.maxIdleConnectionsPercent).to.equal(Math.floor((POOL_SIZE * 100) / maxConnections));
        expect(pool.connectionBorrowTimeout).to.equal(120);
    });

    it("lets the proxy's role read the application's login and decrypt only through Secrets Manager", () => {
        const policy = ofType(staging, "aws:iam/rolePolicy:RolePolicy").find((r) => r.name.endsWith("-pool-secret-access"))!;
        const [read, decrypt] = statements(inputs(policy).policy);
        expect(read.Action).to.deep.equal(["secretsmanager:GetSecretValue"]);
        expect(list(read.Resource)).to.have.length(1);
        expect(decrypt.Action).to.deep.equal(["kms:Decrypt"]);
        expect(decrypt.Condition?.StringEquals?.["kms:ViaService"]).to.match(/^secretsmanager\..+\.amazonaws\.com$/);
    });

    it("admits the app tier to the proxy and the proxy to the database, on PostgreSQL's port", () => {
        const rules = [...ofType(staging, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), ...ofType(staging, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")];
        const names = rules.filter((r) => /-(pool-in-app|pool-out-db|db-in-pool|app-out-pool)$/.test(r.name));
        expect(names).to.have.length(4);
        for (const rule of names) {
            expect(inputs(rule).fromPort).to.equal(5432);
        }
    });

    it("points DATABASE_URL at the proxy and trusts Amazon's root, which signs the proxy's certificate", () => {
        const { config, script } = environmentOf(staging);
        expect(config.database.pool?.port).to.equal(5432);
        expect(config.database.pool?.host).to.match(/\.proxy-[a-z0-9]+\.[a-z0-9-]+\.rds\.amazonaws\.com$/);
        expect(script).to.contain("https://www.amazontrust.com/repository/AmazonRootCA1.pem");
        expect(postgresCaUrls("us-east-1", false)).to.have.length(1);
        const direct = environmentOf(development);
        expect(direct.config.database.pool).to.equal(undefined);
        expect(direct.script).to.not.contain("AmazonRootCA1");
    });

    it("prices the proxy on its target's vCPUs and draws the fleets reaching the primary through it", () => {
        const estimate = estimateCost(staging);
        const target = estimate.items.find((item) => item.type === TARGET)!;
        expect(target.basis).to.match(/vCPU of db\.\S+ behind RDS Proxy x 730 h x \$0\.015/);
        expect(estimate.free.map((entry) => entry.type)).to.include.members([PROXY, TARGET_GROUP]);
        const proxy = one(staging, PROXY);
        const dot = diagramDot(staging);
        expect(dot).to.include(proxy.name);
        expect(dot).to.include("pooled connections");
    });
});
