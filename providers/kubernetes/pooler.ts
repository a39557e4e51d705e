// The idea-management document's PgBouncer on an existing cluster: a CloudNativePG `Pooler` in
// front of the read-write Service, in transaction mode with the document's pool, reserve and
// idle timeout. Clients reach it over TLS with a certificate the platform CA signs for the
// pooler's own Service names, so PGSSLROOTCERT (the platform CA) verifies it as it verifies the
// database. The data namespace's policy already admits the app namespace on PostgreSQL's port,
// which is the pooler's port too, and the pooler reaches the instances inside the namespace.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../adapter";
import { PoolingSpec } from "../../tiers/types";
import { childOpts, childName } from "./common";
import { KubernetesNetworkNative } from "./native";
import { dnsLabel } from "./sizes";
import { createServerCertificate } from "./tls";

/** PgBouncer in CloudNativePG's pooler pods listens on PostgreSQL's port. */
export const POOLER_PORT = 5432;

/** The pooler's name, which is also its Service's; CloudNativePG refuses one equal to the cluster's. */
export function poolerNameFor(clusterName: string): string {
    return dnsLabel(`${clusterName}-pool-rw`);
}

export interface PoolerInputs {
    pooling: PoolingSpec;
    clusterName: string;
    /** Two pods where the platform protects its data (production): one pod would be a single point of failure. */
    instances: number;
    clientTLSSecret: string;
    clientCASecret: string;
    labels: Record<string, string>;
}

/** The `postgresql.cnpg.io/v1` Pooler's spec. */
export function poolerSpec(inputs: PoolerInputs): Record<string, unknown> {
    const { pooling } = inputs;
    return {
        cluster: { name: inputs.clusterName },
        instances: inputs.instances,
        type: "rw",
        pgbouncer: {
            poolMode: pooling.mode,
            parameters: {
                default_pool_size: String(pooling.poolSize),
                reserve_pool_size: String(pooling.reservePoolSize),
                server_idle_timeout: String(pooling.idleTimeoutSeconds),
            },
            clientTLSSecret: { name: inputs.clientTLSSecret },
            clientCASecret: { name: inputs.clientCASecret },
        },
    };
}

export interface KubernetesPooler {
    resource: k8s.apiextensions.CustomResource;
    host: pulumi.Output<string>;
    port: number;
}

export function createPooler(ctx: AdapterContext, network: KubernetesNetworkNative, pooling: PoolingSpec, args: { clusterName: string; labels: Record<string, string>; dependsOn: pulumi.Resource[] }): KubernetesPooler {
    const name = poolerNameFor(args.clusterName);
    const certificate = createServerCertificate(ctx, network, { role: "pool", component: "database", services: [name] });
    const resource = new k8s.apiextensions.CustomResource(
        childName(ctx, "pool"),
        {
            apiVersion: "postgresql.cnpg.io/v1",
            kind: "Pooler",
            metadata: { name, namespace: network.dataNamespace, labels: args.labels },
            spec: poolerSpec({
                pooling,
                clusterName: args.clusterName,
                instances: ctx.platform.protectData ? 2 : 1,
                clientTLSSecret: certificate.secretName,
                clientCASecret: certificate.caSecretName,
                labels: args.labels,
            }),
        },
        childOpts(ctx, { dependsOn: [...args.dependsOn, certificate.secret, certificate.caSecret] }),
    );
    return { resource, host: pulumi.interpolate`${name}.${network.dataNamespace}.svc`, port: POOLER_PORT };
}
