// The AWS security groups in GCP's form. GCP firewall rules select instances by network tag and
// see the rest of the world as ranges, and Cloud SQL and Memorystore live in Google's peered
// network, where this VPC's ingress rules do not apply. So the data tier is guarded on the way
// out: only the app (and the credentials job, and the bastion for PostgreSQL) may open
// connections to the private services range and the data subnetwork, on the data ports only,
// and an explicit deny-all egress below every allow stops anything else, including from the app
// tier to anything but HTTPS. Ingress is the load balancer's and health checkers' ranges to the
// service ports, SSH from the admin ranges (through the bastion) or from IAP, and a logged
// deny-all. Every rule logs, so a refused flow shows up in Cloud Logging with its rule.

import * as gcp from "@pulumi/gcp";
import { AdapterContext } from "../adapter";
import { NetworkSpec } from "../../tiers/types";
import { childName, childOpts } from "./common";
import { MANAGED_POOL_PORT } from "./database";

/** Google Front Ends of the global Application Load Balancer and Google's health checkers. */
export const GOOGLE_FRONT_ENDS = ["130.211.0.0/22", "35.191.0.0/16"];
/** Where IAP TCP forwarding connects from: SSH without any public address. */
export const IAP_TCP_FORWARDING = "35.235.240.0/20";
const ANYWHERE = "0.0.0.0/0";
const SSH = 22;
const HTTPS = 443;
/** Memorystore for Redis serves TLS on 6378, not 6379. */
export const MEMORYSTORE_TLS_PORT = 6378;
/** Redis Cluster: discovery on 6379 and the shards' own ports behind Private Service Connect. */
export const REDIS_CLUSTER_PORTS = ["6379", "11000-13047"];
const ALLOW_PRIORITY = 1000;
/** Below every allow and above GCP's implied rules (65535), so refusals are logged. */
export const DENY_ALL_PRIORITY = 65534;

export interface FirewallRanges {
    app: string;
    data: string;
    /** The private services access range (Cloud SQL, Memorystore). */
    services: string;
    /** runtime kubernetes: the cluster's pods and control-plane ranges. */
    cluster?: { pods: string; controlPlane: string };
}

/** What nodes open to the control plane's private endpoint: the API server and the kubelet's callbacks. */
export const CONTROL_PLANE_PORTS = [443, 10250];

export interface FirewallTags {
    app: string;
    bastion: string;
    credentials: string;
}

/** The ports of the cache the app connects to: one TLS port, or the cluster's range. */
export function cachePorts(shards: number): string[] {
    return shards > 1 ? REDIS_CLUSTER_PORTS : [String(MEMORYSTORE_TLS_PORT)];
}

export function createFirewall(ctx: AdapterContext, spec: NetworkSpec, network: gcp.compute.Network, tags: FirewallTags, ranges: FirewallRanges): gcp.compute.Firewall[] {
    const rules: gcp.compute.Firewall[] = [];
    const rule = (role: string, args: Omit<gcp.compute.FirewallArgs, "network">): void => {
        rules.push(
            new gcp.compute.Firewall(
                childName(ctx, `fw-${role}`),
                { network: network.id, priority: ALLOW_PRIORITY, logConfig: { metadata: "INCLUDE_ALL_METADATA" }, ...args },
                childOpts(ctx),
            ),
        );
    };
    const tcp = (ports: (number | string)[]) => [{ protocol: "tcp", ports: ports.map(String) }];
    const dbPort = ctx.platform.database.port;

    if (spec.servicePorts.length > 0) {
        rule("lb", {
            description: "Load balancer and its health checks to the public web services' ports",
            direction: "INGRESS",
            sourceRanges: GOOGLE_FRONT_ENDS,
            targetTags: [tags.app],
            allows: tcp(spec.servicePorts),
        });
    }
    // Private web services are only health-checked from these ranges: no URL map routes to them.
    const privatePorts = [
        ...new Set(ctx.platform.appFleet.services.flatMap((service) => (service.kind === "web" && service.port && !spec.servicePorts.includes(service.port) ? [service.port] : []))),
    ].sort((a, b) => a - b);
    if (privatePorts.length > 0) {
        rule("health-checks", {
            description: "Health checks of the private web services",
            direction: "INGRESS",
            sourceRanges: GOOGLE_FRONT_ENDS,
            targetTags: [tags.app],
            allows: tcp(privatePorts),
        });
    }

    // The VPC is IPv4 only; names.ts reports IPv6 admin ranges.
    const adminRanges = spec.adminCidrs.filter((cidr) => !cidr.includes(":"));
    if (adminRanges.length > 0) {
        rule("ssh-admin", {
            description: "SSH from the admin ranges to the bastion",
            direction: "INGRESS",
            sourceRanges: adminRanges,
            targetTags: [tags.bastion],
            allows: tcp([SSH]),
        });
        rule("ssh-bastion", {
            description: "SSH from the bastion to the app tier",
            direction: "INGRESS",
            sourceTags: [tags.bastion],
            targetTags: [tags.app],
            allows: tcp([SSH]),
        });
        rule("bastion-egress", {
            description: "Bastion: SSH to the app subnetwork, PostgreSQL for operators",
            direction: "EGRESS",
            destinationRanges: [ranges.app, ranges.services],
            targetTags: [tags.bastion],
            allows: tcp([SSH, dbPort]),
        });
    } else {
        rule("ssh-iap", {
            description: "SSH through IAP TCP forwarding to the app tier (no bastion without admin ranges)",
            direction: "INGRESS",
            sourceRanges: [IAP_TCP_FORWARDING],
            targetTags: [tags.app],
            allows: tcp([SSH]),
        });
    }
    rule("deny-ingress", {
        description: "Everything not allowed above, logged",
        direction: "INGRESS",
        priority: DENY_ALL_PRIORITY,
        sourceRanges: [ANYWHERE],
        denies: [{ protocol: "all" }],
    });

    rule("data-egress", {
        description: "PostgreSQL (and its managed pool) and Redis from the app tier and the credentials job only",
        direction: "EGRESS",
        destinationRanges: [ranges.services, ranges.data],
        targetTags: [tags.app, tags.credentials],
        allows: tcp([dbPort, ...(ctx.platform.database.pooling.enabled ? [MANAGED_POOL_PORT] : []), ...cachePorts(ctx.platform.cache.shards)]),
    });
    rule("https-egress", {
        description: "HTTPS to Google APIs, image registries and package mirrors",
        direction: "EGRESS",
        destinationRanges: [ANYWHERE],
        targetTags: [tags.app, tags.bastion, tags.credentials],
        allows: tcp([HTTPS]),
    });
    if (ranges.cluster) {
        // GKE opens the ingress side itself (its gke-* rules); the deny-all egress below would
        // cut the nodes off from their pods and control plane, as GKE's documentation warns.
        rule("cluster-egress", {
            description: "Cluster nodes and pods to each other (node and pod ranges)",
            direction: "EGRESS",
            destinationRanges: [ranges.app, ranges.cluster.pods],
            targetTags: [tags.app],
            allows: [{ protocol: "all" }],
        });
        rule("master-egress", {
            description: "Cluster nodes to the control plane's private endpoint",
            direction: "EGRESS",
            destinationRanges: [ranges.cluster.controlPlane],
            targetTags: [tags.app],
            allows: tcp(CONTROL_PLANE_PORTS),
        });
    }
    rule("deny-egress", {
        description: "Everything not allowed above, logged: no other tier reaches the data tier",
        direction: "EGRESS",
        priority: DENY_ALL_PRIORITY,
        destinationRanges: [ANYWHERE],
        denies: [{ protocol: "all" }],
    });
    return rules;
}
