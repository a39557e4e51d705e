// The LMS document's VPN gateway (`vpn.enabled`), with a peer, on AWS, GCP and Azure: what each
// plan builds, the tunnels' proposals and keys, and the pure rules behind them.
import { expect } from "chai";
import { parseConfig } from "../config";
import { cidrsOverlap, subnetLayout } from "../config/cidr";
import { AMAZON_SIDE_ASN, vpnProblems as awsVpnProblems } from "../providers/aws/vpn";
import { dumpSubnetCidr } from "../providers/azure/backups";
import { jobSubnetCidr } from "../providers/azure/credentials";
import { subnetPlan } from "../providers/azure/network";
import { IPSEC_POLICY, vpnProblems as azureVpnProblems } from "../providers/azure/vpn";
import { bgpAddresses, ROUTER_ASN, vpnProblems as gcpVpnProblems } from "../providers/gcp/vpn";
import { PRESHARED_KEY_LENGTH, STRONG_DH_GROUPS, usesStaticRoutes } from "../providers/tunnels";
import { resolvePlatformSpec } from "../tiers";
import { evaluatePolicies, PlannedResource } from "../tools/policy";
import { build, cloudTierConfig, inputs, ofType, one } from "./helpers/stacks";

const PEER = { enabled: true, peerAddress: "93.184.216.34", peerCidrs: ["192.168.0.0/16", "172.16.0.0/20"] };
const stack = (cloud: string) => build(`vpn-${cloud}`, cloudTierConfig(cloud, "production-small", { vpn: PEER }));
/** Mandatory violations of the pack at the stack's tier, as readable lines. */
async function mandatory(result: Awaited<ReturnType<typeof stack>>): Promise<string[]> {
    const violations = await evaluatePolicies(result.resources as unknown as PlannedResource[], { tier: "production-small" });
    return violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.name}: ${v.message}`);
}
const count = (result: Awaited<ReturnType<typeof stack>>, type: string) => ofType(result, type).length;

describe("vpn: pure rules", () => {
    it("offers only DH groups 14-21 and generates 48-letter keys", () => {
        expect([...STRONG_DH_GROUPS]).to.deep.equal([14, 15, 16, 17, 18, 19, 20, 21]);
        expect(PRESHARED_KEY_LENGTH).to.equal(48);
        expect(usesStaticRoutes(["192.168.0.0/16"])).to.equal(true);
        expect(usesStaticRoutes([])).to.equal(false);
    });

    it("gives each GCP tunnel its own link-local /30 for BGP", () => {
        expect(bgpAddresses(1)).to.deep.equal({ router: "169.254.11.1", peer: "169.254.11.2", range: "169.254.11.1/30" });
        expect(bgpAddresses(2).range).to.equal("169.254.12.1/30");
    });

    it("refuses a peer ASN the cloud side uses, and an Azure peer without ranges, naming the key", () => {
        const spec = (vpn: Record<string, unknown>) => resolvePlatformSpec(parseConfig({ ...cloudTierConfig("aws", "staging"), vpn }), "platform", "vpn");
        expect(awsVpnProblems(spec({ ...PEER, peerAsn: AMAZON_SIDE_ASN }))[0]).to.match(/^platform:vpn\.peerAsn: 64512 is the AWS side's ASN/);
        expect(gcpVpnProblems(spec({ ...PEER, peerAsn: ROUTER_ASN }))[0]).to.match(/^platform:vpn\.peerAsn: 64514 is the Cloud Router's ASN/);
        expect(azureVpnProblems(spec({ ...PEER, peerCidrs: [] }))[0]).to.match(/^platform:vpn\.peerCidrs: \[\] on azure/);
        expect([...awsVpnProblems(spec(PEER)), ...gcpVpnProblems(spec(PEER)), ...azureVpnProblems(spec(PEER))]).to.deep.equal([]);
    });

    it("carves Azure's GatewaySubnet and the dump subnet from block 0, clear of every other range", () => {
        for (const [cidr, zones] of [["10.0.0.0/16", 3], ["10.20.0.0/19", 1], ["172.16.0.0/18", 2]] as const) {
            const network = { cidr, zones, subnets: subnetLayout(cidr, zones), adminCidrs: [] } as unknown as Parameters<typeof subnetPlan>[0];
            const plan = subnetPlan(network);
            const base = cidr.split("/")[0];
            expect(plan.vpnGateway).to.equal(`${base}/27`);
            const others = [plan.gateway, plan.app, plan.database, plan.endpoints, plan.bastion, jobSubnetCidr(cidr), dumpSubnetCidr(cidr)].filter((c): c is string => !!c);
            for (const other of others) {
                expect(cidrsOverlap(plan.vpnGateway, other), `${plan.vpnGateway} vs ${other}`).to.equal(false);
            }
            expect(cidrsOverlap(dumpSubnetCidr(cidr), jobSubnetCidr(cidr))).to.equal(false);
        }
    });
});

describe("vpn: AWS with a peer", () => {
    it("attaches a gateway to the VPC and propagates into the app and data route tables", async () => {
        const result = await stack("aws");
        expect(inputs(one(result, "aws:ec2/vpnGateway:VpnGateway")).amazonSideAsn).to.equal("64512");
        // Two app route tables (one per zone) and the data route table.
        expect(count(result, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation")).to.equal(3);
        const peer = inputs(one(result, "aws:ec2/customerGateway:CustomerGateway"));
        expect(peer).to.include({ bgpAsn: "65000", ipAddress: "93.184.216.34", type: "ipsec.1" });
    });

    it("builds one connection with static routes per peer range and strong, generated, logged tunnels", async () => {
        const result = await stack("aws");
        const connection = inputs(one(result, "aws:ec2/vpnConnection:VpnConnection"));
        expect(connection.staticRoutesOnly).to.equal(true);
        expect(ofType(result, "aws:ec2/vpnConnectionRoute:VpnConnectionRoute").map((route) => inputs(route).destinationCidrBlock)).to.have.members(PEER.peerCidrs);
        for (const tunnel of [1, 2]) {
            expect(connection[`tunnel${tunnel}IkeVersions`]).to.deep.equal(["ikev2"]);
            expect(connection[`tunnel${tunnel}Phase1EncryptionAlgorithms`]).to.deep.equal(["AES256", "AES256-GCM-16"]);
            expect(connection[`tunnel${tunnel}Phase2IntegrityAlgorithms`]).to.deep.equal(["SHA2-256", "SHA2-384", "SHA2-512"]);
            expect(Math.min(...connection[`tunnel${tunnel}Phase1DhGroupNumbers`])).to.equal(14);
            expect(connection[`tunnel${tunnel}PresharedKey`]).to.equal("[secret]");
            expect(connection[`tunnel${tunnel}LogOptions`].cloudwatchLogOptions.logEnabled).to.equal(true);
        }
        expect(count(result, "random:index/randomPassword:RandomPassword")).to.be.at.least(2);
        const secret = ofType(result, "aws:secretsmanager/secret:Secret").find((s) => inputs(s).name === "platform-vpn-aws/vpn/preshared-keys");
        expect(secret, "PSK secret").to.not.equal(undefined);
        expect(inputs(secret!).kmsKeyId).to.be.a("string").and.not.equal("");
    });

    it("passes the policy pack", async () => {
        const result = await stack("aws");
        expect(await mandatory(result)).to.deep.equal([]);
    });
});

describe("vpn: GCP with a peer", () => {
    it("builds an HA VPN gateway, the peer, a router of its own and two BGP tunnels", async () => {
        const result = await stack("gcp");
        expect(count(result, "gcp:compute/haVpnGateway:HaVpnGateway")).to.equal(1);
        expect(inputs(one(result, "gcp:compute/externalVpnGateway:ExternalVpnGateway")).interfaces).to.deep.equal([{ id: 0, ipAddress: "93.184.216.34" }]);
        const router = inputs(one(result, "gcp:compute/router:Router", "vpn-router"));
        expect(router.bgp.asn).to.equal(64514);
        expect(router.bgp.advertiseMode).to.equal("CUSTOM");
        expect(router.bgp.advertisedIpRanges).to.have.length(2);
        const tunnels = ofType(result, "gcp:compute/vPNTunnel:VPNTunnel").map(inputs);
        expect(tunnels.map((t) => t.vpnGatewayInterface)).to.have.members([0, 1]);
        for (const tunnel of tunnels) {
            expect(tunnel.ikeVersion).to.equal(2);
            expect(tunnel.sharedSecret).to.equal("[secret]");
            expect(tunnel.cipherSuite.phase1.encryptions).to.deep.equal(["AES-CBC-256"]);
            expect(tunnel.cipherSuite.phase2.pfs[0]).to.equal("Group-14");
        }
        expect(ofType(result, "gcp:compute/routerPeer:RouterPeer").map((p) => inputs(p).peerAsn)).to.deep.equal([65000, 65000]);
        expect(count(result, "gcp:compute/routerInterface:RouterInterface")).to.equal(2);
        expect(await mandatory(result)).to.deep.equal([]);
    });
});

describe("vpn: Azure with a peer", () => {
    it("builds a VpnGw1AZ route-based gateway in a GatewaySubnet, a local gateway and an IKEv2 connection", async () => {
        const result = await stack("azure");
        const subnet = ofType(result, "azure-native:network:Subnet").find((s) => inputs(s).subnetName === "GatewaySubnet");
        expect(inputs(subnet!).addressPrefix).to.equal("10.0.0.0/27");
        const gateway = inputs(one(result, "azure-native:network:VirtualNetworkGateway"));
        expect(gateway).to.deep.include({ gatewayType: "Vpn", vpnType: "RouteBased", sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" } });
        // production-small protects its data: active-active, one zone-redundant address per instance.
        expect(gateway.activeActive).to.equal(true);
        expect(gateway.ipConfigurations).to.have.length(2);
        const addresses = ofType(result, "azure-native:network:PublicIPAddress").filter((r) => /-vpn-ip-\d$/.test(r.name));
        expect(addresses).to.have.length(2);
        for (const ip of addresses) {
            expect(inputs(ip).zones).to.deep.equal(["1", "2", "3"]);
            expect(inputs(ip).sku.name).to.equal("Standard");
        }
        expect(inputs(one(result, "azure-native:network:LocalNetworkGateway")).localNetworkAddressSpace.addressPrefixes).to.deep.equal(PEER.peerCidrs);
        const connection = inputs(one(result, "azure-native:network:VirtualNetworkGatewayConnection"));
        expect(connection).to.include({ connectionType: "IPsec", connectionProtocol: "IKEv2", sharedKey: "[secret]" });
        expect(connection.ipsecPolicies).to.deep.equal([IPSEC_POLICY]);
        expect(IPSEC_POLICY).to.include({ ikeEncryption: "AES256", ikeIntegrity: "SHA256", dhGroup: "DHGroup14" });
        expect(ofType(result, "azure-native:keyvault:Secret").some((s) => /preshared-key$/.test(String(inputs(s).secretName)))).to.equal(true);
        expect(await mandatory(result)).to.deep.equal([]);
    });
});
