// The Azure credentials job on recorded plans: where it runs, what it may touch, what it is told
// and what waits for it. The job's own behaviour is tested in tests/functions/azure*.test.ts.
import { expect } from "chai";
import { gunzipSync } from "zlib";
import { subnetLayout, cidrsOverlap } from "../../config/cidr";
import { bundleFunction } from "../../functions/bundle";
import { credentialsNames, jobSubnetCidr } from "../../providers/azure/credentials";
import { derivedNameProblems } from "../../providers/azure/alertRules";
import { build, inputs, Inputs, ofType, one, tierConfig } from "../helpers/stacks";
import { RecordedResource, SynthResult } from "../../tools/synth";

const AZURE = { cloud: "azure", region: "eastus" };
const medium = () => build("azure-prod", tierConfig("production-medium", AZURE));

const JOB = "azure-native:containerinstance:ContainerGroup";
const ROLE = "azure-native:authorization:RoleAssignment";
const SECRET = "azure-native:keyvault:Secret";
const SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
const SECRETS_OFFICER = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

function idOf(resource: RecordedResource): string {
    return `${resource.name}-id`;
}

function environmentOf(job: Inputs): Record<string, string> {
    return Object.fromEntries(job.containers[0].environmentVariables.map((variable: Inputs) => [variable.name, variable.value]));
}

/** The application's login secret, named by the database component. */
function appSecretName(result: SynthResult): string {
    return environmentOf(inputs(one(result, JOB))).APP_DB_SECRET_NAME;
}

function secretNamed(result: SynthResult, name: string): RecordedResource {
    const found = ofType(result, SECRET).filter((secret) => inputs(secret).secretName === name);
    expect(found, name).to.have.length(1);
    return found[0];
}

describe("Azure credentials job", () => {
    it("runs once on creation and stays up for the rotation: a pinned Node.js image, restarted only on failure", async () => {
        const job = inputs(one(await medium(), JOB));
        expect(job).to.deep.include({ osType: "Linux", restartPolicy: "OnFailure" });
        expect(job.containers).to.have.length(1);
        expect(job.containers[0].image).to.match(/^docker\.io\/library\/node:22\.\d+\.\d+-alpine\d/);
        expect(job.ipAddress, "nothing connects to it").to.equal(undefined);
    });

    it("runs the bundled job, shipped gzipped in a secret volume", async () => {
        const job = inputs(one(await medium(), JOB));
        const volume = job.volumes.find((entry: Inputs) => entry.name === "code");
        const code = gunzipSync(Buffer.from(volume.secret["job.js.gz"], "base64")).toString();
        expect(code).to.equal(bundleFunction("functions/azure/job.ts"));
        expect(job.containers[0].command.join(" ")).to.contain("exec node /tmp/job.js");
    });

    it("is told the database, the secrets and the 30-day rotation", async () => {
        const result = await medium();
        const env = environmentOf(inputs(one(result, JOB)));
        expect(env).to.deep.include({ DB_PORT: "5432", DB_OWNER: "app", DB_EXTENSIONS: "uuid-ossp,pg_trgm", ROTATION_DAYS: "30" });
        expect(env.APP_DB_SECRET_NAME).to.match(/-db-app$/);
        expect(JSON.parse(env.GENERATED_VAULT_ITEMS)).to.deep.equal([
            { name: "jwt-secret", length: 64 },
            { name: "api-key", length: 40 },
        ]);
        expect(env.KEY_VAULT_URL).to.match(/^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/$/);
        expect(env.DB_HOST).to.match(/\.postgres\.database\.azure\.com$/);
        const identity = one(result, "azure-native:managedidentity:UserAssignedIdentity", "-credentials-identity");
        expect(inputs(one(result, JOB)).identity).to.deep.equal({ type: "UserAssigned", userAssignedIdentities: [idOf(identity)] });
    });

    it("may read the administrator's password and write the application's three secrets, nothing else", async () => {
        const result = await medium();
        const identity = one(result, "azure-native:managedidentity:UserAssignedIdentity", "-credentials-identity");
        const principal = inputs(ofType(result, ROLE).find((role) => role.name.includes("-credentials-"))!).principalId;
        const grants = ofType(result, ROLE)
            .map(inputs)
            .filter((role) => role.principalId === principal)
            .map((role) => [role.roleDefinitionId.split("/").pop(), role.scope])
            .sort();
        expect(identity.name).to.contain("credentials");
        const admin = ofType(result, SECRET).find((secret) => secret.name.endsWith("-db-admin-secret"))!;
        expect(grants).to.deep.equal(
            [
                [SECRETS_USER, idOf(admin)],
                [SECRETS_OFFICER, idOf(secretNamed(result, appSecretName(result)))],
                [SECRETS_OFFICER, idOf(secretNamed(result, "jwt-secret"))],
                [SECRETS_OFFICER, idOf(secretNamed(result, "api-key"))],
            ].sort(),
        );
    });

    it("creates the secrets it writes as disabled placeholders holding no credential", async () => {
        const result = await medium();
        for (const name of [appSecretName(result), "jwt-secret", "api-key"]) {
            const properties = inputs(secretNamed(result, name)).properties;
            expect(properties.attributes, name).to.deep.equal({ enabled: false });
            expect(properties.value, "kept as a secret").to.equal("[secret]");
            expect(properties.contentType).to.be.a("string");
        }
    });

    it("runs in a delegated /27 of its own, behind NAT, admitted by the database and endpoint subnets on their ports only", async () => {
        const result = await medium();
        const subnet = inputs(one(result, "azure-native:network:Subnet", "-credentials-subnet"));
        expect(subnet.addressPrefix).to.equal("10.0.255.224/27");
        expect(subnet.delegations).to.deep.equal([{ name: "container-groups", serviceName: "Microsoft.ContainerInstance/containerGroups" }]);
        expect(subnet.natGateway).to.deep.equal({ id: idOf(one(result, "azure-native:network:NatGateway")) });
        expect(subnet.defaultOutboundAccess).to.equal(false);
        const others = ofType(result, "azure-native:network:Subnet").filter((entry) => !entry.name.endsWith("-credentials-subnet"));
        for (const other of others) {
            expect(cidrsOverlap(inputs(other).addressPrefix, subnet.addressPrefix), other.name).to.equal(false);
        }
        const rules = inputs(one(result, "azure-native:network:NetworkSecurityGroup", "-credentials-nsg")).securityRules;
        expect(rules.find((rule: Inputs) => rule.name === "deny-all-inbound")).to.deep.include({ direction: "Inbound", access: "Deny" });
        expect(rules.find((rule: Inputs) => rule.name === "postgres")).to.deep.include({ direction: "Outbound", destinationPortRange: "5432", destinationAddressPrefix: "10.0.20.0/24" });
        expect(inputs(one(result, "azure-native:network:SecurityRule", "-db-credentials-postgres"))).to.deep.include({
            sourceAddressPrefix: "10.0.255.224/27",
            destinationPortRange: "5432",
            access: "Allow",
        });
        expect(inputs(one(result, "azure-native:network:SecurityRule", "-endpoints-credentials-https"))).to.deep.include({ sourceAddressPrefix: "10.0.255.224/27", destinationPortRange: "443" });
    });

    it("starts after its grants and the database, and every scale set waits for it", async () => {
        const result = await medium();
        const job = one(result, JOB);
        expect(job.dependsOn.filter((urn) => urn.includes("authorization:RoleAssignment::") && urn.includes("-credentials-"))).to.have.length(4);
        expect(job.dependsOn.some((urn) => urn.includes("dbforpostgresql:Server::"))).to.equal(true);
        for (const set of ofType(result, "azure-native:compute:VirtualMachineScaleSet")) {
            expect(set.dependsOn, set.name).to.include(job.urn);
        }
    });

    it("names its container group as Azure accepts, and says which stack names it would refuse", async () => {
        expect(inputs(one(await medium(), JOB)).containerGroupName).to.equal("platform-azure-prod-credentials");
        expect(derivedNameProblems(Object.values(credentialsNames("platform-prod")))).to.deep.equal([]);
        const long = `platform-${"x".repeat(50)}`;
        expect(derivedNameProblems(Object.values(credentialsNames(long)))).to.deep.equal([
            `credentials container group name "${long}-credentials" is 71 characters; Azure accepts at most 63: shorten the stack name`,
        ]);
        expect(derivedNameProblems(Object.values(credentialsNames("Platform--prod")))).to.have.length(1);
    });

    it("takes the last /27 of any network, outside every zone's /24 blocks", () => {
        expect(jobSubnetCidr("10.0.0.0/16")).to.equal("10.0.255.224/27");
        expect(jobSubnetCidr("172.16.32.0/19")).to.equal("172.16.63.224/27");
        for (const block of subnetLayout("172.16.32.0/19", 9)) {
            for (const cidr of [block.publicCidr, block.appCidr, block.dataCidr]) {
                expect(cidrsOverlap(cidr, "172.16.63.224/27"), cidr).to.equal(false);
            }
        }
    });
});
