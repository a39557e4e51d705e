// The LMS document's search cluster on GCP. Google offers no managed OpenSearch or Elasticsearch
// of its own (Elastic Cloud is a separate marketplace account and contract), so OpenSearch runs
// on Compute Engine: one instance per node (providers/vm/searchNode.ts says why not a group),
// spread over the zones, each with a reserved private address and a CMEK-encrypted persistent
// data disk, no external address, Shielded VM and OS Login. Clients reach the data nodes through
// an internal passthrough load balancer on 9200 named search.<platform>.internal in a private
// zone; TLS on HTTP and transport comes from the cluster's own CA. The admin and application
// passwords, the node key and the application's SEARCH_URL are generated into Secret Manager.
//
// The nodes sit in the app subnetwork, not the data one: the data subnetwork has no route out
// (nothing there initiates connections), and a node downloads the pinned release at first boot.
// Firewall rules still admit only the app tier (instances and pods) to 9200 and only the nodes
// to each other on 9300.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, DataDeps, SearchOutputs } from "../adapter";
import { SearchSpec } from "../../tiers/types";
import { initialManagers, SEARCH_APP_USER, SEARCH_HTTP_PORT, SEARCH_TRANSPORT_PORT, searchBootScript, SearchNode, searchNodes } from "../vm/searchNode";
import { searchCertificates } from "../vm/searchTls";
import { pyQuote } from "../kubernetes/environment";
import { EgressRule } from "../kubernetes/workloads/types";
import { BOOT_IMAGE } from "./appFleet";
import { childName, childOpts, createCryptoKey, createSecret, dataOpts, labelsFor, regionOf } from "./common";
import { GOOGLE_FRONT_ENDS } from "./firewall";
import { boundedName } from "./loadBalancer";
import { serviceAccountIdFor } from "./names";
import { GcpNetworkNative, nativeOf } from "./native";
import { machineTypeFor } from "./sizes";
import { gcpSecretReader } from "./userData";

/** Manager-only nodes hold cluster state, not shards: a small disk. */
const MANAGER_DISK_GB = 20;
const BOOT_DISK_GB = 20;
const DNS_TTL_SECONDS = 300;

export interface GcpSearchNative {
    instances: gcp.compute.Instance[];
    /** SEARCH_URL with the application user's credentials: the contract reads it as a whole. */
    urlSecret: gcp.secretmanager.Secret;
    host: string;
    key: gcp.kms.CryptoKey;
    /** The CA the nodes' certificate chains to: SEARCH_CA_FILE on the app hosts and pods. */
    caPem: pulumi.Output<string>;
    /** The nodes' and the load balancer's addresses (/32 each). */
    ranges: pulumi.Output<string[]>;
    /** The subnetwork the nodes and the load balancer take their addresses from. */
    subnetCidr: pulumi.Output<string>;
}

function nodeDisk(ctx: AdapterContext, spec: SearchSpec, node: SearchNode, zone: string, key: gcp.kms.CryptoKey, ready: pulumi.Resource[]): gcp.compute.Disk {
    return new gcp.compute.Disk(
        childName(ctx, `search-${node.name}-data`),
        {
            zone,
            type: "pd-ssd",
            size: node.kind === "data" ? spec.storageGbPerNode : MANAGER_DISK_GB,
            diskEncryptionKey: { kmsKeySelfLink: key.id },
            labels: labelsFor(ctx),
        },
        dataOpts(ctx, { dependsOn: ready }),
    );
}

export function createSearch(ctx: AdapterContext, spec: SearchSpec, deps: DataDeps): AdapterResult<SearchOutputs> {
    const net = nativeOf<GcpNetworkNative>(deps.network);
    const region = regionOf(ctx);
    const platform = ctx.platform.name;
    const host = `search.${platform}.internal`;
    const tag = `${platform}-search`;
    const nodes = searchNodes(spec);

    const { key, grants } = createCryptoKey(ctx, net.keyRing, "search", [net.serviceAgents["compute.googleapis.com"], net.serviceAgents["secretmanager.googleapis.com"]]);
    const certs = searchCertificates(platform, host, (role) => childName(ctx, role), childOpts(ctx));
    const password = (role: string) => new random.RandomPassword(childName(ctx, role), { length: 32, special: false, minLower: 1, minUpper: 1, minNumeric: 1 }, childOpts(ctx));
    const adminPassword = password("search-admin-password");
    const appPassword = password("search-app-password");
    const secret = (role: string, path: string, value: pulumi.Input<string>) => createSecret(ctx, role, { path, key, value: pulumi.secret(value), dependsOn: grants });
    const secrets = {
        adminPassword: secret("search-admin-secret", "search/admin", adminPassword.result),
        appPassword: secret("search-app-secret", "search/app", appPassword.result),
        nodeKey: secret("search-node-key-secret", "search/node-key", certs.keyPem),
    };
    const urlSecret = secret("search-url-secret", "search/url", pulumi.interpolate`https://${SEARCH_APP_USER}:${appPassword.result.apply((value) => pyQuote(value))}@${host}:${SEARCH_HTTP_PORT}`);

    // Reads its three secrets and nothing else.
    const account = new gcp.serviceaccount.Account(
        childName(ctx, "search-account"),
        { accountId: serviceAccountIdFor(platform, "search"), displayName: `${platform} search nodes`, description: "Identity of the OpenSearch nodes: reads their passwords and key" },
        childOpts(ctx),
    );
    const access = Object.entries(secrets).map(
        ([name, target]) => new gcp.secretmanager.SecretIamMember(childName(ctx, `search-read-${name}`), { secretId: target.id, role: "roles/secretmanager.secretAccessor", member: account.member }, childOpts(ctx)),
    );

    const address = (role: string) =>
        new gcp.compute.Address(childName(ctx, role), { region, subnetwork: net.appSubnet.id, addressType: "INTERNAL", purpose: "GCE_ENDPOINT", labels: labelsFor(ctx) }, childOpts(ctx));
    const addresses = Object.fromEntries(nodes.map((node) => [node.name, address(`search-${node.name}-address`)]));
    const frontend = address("search-lb-address");
    const seeds = pulumi.all(nodes.map((node) => addresses[node.name].address));

    const instances = nodes.map((node) => {
        const zone = net.zones[node.zoneIndex % net.zones.length];
        const disk = nodeDisk(ctx, spec, node, zone, key, grants);
        const script = pulumi.all([seeds, certs.caPem, certs.certPem, secrets.adminPassword.id, secrets.appPassword.id, secrets.nodeKey.id]).apply(([seedHosts, caPem, certPem, admin, app, nodeKey]) =>
            searchBootScript({
                clusterName: platform,
                node,
                seedHosts,
                initialManagers: initialManagers(nodes),
                secretReader: gcpSecretReader(),
                secrets: { adminPassword: admin, appPassword: app, nodeKey },
                caPem,
                nodeCertPem: certPem,
                nodeDn: certs.subjectDn,
                dataDevice: "/dev/disk/by-id/google-search-data",
            }),
        );
        return new gcp.compute.Instance(
            childName(ctx, `search-${node.name}`),
            {
                // Instance names: 1-63 lowercase letters, digits and hyphens.
                name: boundedName(`${platform}-search-${node.name}`.toLowerCase().replace(/[^a-z0-9-]/g, "-"), 63),
                zone,
                machineType: machineTypeFor(node.kind === "data" ? spec.shape : spec.masterShape),
                bootDisk: { initializeParams: { image: BOOT_IMAGE, size: BOOT_DISK_GB, type: "pd-balanced" }, kmsKeySelfLink: key.id },
                attachedDisks: [{ source: disk.id, deviceName: "search-data" }],
                // No access config: no external address; the release comes through Cloud NAT.
                networkInterfaces: [{ subnetwork: net.appSubnet.id, networkIp: addresses[node.name].address }],
                serviceAccount: { email: account.email, scopes: ["cloud-platform"] },
                shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
                canIpForward: false,
                scheduling: { automaticRestart: true, onHostMaintenance: "MIGRATE" },
                metadata: { "enable-oslogin": "TRUE", "block-project-ssh-keys": "TRUE", "serial-port-enable": "FALSE", "startup-script": script },
                tags: [tag],
                labels: { ...labelsFor(ctx), "search-node": node.kind },
                deletionProtection: ctx.platform.protectData,
                allowStoppingForUpdate: true,
            },
            dataOpts(ctx, { dependsOn: [...access, ...net.appEgress, ...grants] }),
        );
    });

    // The data nodes behind a passthrough load balancer: one unmanaged group per zone.
    const dataNodes = nodes.map((node, index) => ({ node, instance: instances[index] })).filter(({ node }) => node.kind === "data");
    const zoneGroups = net.zones
        .map((zone, zoneIndex) => ({ zone, members: dataNodes.filter(({ node }) => node.zoneIndex % net.zones.length === zoneIndex).map(({ instance }) => instance.selfLink) }))
        .filter((group) => group.members.length > 0)
        .map(({ zone, members }) => new gcp.compute.InstanceGroup(childName(ctx, `search-${zone}`), { zone, network: net.network.id, instances: members, description: `${platform} search data nodes in ${zone}` }, childOpts(ctx)));
    const health = new gcp.compute.RegionHealthCheck(
        childName(ctx, "search-health"),
        { region, tcpHealthCheck: { port: SEARCH_HTTP_PORT }, checkIntervalSec: 10, timeoutSec: 5, logConfig: { enable: true } },
        childOpts(ctx),
    );
    const backend = new gcp.compute.RegionBackendService(
        childName(ctx, "search-backend"),
        {
            region,
            loadBalancingScheme: "INTERNAL",
            protocol: "TCP",
            healthChecks: health.id,
            backends: zoneGroups.map((group) => ({ group: group.id, balancingMode: "CONNECTION" })),
            logConfig: { enable: true, sampleRate: 1 },
        },
        childOpts(ctx),
    );
    const rule = new gcp.compute.ForwardingRule(
        childName(ctx, "search-lb"),
        { region, loadBalancingScheme: "INTERNAL", ipProtocol: "TCP", ports: [String(SEARCH_HTTP_PORT)], ipAddress: frontend.address, subnetwork: net.appSubnet.id, backendService: backend.id, labels: labelsFor(ctx) },
        childOpts(ctx),
    );
    const zone = new gcp.dns.ManagedZone(
        childName(ctx, "search-zone"),
        {
            project: net.project,
            dnsName: `${host}.`,
            description: `${platform} search cluster: its certificate's name to the internal load balancer`,
            visibility: "private",
            privateVisibilityConfig: { networks: [{ networkUrl: net.network.id }] },
            labels: labelsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [net.apis["dns.googleapis.com"]] }),
    );
    new gcp.dns.RecordSet(childName(ctx, "search-record"), { project: net.project, managedZone: zone.name, name: `${host}.`, type: "A", ttl: DNS_TTL_SECONDS, rrdatas: [rule.ipAddress] }, childOpts(ctx));

    const ranges = pulumi.all([seeds, frontend.address]).apply(([ips, lb]) => [...ips, lb].map((ip) => `${ip}/32`));
    searchFirewall(ctx, net, tag, ranges);

    const native: GcpSearchNative = { instances, urlSecret, host, key, caPem: certs.caPem, ranges, subnetCidr: net.appSubnet.ipCidrRange };
    return {
        outputs: { endpoint: pulumi.output(`https://${host}:${SEARCH_HTTP_PORT}`), dashboardsUrl: pulumi.output(""), port: pulumi.output(SEARCH_HTTP_PORT) },
        native,
    };
}

/** The pods' way out to the search cluster (the app namespace denies everything else). */
export function searchEgress(search: GcpSearchNative): EgressRule {
    return { purpose: "search", to: [{ ipBlock: { cidr: search.subnetCidr } }], ports: [{ port: SEARCH_HTTP_PORT }] };
}

/** 9200 from the app tier (and the load balancer's health checks), 9300 between nodes, HTTPS out for the release and Google APIs. */
function searchFirewall(ctx: AdapterContext, net: GcpNetworkNative, tag: string, searchRanges: pulumi.Output<string[]>): void {
    const rule = (role: string, args: Omit<gcp.compute.FirewallArgs, "network">) =>
        new gcp.compute.Firewall(childName(ctx, `fw-search-${role}`), { network: net.network.id, priority: 1000, logConfig: { metadata: "INCLUDE_ALL_METADATA" }, ...args }, childOpts(ctx));
    const tcp = (ports: number[]) => [{ protocol: "tcp", ports: ports.map(String) }];
    const appRanges = [net.appSubnet.ipCidrRange, ...(net.clusterRanges ? [net.clusterRanges.pods] : [])];
    rule("from-app", { description: "OpenSearch API from the app tier's instances and pods", direction: "INGRESS", sourceRanges: appRanges, targetTags: [tag], allows: tcp([SEARCH_HTTP_PORT]) });
    rule("health", { description: "Load balancer health checks of the search nodes", direction: "INGRESS", sourceRanges: GOOGLE_FRONT_ENDS, targetTags: [tag], allows: tcp([SEARCH_HTTP_PORT]) });
    rule("transport-in", { description: "OpenSearch transport between the nodes", direction: "INGRESS", sourceTags: [tag], targetTags: [tag], allows: tcp([SEARCH_TRANSPORT_PORT, SEARCH_HTTP_PORT]) });
    rule("transport-out", { description: "OpenSearch transport to the other nodes", direction: "EGRESS", destinationRanges: searchRanges, targetTags: [tag], allows: tcp([SEARCH_TRANSPORT_PORT, SEARCH_HTTP_PORT]) });
    rule("https-out", { description: "The pinned release and Google APIs (Secret Manager) over HTTPS", direction: "EGRESS", destinationRanges: ["0.0.0.0/0"], targetTags: [tag], allows: tcp([443]) });
    rule("app-out", { description: "The app tier to the search nodes and their load balancer", direction: "EGRESS", destinationRanges: searchRanges, targetTags: [net.tags.app], allows: tcp([SEARCH_HTTP_PORT]) });
}
