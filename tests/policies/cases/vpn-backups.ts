// The VPN tunnels' proposals and generated keys on every cloud, the Azure gateway's SKU, and the
// dump task's containers: a compliant baseline and one failing mutation per rule.

import { policy as awsTaskReadOnly } from "../../../policies/rules/aws/ecs-task-definition/read-only-root";
import { policy as awsGeneratedPsk } from "../../../policies/rules/aws/ec2-vpn-connection/generated-psk";
import { policy as awsStrongTunnels } from "../../../policies/rules/aws/ec2-vpn-connection/strong-tunnels";
import { policy as azureGeneratedKey } from "../../../policies/rules/azure/vpn-connection/generated-key";
import { policy as azureIpsecPolicy } from "../../../policies/rules/azure/vpn-connection/ipsec-policy";
import { policy as azureGatewaySku } from "../../../policies/rules/azure/vpn-gateway/zone-redundant-sku";
import { policy as gcpGeneratedSecret } from "../../../policies/rules/gcp/compute-vpn-tunnel/generated-secret";
import { policy as gcpStrongCiphers } from "../../../policies/rules/gcp/compute-vpn-tunnel/strong-ciphers";
import { PolicyCase, resource, set, setResource } from "../harness";

const RANDOM = "random:index/randomPassword:RandomPassword";
const AWS_CONNECTION = "aws:ec2/vpnConnection:VpnConnection";
const GCP_TUNNEL = "gcp:compute/vPNTunnel:VPNTunnel";
const AZURE_CONNECTION = "azure-native:network:VirtualNetworkGatewayConnection";
const AZURE_GATEWAY = "azure-native:network:VirtualNetworkGateway";
const psk = resource(RANDOM, "psk", { length: 48 });
const PSK = String(psk.urn);

const awsTunnel = (index: number) => ({
    [`tunnel${index}IkeVersions`]: ["ikev2"],
    [`tunnel${index}Phase1EncryptionAlgorithms`]: ["AES256", "AES256-GCM-16"],
    [`tunnel${index}Phase2EncryptionAlgorithms`]: ["AES256"],
    [`tunnel${index}Phase1IntegrityAlgorithms`]: ["SHA2-256", "SHA2-384"],
    [`tunnel${index}Phase2IntegrityAlgorithms`]: ["SHA2-256"],
    [`tunnel${index}Phase1DhGroupNumbers`]: [14, 19, 20],
    [`tunnel${index}Phase2DhGroupNumbers`]: [14, 21],
    [`tunnel${index}PresharedKey`]: "[secret]",
});
const awsConnection = () => [psk, resource(AWS_CONNECTION, "connection", { type: "ipsec.1", ...awsTunnel(1), ...awsTunnel(2) }, { dependsOn: [PSK] })];

const gcpTunnel = () => [
    psk,
    resource(
        GCP_TUNNEL,
        "tunnel",
        {
            ikeVersion: 2,
            sharedSecret: "[secret]",
            cipherSuite: {
                phase1: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], prves: ["PRF-HMAC-SHA2-256"], dhs: ["Group-14", "Group-20"] },
                phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-14"] },
            },
        },
        { dependsOn: [PSK] },
    ),
];

const IPSEC = { ikeEncryption: "AES256", ikeIntegrity: "SHA256", dhGroup: "DHGroup14", ipsecEncryption: "AES256", ipsecIntegrity: "SHA256", pfsGroup: "PFS2048", saLifeTimeSeconds: 3600, saDataSizeKilobytes: 102400000 };
const azureConnection = () => [
    psk,
    resource(AZURE_CONNECTION, "connection", { connectionType: "IPsec", connectionProtocol: "IKEv2", sharedKey: "[secret]", ipsecPolicies: [IPSEC] }, { dependsOn: [PSK] }),
];

const CONTAINERS = [
    { name: "dump", image: "postgres:15", essential: false, readonlyRootFilesystem: true },
    { name: "upload", image: "aws-cli", essential: true, readonlyRootFilesystem: true },
];
const taskDefinition = (containers: object[]) => resource("aws:ecs/taskDefinition:TaskDefinition", "task", { family: "dump", containerDefinitions: JSON.stringify(containers) });

export const cases: PolicyCase[] = [
    {
        policy: awsStrongTunnels,
        baseline: awsConnection,
        mutations: [
            { title: "IKEv1 allowed", apply: set("connection", "tunnel1IkeVersions", ["ikev1", "ikev2"]), message: /tunnel1IkeVersions allows ikev1/ },
            { title: "DH group 2", apply: set("connection", "tunnel2Phase1DhGroupNumbers", [2, 14]), message: /tunnel2Phase1DhGroupNumbers allows 2/ },
            { title: "proposals left to AWS", apply: set("connection", "tunnel1Phase2IntegrityAlgorithms", undefined), message: /tunnel1Phase2IntegrityAlgorithms is not set/ },
        ],
    },
    {
        policy: awsGeneratedPsk,
        baseline: awsConnection,
        mutations: [{ title: "a literal key", apply: set("connection", "tunnel1PresharedKey", "ChangeMe123"), message: /tunnel1PresharedKey is not generated/ }],
    },
    {
        policy: gcpStrongCiphers,
        baseline: gcpTunnel,
        mutations: [
            { title: "IKEv1", apply: set("tunnel", "ikeVersion", 1), message: /ikeVersion is 1, not 2/ },
            { title: "AES-128", apply: set("tunnel", "cipherSuite.phase2.encryptions", ["AES-CBC-128"]), message: /phase2.encryptions allows AES-CBC-128/ },
            { title: "no suite", apply: set("tunnel", "cipherSuite", undefined), message: /phase1.encryptions is not set/ },
        ],
    },
    {
        policy: gcpGeneratedSecret,
        baseline: gcpTunnel,
        mutations: [{ title: "a wrapped literal", apply: setResource("tunnel", "dependsOn", []), message: /sharedSecret is not generated/ }],
    },
    {
        policy: azureIpsecPolicy,
        baseline: azureConnection,
        mutations: [
            { title: "default proposals", apply: set("connection", "ipsecPolicies", []), message: /no ipsecPolicies/ },
            { title: "DH group 2", apply: set("connection", "ipsecPolicies.0.dhGroup", "DHGroup2"), message: /dhGroup is "DHGroup2"/ },
            { title: "IKEv1", apply: set("connection", "connectionProtocol", "IKEv1"), message: /connectionProtocol is "IKEv1"/ },
        ],
    },
    {
        policy: azureGeneratedKey,
        baseline: azureConnection,
        mutations: [{ title: "a literal key", apply: set("connection", "sharedKey", "abc123"), message: /sharedKey is not generated/ }],
    },
    {
        policy: azureGatewaySku,
        baseline: () => [resource(AZURE_GATEWAY, "gateway", { gatewayType: "Vpn", vpnType: "RouteBased", sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" } })],
        mutations: [
            { title: "Basic", apply: set("gateway", "sku.name", "Basic"), message: /Basic allows no custom IPsec policy/ },
            { title: "policy-based", apply: set("gateway", "vpnType", "PolicyBased"), message: /not "RouteBased"/ },
        ],
    },
    {
        policy: awsTaskReadOnly,
        baseline: () => [taskDefinition(CONTAINERS)],
        mutations: [
            { title: "writable root", apply: set("task", "containerDefinitions", JSON.stringify([{ ...CONTAINERS[0], readonlyRootFilesystem: false }, CONTAINERS[1]])), message: /container "dump" has a writable root filesystem/ },
            { title: "privileged", apply: set("task", "containerDefinitions", JSON.stringify([CONTAINERS[0], { ...CONTAINERS[1], privileged: true }])), message: /container "upload" is privileged/ },
        ],
    },
];
