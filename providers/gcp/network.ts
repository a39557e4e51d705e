// The GCP network of the idea-management document: the project APIs the platform calls, one
// custom-mode VPC with the public / app / data subnetworks, Cloud NAT so no instance needs a
// public address, private services access for Cloud SQL and Memorystore, firewall rules that
// only let each tier talk to the next one, flow logs, and the platform's key ring.
//
// GCP subnetworks are regional: one subnetwork per role spans every zone of the region, so the
// layout's first block of each role (10.0.1.0/24, 10.0.10.0/24, 10.0.20.0/24) is the whole
// role; the per-zone blocks AWS needs stay free.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, NetworkOutputs } from "../adapter";
import { blocksNeeded, fromInt, parseIpv4Cidr, toInt } from "../../config/cidr";
import { NetworkSpec } from "../../tiers/types";
import { createBastion } from "./bastion";
import { childName, childOpts, dataOpts, labelsFor, projectOf, regionOf, withOverrides } from "./common";
import { createFirewall } from "./firewall";
import { GcpNetworkNative } from "./native";
import { zonesFor } from "./names";

/** Every API the platform's resources call, enabled before anything uses it. */
export const PLATFORM_APIS = [
    "cloudresourcemanager.googleapis.com",
    "iam.googleapis.com",
    "compute.googleapis.com",
    "oslogin.googleapis.com",
    "iap.googleapis.com",
    "servicenetworking.googleapis.com",
    "networkconnectivity.googleapis.com",
    "dns.googleapis.com",
    "cloudkms.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
    "sqladmin.googleapis.com",
    "redis.googleapis.com",
    "pubsub.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "run.googleapis.com",
    "cloudscheduler.googleapis.com",
    "billingbudgets.googleapis.com",
] as const;

const PSA_MAX_PREFIX = 20;
const PSA_MIN_PREFIX = 24;

/**
 * The private services access range: the largest aligned block from /20 down to /24 at the top
 * of the stack's range that stays clear of the subnet layout (which fills the range's first
 * 32 /24 blocks at most). Cloud SQL and Memorystore take their addresses from it, inside the
 * range the operator reserved for the platform, so peering or VPN plans see one range only.
 * 10.0.0.0/16 gives 10.0.240.0/20.
 */
export function privateServicesRangeFor(cidr: string, zones: number): { address: string; prefixLength: number; cidr: string } {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed) {
        throw new Error(`not an IPv4 CIDR: ${cidr}`);
    }
    const base = toInt(parsed.address);
    const end = base + 2 ** (32 - parsed.prefix);
    const layoutEnd = base + blocksNeeded(zones) * 256;
    for (let prefix = Math.max(PSA_MAX_PREFIX, parsed.prefix + 1); prefix <= PSA_MIN_PREFIX; prefix++) {
        const start = end - 2 ** (32 - prefix);
        if (start >= layoutEnd) {
            const address = fromInt(start).toString();
            return { address, prefixLength: prefix, cidr: `${address}/${prefix}` };
        }
    }
    throw new Error(`${cidr} has no /${PSA_MIN_PREFIX} left above the subnets of ${zones} zones for Cloud SQL and Memorystore`);
}

/** Pods per node: GKE gives each node a /25 of the pods range for it (twice the pods, rounded up). */
export const MAX_PODS_PER_NODE = 64;
const POD_RANGE_PER_NODE_PREFIX = 25;

export interface ClusterRanges {
    /** Secondary range of the app subnetwork the pods take their addresses from. */
    pods: string;
    /** Secondary range of the ClusterIP Services. */
    services: string;
    /** The control plane's private endpoint (a /28 GKE peers into the network). */
    controlPlane: string;
    /** Nodes the pods range has room for at MAX_PODS_PER_NODE. */
    nodeCapacity: number;
}

/**
 * The GKE cluster's ranges, carved from the stack's range between the subnet layout and the
 * private services range, so the cluster needs no address space the operator did not reserve
 * for the platform: the largest aligned pods block from /17 down to /21, a services block from
 * /20 down to /24, and the control plane's /28. 10.0.0.0/16 with 3 zones gives pods
 * 10.0.64.0/18 (128 nodes), services 10.0.32.0/20 and the control plane 10.0.23.0/28.
 * Undefined when the stack's range is too small for them.
 */
export function clusterRangesFor(cidr: string, zones: number): ClusterRanges | undefined {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed) {
        return undefined;
    }
    const base = toInt(parsed.address);
    let psa: { address: string; prefixLength: number };
    try {
        psa = privateServicesRangeFor(cidr, zones);
    } catch {
        return undefined;
    }
    let free: [number, number][] = [[base + blocksNeeded(zones) * 256, toInt(parseIpv4Cidr(`${psa.address}/${psa.prefixLength}`)!.address)]];
    const take = (largest: number, smallest: number): { start: number; prefix: number } | undefined => {
        for (let prefix = Math.max(largest, parsed.prefix + 1); prefix <= smallest; prefix++) {
            const size = 2 ** (32 - prefix);
            for (const [from, to] of free) {
                const start = Math.ceil(from / size) * size;
                if (start + size <= to) {
                    free = free.flatMap(([a, b]): [number, number][] => (a === from ? ([[a, start], [start + size, b]] as [number, number][]).filter(([x, y]) => y > x) : [[a, b]]));
                    return { start, prefix };
                }
            }
        }
        return undefined;
    };
    const pods = take(17, 21);
    const services = take(20, 24);
    const controlPlane = take(28, 28);
    if (!pods || !services || !controlPlane) {
        return undefined;
    }
    const text = (block: { start: number; prefix: number }) => `${fromInt(block.start).toString()}/${block.prefix}`;
    return { pods: text(pods), services: text(services), controlPlane: text(controlPlane), nodeCapacity: 2 ** (POD_RANGE_PER_NODE_PREFIX - pods.prefix) };
}

/** The app subnetwork's secondary ranges the cluster's ipAllocationPolicy names. */
export const CLUSTER_RANGE_NAMES = { pods: "pods", services: "services" } as const;

function requireClusterRanges(spec: NetworkSpec): ClusterRanges {
    const ranges = clusterRangesFor(spec.cidr, spec.zones);
    if (!ranges) {
        // validate() reports this first (names.ts); reaching here is a programming error.
        throw new Error(`${spec.cidr} has no room for the cluster's pod, service and control-plane ranges`);
    }
    return ranges;
}

function enableApis(ctx: AdapterContext, project: string): Record<string, gcp.projects.Service> {
    return Object.fromEntries(
        PLATFORM_APIS.map((service) => [
            service,
            new gcp.projects.Service(
                childName(ctx, `api-${service.split(".")[0]}`),
                // Left enabled on destroy: other workloads of the project may use them too.
                { project, service, disableOnDestroy: false, disableDependentServices: false },
                childOpts(ctx),
            ),
        ]),
    );
}

/**
 * The Google-managed service agents that encrypt with the platform's keys, as IAM members.
 * Secret Manager, Cloud SQL and Pub/Sub agents are created on request (ServiceIdentity); the
 * Cloud Storage agent through its data source; Memorystore and Compute Engine create theirs
 * when the API is enabled, so their addresses follow from the project number.
 */
function serviceAgents(
    ctx: AdapterContext,
    project: string,
    projectNumber: pulumi.Output<string>,
    apis: Record<string, gcp.projects.Service>,
): Record<string, pulumi.Output<string>> {
    const identity = (service: string): pulumi.Output<string> =>
        new gcp.projects.ServiceIdentity(
            childName(ctx, `agent-${service.split(".")[0]}`),
            { project, service },
            childOpts(ctx, { dependsOn: [apis[service]] }),
        ).member;
    const storage = gcp.storage.getProjectServiceAccountOutput({ project }, { parent: ctx.parent, dependsOn: [apis["storage.googleapis.com"]] });
    const derived = (domain: string, api: string): pulumi.Output<string> =>
        pulumi.all([projectNumber, apis[api].id]).apply(([number]) => `serviceAccount:service-${number}@${domain}`);
    return {
        "secretmanager.googleapis.com": identity("secretmanager.googleapis.com"),
        "sqladmin.googleapis.com": identity("sqladmin.googleapis.com"),
        "pubsub.googleapis.com": identity("pubsub.googleapis.com"),
        "storage.googleapis.com": storage.member,
        "redis.googleapis.com": derived("cloud-redis.iam.gserviceaccount.com", "redis.googleapis.com"),
        "compute.googleapis.com": derived("compute-system.iam.gserviceaccount.com", "compute.googleapis.com"),
    };
}

/** 5-second aggregation, half the flows, all metadata: the AWS flow logs' intent at GCP's granularity. */
const FLOW_LOGS: gcp.types.input.compute.SubnetworkLogConfig = {
    aggregationInterval: "INTERVAL_5_SEC",
    flowSampling: 0.5,
    metadata: "INCLUDE_ALL_METADATA",
};

export function createNetwork(ctx: AdapterContext, spec: NetworkSpec): AdapterResult<NetworkOutputs> {
    const project = projectOf(ctx);
    const region = regionOf(ctx);
    const apis = enableApis(ctx, project);
    const computeReady = { dependsOn: [apis["compute.googleapis.com"]] };
    const projectNumber = gcp.organizations.getProjectOutput({ projectId: project }, { parent: ctx.parent }).number;

    const networkArgs: gcp.compute.NetworkArgs = {
        project,
        description: `${ctx.platform.name}: public, app and data subnetworks`,
        autoCreateSubnetworks: false,
        // The default internet route is what Cloud NAT and the bastion's address use.
        deleteDefaultRoutesOnCreate: false,
        routingMode: "REGIONAL",
    };
    const network = new gcp.compute.Network(childName(ctx, "vpc"), withOverrides(ctx, "network", networkArgs), childOpts(ctx, computeReady));

    const first = spec.subnets[0];
    const clusterRanges = ctx.platform.runtime === "kubernetes" ? requireClusterRanges(spec) : undefined;
    const subnetwork = (role: string, cidr: string, description: string, secondary: Pick<gcp.compute.SubnetworkArgs, "secondaryIpRanges"> = {}): gcp.compute.Subnetwork =>
        new gcp.compute.Subnetwork(
            childName(ctx, role),
            {
                project,
                region,
                network: network.id,
                ipCidrRange: cidr,
                description,
                // Instances without public addresses still reach Google APIs (Secret Manager, Storage, Logging).
                privateIpGoogleAccess: true,
                logConfig: FLOW_LOGS,
                ...secondary,
            },
            childOpts(ctx),
        );
    const publicSubnet = subnetwork("public", first.publicCidr, "Bastion: the only instances with a public address");
    // The cluster's pods and Services take their addresses from the app subnetwork's secondary ranges (VPC-native).
    const clusterSecondary = clusterRanges
        ? { secondaryIpRanges: [{ rangeName: CLUSTER_RANGE_NAMES.pods, ipCidrRange: clusterRanges.pods }, { rangeName: CLUSTER_RANGE_NAMES.services, ipCidrRange: clusterRanges.services }] }
        : {};
    const appSubnet = subnetwork("app", first.appCidr, "App fleet and the credentials job, egress through Cloud NAT", clusterSecondary);
    const dataSubnet = subnetwork("data", first.dataCidr, "Private Service Connect endpoints of the Redis cluster");

    // Cloud NAT is regional and zone-redundant by itself: one gateway serves what AWS needs one NAT per zone for.
    const router = new gcp.compute.Router(
        childName(ctx, "router"),
        { project, region, network: network.id, description: `${ctx.platform.name} Cloud NAT` },
        childOpts(ctx),
    );
    const nat = new gcp.compute.RouterNat(
        childName(ctx, "nat"),
        {
            project,
            region,
            router: router.name,
            natIpAllocateOption: "AUTO_ONLY",
            sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
            subnetworks: [{ name: appSubnet.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
            // Flow logs already record translated flows; NAT logs its failures (port exhaustion, drops).
            logConfig: { enable: true, filter: "ERRORS_ONLY" },
        },
        childOpts(ctx),
    );

    const psaRange = privateServicesRangeFor(spec.cidr, spec.zones);
    const peeringRange = new gcp.compute.GlobalAddress(
        childName(ctx, "services-range"),
        {
            project,
            network: network.id,
            purpose: "VPC_PEERING",
            addressType: "INTERNAL",
            address: psaRange.address,
            prefixLength: psaRange.prefixLength,
            description: "Private services access: Cloud SQL and Memorystore addresses",
            labels: labelsFor(ctx),
        },
        childOpts(ctx),
    );
    const privateServices = new gcp.servicenetworking.Connection(
        childName(ctx, "services"),
        {
            network: network.id,
            service: "servicenetworking.googleapis.com",
            reservedPeeringRanges: [peeringRange.name],
            // Cloud SQL holds the peering for days after its instances are deleted, so a delete of
            // the connection fails; the peering goes with the network instead.
            deletionPolicy: "ABANDON",
        },
        childOpts(ctx, { dependsOn: [apis["servicenetworking.googleapis.com"]] }),
    );

    const tags = {
        app: `${ctx.platform.name}-app`,
        bastion: `${ctx.platform.name}-bastion`,
        credentials: `${ctx.platform.name}-credentials`,
    };
    createFirewall(ctx, spec, network, tags, { app: first.appCidr, data: first.dataCidr, services: psaRange.cidr, cluster: clusterRanges });

    // Key rings can never be deleted and their names are final: the auto-generated suffix gives a
    // stack that is destroyed and brought up again a new ring instead of a 409 on the old name.
    const keyRing = new gcp.kms.KeyRing(
        childName(ctx, "keys"),
        { project, location: region },
        dataOpts(ctx, { dependsOn: [apis["cloudkms.googleapis.com"]] }),
    );
    const agents = serviceAgents(ctx, project, projectNumber, apis);

    const zones = zonesFor(region, spec.zones);
    const bastion = spec.adminCidrs.length
        ? createBastion(ctx, { project, zone: zones[0], subnet: publicSubnet, tag: tags.bastion, keyRing, computeAgent: agents["compute.googleapis.com"], nat })
        : undefined;

    const native: GcpNetworkNative = {
        network,
        publicSubnet,
        appSubnet,
        dataSubnet,
        zones,
        apis,
        appEgress: [router, nat],
        privateServices,
        privateServicesRange: psaRange.cidr,
        ...(clusterRanges ? { clusterRanges } : {}),
        tags,
        keyRing,
        project,
        projectNumber,
        serviceAgents: agents,
        bastion,
    };
    const ids = (subnet: gcp.compute.Subnetwork): pulumi.Output<string[]> => subnet.id.apply((id) => [id]);
    return {
        outputs: {
            networkId: network.id,
            zones: pulumi.output(zones),
            publicSubnetIds: ids(publicSubnet),
            appSubnetIds: ids(appSubnet),
            dataSubnetIds: ids(dataSubnet),
        },
        native,
        logGroups: [],
    };
}
