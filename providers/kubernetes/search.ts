// The LMS document's search cluster on an existing cluster: the OpenSearch project's own chart
// (pinned, and its image pinned to the same release the VMs install) in the data namespace, as a
// StatefulSet per node group with a PersistentVolumeClaim per node. With dedicated managers the
// chart is installed twice (a manager group and a data group, as its documentation does); without,
// one group holds every role. TLS on HTTP and transport comes from the platform CA, the security
// plugin is on, and its users (admin, the application) are generated here: their bcrypt hashes
// go into the security configuration, the application's password into SEARCH_URL. Only the app
// namespace reaches 9200 (NetworkPolicy).

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, DataDeps, SearchOutputs } from "../adapter";
import { SearchSpec, Shape } from "../../tiers/types";
import { APP_ROLE_YAML, OPENSEARCH_VERSION, ROLES_MAPPING_YAML, SEARCH_APP_USER, SEARCH_HTTP_PORT, SEARCH_TRANSPORT_PORT } from "../vm/searchNode";
import { childName, childOpts, dataOpts, labelsFor } from "./common";
import { pyQuote } from "./environment";
import { KubernetesNetworkNative, nativeOf } from "./native";
import { appNamespaceName } from "./names";
import { allowDataIngress, namespacePeer } from "./network";
import { dnsLabel, serviceDnsNames } from "./sizes";
import { signCertificate } from "./tls";

export const OPENSEARCH_CHART = { chart: "opensearch", version: "2.32.0", repo: "https://opensearch-project.github.io/helm-charts" } as const;
const CLUSTER_NAME = "opensearch";
const CERTS_PATH = "/usr/share/opensearch/config/certs";
const MANAGER_VOLUME = "10Gi";

export interface KubernetesSearchNative {
    /** https://app:<password>@<service>.<namespace>.svc:9200, rendered into each service's Secret. */
    url: pulumi.Output<string>;
}

/** Pod resources: the shape in full (OpenSearch sizes its heap against the limit), half the CPU requested. */
export function searchResources(shape: Shape): { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } } {
    return { requests: { cpu: `${shape.vcpus * 500}m`, memory: `${shape.memoryGb}Gi` }, limits: { cpu: String(shape.vcpus), memory: `${shape.memoryGb}Gi` } };
}

/** Half the memory for the heap, the rest for Lucene's file cache. */
export function heapOptions(shape: Shape): string {
    const heapMb = Math.min(Math.floor((shape.memoryGb * 1024) / 2), 31744);
    return `-Xms${heapMb}m -Xmx${heapMb}m`;
}

/** The node groups the chart is installed for: [group, roles, replicas, shape, volume]. */
export function nodeGroups(spec: Pick<SearchSpec, "dataNodes" | "dedicatedMasters" | "shape" | "masterShape" | "storageGbPerNode">) {
    const data = { group: "data", roles: spec.dedicatedMasters > 0 ? ["data", "ingest"] : ["cluster_manager", "data", "ingest"], replicas: spec.dataNodes, shape: spec.shape, volume: `${spec.storageGbPerNode}Gi` };
    const manager = { group: "manager", roles: ["cluster_manager"], replicas: spec.dedicatedMasters, shape: spec.masterShape, volume: MANAGER_VOLUME };
    return spec.dedicatedMasters > 0 ? [manager, data] : [data];
}

function openSearchYaml(nodeDn: string): string {
    const protocols = '["TLSv1.3", "TLSv1.2"]';
    return [
        `cluster.name: ${CLUSTER_NAME}`,
        "network.host: 0.0.0.0",
        // No vm.max_map_count on a cluster the platform does not own: Lucene uses NIO instead of mmap.
        "node.store.allow_mmap: false",
        "action.destructive_requires_name: true",
        "cluster.routing.allocation.awareness.attributes: zone",
        "plugins.security.ssl.transport.pemcert_filepath: certs/tls.crt",
        "plugins.security.ssl.transport.pemkey_filepath: certs/tls.key",
        "plugins.security.ssl.transport.pemtrustedcas_filepath: certs/ca.crt",
        "plugins.security.ssl.transport.enforce_hostname_verification: false",
        `plugins.security.ssl.transport.enabled_protocols: ${protocols}`,
        "plugins.security.ssl.http.enabled: true",
        "plugins.security.ssl.http.pemcert_filepath: certs/tls.crt",
        "plugins.security.ssl.http.pemkey_filepath: certs/tls.key",
        "plugins.security.ssl.http.pemtrustedcas_filepath: certs/ca.crt",
        `plugins.security.ssl.http.enabled_protocols: ${protocols}`,
        `plugins.security.nodes_dn: ["${nodeDn}"]`,
        "plugins.security.allow_default_init_securityindex: true",
        'plugins.security.restapi.roles_enabled: ["all_access"]',
        "plugins.security.audit.type: internal_opensearch",
        "",
    ].join("\n");
}

export function createSearch(ctx: AdapterContext, spec: SearchSpec, deps: DataDeps): AdapterResult<SearchOutputs> {
    const network = nativeOf<KubernetesNetworkNative>(deps.network);
    const namespace = network.dataNamespace;
    const labels = labelsFor(ctx, "search");
    const groups = nodeGroups(spec);
    const service = `${CLUSTER_NAME}-data`;
    const names = { tls: dnsLabel(`${ctx.name}-tls`), users: dnsLabel(`${ctx.name}-users`), roles: dnsLabel(`${ctx.name}-roles`), mapping: dnsLabel(`${ctx.name}-roles-mapping`) };

    // One certificate for every node: its service names and each pod's name on the headless Services.
    const dnsNames = namespace.apply((ns) => [
        ...groups.flatMap(({ group }) => [...serviceDnsNames(`${CLUSTER_NAME}-${group}`, ns), `*.${CLUSTER_NAME}-${group}-headless.${ns}.svc`, `*.${CLUSTER_NAME}-${group}-headless.${ns}.svc.cluster.local`]),
    ]);
    const { key, cert } = signCertificate(ctx, network, "search", { commonName: service, dnsNames, uses: ["server_auth", "client_auth"] });
    const nodeDn = `CN=${service},O=${ctx.platform.name}`;
    const secret = (role: string, name: string, stringData: Record<string, pulumi.Input<string>>, type = "Opaque") =>
        new k8s.core.v1.Secret(childName(ctx, role), { metadata: { name, namespace, labels }, type, stringData }, childOpts(ctx, { provider: network.provider, dependsOn: network.ready }));
    const tlsSecret = secret("tls", names.tls, { "tls.crt": cert.certPem, "tls.key": key.privateKeyPemPkcs8, "ca.crt": network.ca.cert.certPem }, "kubernetes.io/tls");

    const password = (role: string) => new random.RandomPassword(childName(ctx, role), { length: 32, special: false, minLower: 1, minUpper: 1, minNumeric: 1 }, childOpts(ctx));
    const admin = password("admin-password");
    const app = password("app-password");
    const users = pulumi.interpolate`_meta:
  type: "internalusers"
  config_version: 2
admin:
  hash: "${admin.bcryptHash}"
  reserved: true
  backend_roles: ["admin"]
${SEARCH_APP_USER}:
  hash: "${app.bcryptHash}"
`;
    const securitySecrets = [
        secret("users", names.users, { "internal_users.yml": users, "admin-password": admin.result }),
        secret("roles", names.roles, { "roles.yml": APP_ROLE_YAML }),
        secret("roles-mapping", names.mapping, { "roles_mapping.yml": ROLES_MAPPING_YAML }),
    ];
    const appAccess = allowDataIngress(ctx, network, "data-from-app-search", [namespacePeer(appNamespaceName(ctx.platform.name))], [SEARCH_HTTP_PORT]);

    const releases: k8s.helm.v3.Release[] = [];
    for (const group of groups) {
        const values = {
            clusterName: CLUSTER_NAME,
            nodeGroup: group.group,
            masterService: `${CLUSTER_NAME}-${spec.dedicatedMasters > 0 ? "manager" : "data"}`,
            roles: group.roles,
            replicas: group.replicas,
            image: { tag: OPENSEARCH_VERSION },
            opensearchJavaOpts: heapOptions(group.shape),
            resources: searchResources(group.shape),
            persistence: { enabled: true, size: group.volume, enableInitChown: false, ...(network.storageClass ? { storageClass: network.storageClass } : {}) },
            antiAffinity: "hard",
            topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "app.kubernetes.io/instance": `${CLUSTER_NAME}-${group.group}` } } }],
            podSecurityContext: { fsGroup: 1000, runAsUser: 1000, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
            securityContext: { runAsUser: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            sysctlInit: { enabled: false },
            protocol: "https",
            httpPort: SEARCH_HTTP_PORT,
            transportPort: SEARCH_TRANSPORT_PORT,
            extraEnvs: [{ name: "DISABLE_INSTALL_DEMO_CONFIG", value: "true" }],
            config: { "opensearch.yml": openSearchYaml(nodeDn) },
            secretMounts: [{ name: "node-tls", secretName: names.tls, path: CERTS_PATH }],
            securityConfig: { enabled: true, internalUsersSecret: names.users, rolesSecret: names.roles, rolesMappingSecret: names.mapping },
            maxUnavailable: 1,
            labels,
        };
        releases.push(
            new k8s.helm.v3.Release(
                childName(ctx, `opensearch-${group.group}`),
                {
                    name: `${CLUSTER_NAME}-${group.group}`,
                    chart: OPENSEARCH_CHART.chart,
                    version: OPENSEARCH_CHART.version,
                    repositoryOpts: { repo: OPENSEARCH_CHART.repo },
                    namespace,
                    values,
                    // Nodes join one by one; a cold start of three nodes takes minutes.
                    timeout: 1200,
                },
                dataOpts(ctx, { provider: network.provider, dependsOn: [...network.ready, tlsSecret, ...securitySecrets, appAccess, ...releases] }),
            ),
        );
    }

    const host = pulumi.interpolate`${service}.${namespace}.svc`;
    const url = pulumi.secret(pulumi.interpolate`https://${SEARCH_APP_USER}:${app.result.apply((value) => pyQuote(value))}@${host}:${SEARCH_HTTP_PORT}`);
    const native: KubernetesSearchNative = { url };
    return {
        outputs: { endpoint: pulumi.interpolate`https://${host}:${SEARCH_HTTP_PORT}`, dashboardsUrl: pulumi.output(""), port: pulumi.output(SEARCH_HTTP_PORT) },
        native,
    };
}
