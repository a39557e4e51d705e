// The LMS document's search cluster on Azure. Azure has no first-party managed OpenSearch or
// Elasticsearch (Elastic Cloud on Azure is Elastic's own marketplace service and contract), so
// OpenSearch runs on VMs: one per node (providers/vm/searchNode.ts says why not a scale set),
// spread over the zones, Trusted Launch, no public address, each with a Premium SSD data disk;
// OS and data disks are encrypted with a customer-managed key through a disk encryption set.
// Clients reach the data nodes through an internal Standard load balancer on 9200, named
// search.<platform>.internal in a private DNS zone; TLS comes from the cluster's own CA. The
// passwords, the node key and the application's SEARCH_URL are generated into Key Vault.
//
// The nodes sit in the app subnet: it is the one with a NAT route out (each node downloads the
// pinned release at first boot), and the app NSG gains rules admitting the app tier to 9200 and
// the nodes to each other on 9300.

import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import * as compute from "@pulumi/azure-native/compute";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { AdapterContext, AdapterResult, DataDeps, SearchOutputs } from "../adapter";
import { SearchSpec } from "../../tiers/types";
import { initialManagers, SEARCH_APP_USER, SEARCH_HTTP_PORT, SEARCH_TRANSPORT_PORT, searchBootScript, searchNodes } from "../vm/searchNode";
import { searchCertificates } from "../vm/searchTls";
import { pyQuote } from "../kubernetes/environment";
import { grant } from "./access";
import { UBUNTU_IMAGE } from "./appFleet";
import { boundedName, childName, childOpts, dataOpts, ROLES, tagsFor, vaultObjectName } from "./common";
import { createVaultKey, createVaultSecret } from "./keyVault";
import { AzureNetworkNative, nativeOf } from "./native";
import { securityRule, subnetPlan } from "./network";
import { vmSizeFor } from "./sizes";
import { encodeCustomData, keyVaultSecretReader, keyVaultSecretUrl, secretReaderInstall } from "./userData";

const ADMIN_USER = "azureuser";
const MANAGER_DISK_GB = 32;
const DNS_TTL_SECONDS = 300;
/** After the fleet's own app-subnet rules (100-299). */
const RULE_PRIORITY = 300;

export interface AzureSearchNative {
    vms: compute.VirtualMachine[];
    /** Key Vault secret holding SEARCH_URL whole, with the application user's credentials. */
    urlSecretName: string;
    host: string;
    caPem: pulumi.Output<string>;
}

export function createSearch(ctx: AdapterContext, spec: SearchSpec, deps: DataDeps): AdapterResult<SearchOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const platform = ctx.platform.name;
    const zoneName = `${platform}.internal`;
    const host = `search.${zoneName}`;
    const nodes = searchNodes(spec);
    const rg = net.resourceGroup.name;

    const certs = searchCertificates(platform, host, (role) => childName(ctx, role), childOpts(ctx));
    const password = (role: string) => new random.RandomPassword(childName(ctx, role), { length: 32, special: false, minLower: 1, minUpper: 1, minNumeric: 1 }, childOpts(ctx));
    const adminPassword = password("search-admin-password");
    const appPassword = password("search-app-password");
    const names = {
        adminPassword: vaultObjectName("search", "admin"),
        appPassword: vaultObjectName("search", "app"),
        nodeKey: vaultObjectName("search", "node-key"),
        url: vaultObjectName("search", "url"),
    };
    const secrets = [
        createVaultSecret(ctx, net, "search-admin-secret", { name: names.adminPassword, value: adminPassword.result, contentType: "text/plain" }),
        createVaultSecret(ctx, net, "search-app-secret", { name: names.appPassword, value: appPassword.result, contentType: "text/plain" }),
        createVaultSecret(ctx, net, "search-node-key-secret", { name: names.nodeKey, value: certs.keyPem, contentType: "application/x-pem-file" }),
    ];
    createVaultSecret(ctx, net, "search-url-secret", {
        name: names.url,
        value: pulumi.interpolate`https://${SEARCH_APP_USER}:${appPassword.result.apply((value) => pyQuote(value))}@${host}:${SEARCH_HTTP_PORT}`,
        contentType: "text/plain",
    });

    // The nodes read their three secrets and nothing else.
    const identity = new managedidentity.UserAssignedIdentity(childName(ctx, "search-identity"), { resourceGroupName: rg, location: net.location, tags: tagsFor(ctx) }, childOpts(ctx));
    const reads = [names.adminPassword, names.appPassword, names.nodeKey].map((secretName, index) =>
        grant(
            ctx,
            net,
            `search-reads-${secretName}`,
            { principalId: identity.principalId, role: ROLES.keyVaultSecretsUser, scope: pulumi.interpolate`${net.keyVault.id}/secrets/${secretName}`, servicePrincipal: true, description: "Search nodes read their passwords and key" },
            { dependsOn: [secrets[index]] },
        ),
    );

    // OS and data disks under the platform's key, through a set with its own identity.
    const key = createVaultKey(ctx, net, "search-disks");
    const encryption = new compute.DiskEncryptionSet(
        childName(ctx, "search-disk-encryption"),
        {
            diskEncryptionSetName: boundedName(childName(ctx, "search-disk-encryption").replace(/[^A-Za-z0-9_-]/g, "-"), 80),
            resourceGroupName: rg,
            location: net.location,
            encryptionType: "EncryptionAtRestWithCustomerKey",
            identity: { type: "SystemAssigned" },
            activeKey: { keyUrl: key.keyUriWithVersion, sourceVault: { id: net.keyVault.id } },
            rotationToLatestKeyVersionEnabled: true,
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    const encryptionGrant = grant(
        ctx,
        net,
        "search-disk-encryption-uses-key",
        {
            principalId: encryption.identity.apply((value) => value?.principalId ?? ""),
            role: ROLES.keyVaultCryptoServiceEncryptionUser,
            scope: pulumi.interpolate`${net.keyVault.id}/keys/${key.name}`,
            servicePrincipal: true,
            description: "The search disks' encryption set wraps their keys",
        },
        { dependsOn: [key] },
    );

    const lbName = boundedName(childName(ctx, "search-lb"), 80);
    const lb = new network.LoadBalancer(
        childName(ctx, "search-lb"),
        {
            loadBalancerName: lbName,
            resourceGroupName: rg,
            location: net.location,
            sku: { name: "Standard", tier: "Regional" },
            frontendIPConfigurations: [{ name: "search", subnet: { id: net.appSubnet.id }, privateIPAllocationMethod: "Dynamic", zones: net.zones }],
            backendAddressPools: [{ name: "search" }],
            probes: [{ name: "search", protocol: "Tcp", port: SEARCH_HTTP_PORT, intervalInSeconds: 10, numberOfProbes: 2 }],
            loadBalancingRules: [
                {
                    name: "search",
                    protocol: "Tcp",
                    frontendPort: SEARCH_HTTP_PORT,
                    backendPort: SEARCH_HTTP_PORT,
                    frontendIPConfiguration: { id: pulumi.interpolate`${net.resourceGroup.id}/providers/Microsoft.Network/loadBalancers/${lbName}/frontendIPConfigurations/search` },
                    backendAddressPool: { id: pulumi.interpolate`${net.resourceGroup.id}/providers/Microsoft.Network/loadBalancers/${lbName}/backendAddressPools/search` },
                    probe: { id: pulumi.interpolate`${net.resourceGroup.id}/providers/Microsoft.Network/loadBalancers/${lbName}/probes/search` },
                    idleTimeoutInMinutes: 15,
                    enableTcpReset: true,
                },
            ],
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    const pool = pulumi.interpolate`${lb.id}/backendAddressPools/search`;

    const nics = nodes.map(
        (node) =>
            new network.NetworkInterface(
                childName(ctx, `search-${node.name}-nic`),
                {
                    resourceGroupName: rg,
                    location: net.location,
                    // A dynamic address stays with its interface for the interface's life: discovery's seed.
                    ipConfigurations: [{ name: "primary", primary: true, subnet: { id: net.appSubnet.id }, privateIPAllocationMethod: "Dynamic", ...(node.kind === "data" ? { loadBalancerBackendAddressPools: [{ id: pool }] } : {}) }],
                    enableAcceleratedNetworking: true,
                    tags: tagsFor(ctx),
                },
                childOpts(ctx),
            ),
    );
    const seeds = pulumi.all(nics.map((nic) => nic.ipConfigurations.apply((configs) => configs?.[0]?.privateIPAddress ?? "")));
    const ssh = new tls.PrivateKey(childName(ctx, "search-ssh-key"), { algorithm: "RSA", rsaBits: 4096 }, childOpts(ctx));

    const vms = nodes.map((node, index) => {
        const zone = net.zones[node.zoneIndex % net.zones.length];
        const disk = new compute.Disk(
            childName(ctx, `search-${node.name}-data`),
            {
                resourceGroupName: rg,
                location: net.location,
                zones: [zone],
                sku: { name: "Premium_LRS" },
                diskSizeGB: node.kind === "data" ? spec.storageGbPerNode : MANAGER_DISK_GB,
                creationData: { createOption: "Empty" },
                encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: encryption.id },
                networkAccessPolicy: "DenyAll",
                publicNetworkAccess: "Disabled",
                tags: tagsFor(ctx),
            },
            dataOpts(ctx, { dependsOn: [encryptionGrant] }),
        );
        const customData = pulumi
            .all([seeds, certs.caPem, certs.certPem, identity.clientId])
            .apply(([seedHosts, caPem, certPem, clientId]) =>
                encodeCustomData(
                    searchBootScript({
                        clusterName: platform,
                        node,
                        seedHosts,
                        initialManagers: initialManagers(nodes),
                        secretReader: keyVaultSecretReader(),
                        secrets: {
                            adminPassword: keyVaultSecretUrl(net.keyVaultName, names.adminPassword),
                            appPassword: keyVaultSecretUrl(net.keyVaultName, names.appPassword),
                            nodeKey: keyVaultSecretUrl(net.keyVaultName, names.nodeKey),
                        },
                        caPem,
                        nodeCertPem: certPem,
                        nodeDn: certs.subjectDn,
                        dataDevice: "/dev/disk/azure/scsi1/lun0",
                        preamble: secretReaderInstall(clientId),
                    }),
                ),
            );
        return new compute.VirtualMachine(
            childName(ctx, `search-${node.name}`),
            {
                vmName: boundedName(`${platform}-search-${node.name}`, 64),
                resourceGroupName: rg,
                location: net.location,
                zones: [zone],
                hardwareProfile: { vmSize: vmSizeFor(node.kind === "data" ? spec.shape : spec.masterShape) },
                identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
                osProfile: {
                    computerName: node.name,
                    adminUsername: ADMIN_USER,
                    customData,
                    linuxConfiguration: {
                        disablePasswordAuthentication: true,
                        ssh: { publicKeys: [{ path: `/home/${ADMIN_USER}/.ssh/authorized_keys`, keyData: ssh.publicKeyOpenssh }] },
                        provisionVMAgent: true,
                    },
                },
                storageProfile: {
                    imageReference: UBUNTU_IMAGE,
                    osDisk: { createOption: "FromImage", caching: "ReadWrite", managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: encryption.id } }, deleteOption: "Delete" },
                    dataDisks: [{ lun: 0, createOption: "Attach", caching: "None", managedDisk: { id: disk.id }, deleteOption: "Detach" }],
                },
                securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
                networkProfile: { networkInterfaces: [{ id: nics[index].id, primary: true, deleteOption: "Detach" }] },
                tags: { ...tagsFor(ctx), "search-node": node.kind },
            },
            dataOpts(ctx, { dependsOn: [...reads, ...net.appEgress, encryptionGrant], ignoreChanges: ["osProfile.customData"] }),
        );
    });

    const zone = new privatedns.PrivateZone(childName(ctx, "search-zone"), { resourceGroupName: rg, location: "Global", privateZoneName: zoneName, tags: tagsFor(ctx) }, childOpts(ctx));
    const link = new privatedns.VirtualNetworkLink(
        childName(ctx, "search-zone-link"),
        { resourceGroupName: rg, privateZoneName: zone.name, location: "Global", virtualNetwork: { id: net.vnet.id }, registrationEnabled: false, tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    new privatedns.PrivateRecordSet(
        childName(ctx, "search-record"),
        {
            resourceGroupName: rg,
            privateZoneName: zone.name,
            recordType: "A",
            relativeRecordSetName: "search",
            ttl: DNS_TTL_SECONDS,
            aRecords: [{ ipv4Address: lb.frontendIPConfigurations.apply((configs) => configs?.[0]?.privateIPAddress ?? "") }],
        },
        childOpts(ctx, { dependsOn: [link] }),
    );

    const appRange = subnetPlan(ctx.platform.network).app;
    const rule = (name: string, priority: number, sources: string[], ports: number[], description: string) =>
        securityRule(ctx, net.securityGroups.app, "app", net.resourceGroup, { name, priority, sources, ports: ports.map(String), description });
    rule("search-api", RULE_PRIORITY, [appRange], [SEARCH_HTTP_PORT], "OpenSearch API from the app tier (the nodes share its subnet)");
    rule("search-transport", RULE_PRIORITY + 1, [appRange], [SEARCH_TRANSPORT_PORT], "OpenSearch transport between the search nodes");
    rule("search-probe", RULE_PRIORITY + 2, ["AzureLoadBalancer"], [SEARCH_HTTP_PORT], "The internal load balancer's probes of the search nodes");

    const native: AzureSearchNative = { vms, urlSecretName: names.url, host, caPem: certs.caPem };
    return {
        outputs: { endpoint: pulumi.output(`https://${host}:${SEARCH_HTTP_PORT}`), dashboardsUrl: pulumi.output(""), port: pulumi.output(SEARCH_HTTP_PORT) },
        native,
    };
}
