// A self-run OpenSearch node on a VM (GCP and Azure, where no first-party managed OpenSearch
// exists): the node plan and the boot script both clouds share. Nodes are individual instances
// with fixed names and reserved private addresses rather than a scaling group: a search node is
// stateful (its shards, its identity in the cluster), discovery needs addresses known before any
// node boots, and a group's repair would replace a node with an empty stranger. The pinned
// release is installed from the project's signed tarball; the security plugin is on, with TLS
// on both layers from the platform's CA and two users (admin and the application) whose
// passwords live in the cloud's secret store and are read at boot.

import { SearchSpec } from "../../tiers/types";
import { heredoc, shellQuote } from "./bootScript";

/** The OpenSearch release every self-run node installs (the same as the existing cluster's image). */
export const OPENSEARCH_VERSION = "2.19.1";
export const SEARCH_HTTP_PORT = 9200;
export const SEARCH_TRANSPORT_PORT = 9300;
/** The application's OpenSearch user; the admin user is "admin". */
export const SEARCH_APP_USER = "app";
const INSTALL_DIR = "/opt/opensearch";
const DATA_DIR = "/var/lib/opensearch";
/** The JVM's compressed pointers stop working above about 31 GB of heap. */
const MAX_HEAP_MB = 31744;

export type SearchRole = "cluster_manager" | "data" | "ingest";

export interface SearchNode {
    /** Also the node's host name and its name in the cluster: "data-1", "manager-2". */
    name: string;
    roles: SearchRole[];
    /** Index into the platform's zones: nodes of a kind go round-robin over `spec.zones`. */
    zoneIndex: number;
    kind: "data" | "manager";
}

/**
 * The cluster's nodes: `dataNodes` data nodes, plus three dedicated managers when the tier has
 * them; without, every data node is also manager-eligible (three or one: a quorum either way).
 */
export function searchNodes(spec: Pick<SearchSpec, "dataNodes" | "dedicatedMasters" | "zones">): SearchNode[] {
    const zones = Math.max(1, spec.zones);
    const dedicated = spec.dedicatedMasters > 0;
    const data = Array.from({ length: spec.dataNodes }, (_, index): SearchNode => ({
        name: `data-${index + 1}`,
        roles: dedicated ? ["data", "ingest"] : ["cluster_manager", "data", "ingest"],
        zoneIndex: index % zones,
        kind: "data",
    }));
    const managers = Array.from({ length: spec.dedicatedMasters }, (_, index): SearchNode => ({ name: `manager-${index + 1}`, roles: ["cluster_manager"], zoneIndex: index % zones, kind: "manager" }));
    return [...data, ...managers];
}

/** The nodes that vote in the first election: every manager-eligible node. */
export function initialManagers(nodes: readonly SearchNode[]): string[] {
    return nodes.filter((node) => node.roles.includes("cluster_manager")).map((node) => node.name);
}

export interface SearchBootParams {
    clusterName: string;
    node: SearchNode;
    /** Private addresses of every node: discovery's seed hosts. */
    seedHosts: string[];
    initialManagers: string[];
    /** The cloud's command printing a secret's value; "{ref}" stands for the reference. */
    secretReader: string[];
    secrets: { adminPassword: string; appPassword: string; nodeKey: string };
    /** PEM: the platform CA and the nodes' certificate (public; the key is a secret). */
    caPem: string;
    nodeCertPem: string;
    /** The certificate's subject, trusted as a node on the transport layer. */
    nodeDn: string;
    /** The data disk's stable device path. */
    dataDevice: string;
    /** Cloud-specific lines run first (installing the secret reader). */
    preamble?: string[];
}

/** opensearch.yml: TLS on both layers (TLS 1.2+), the security plugin initialised from the files below. */
export function openSearchConfig(p: SearchBootParams): string {
    const list = (values: string[]): string => `[${values.map((value) => JSON.stringify(value)).join(", ")}]`;
    const protocols = list(["TLSv1.3", "TLSv1.2"]);
    return [
        `cluster.name: ${JSON.stringify(p.clusterName)}`,
        `node.name: ${JSON.stringify(p.node.name)}`,
        `node.roles: ${list(p.node.roles)}`,
        `path.data: ${DATA_DIR}`,
        "path.logs: /var/log/opensearch",
        "network.host: _site_",
        `http.port: ${SEARCH_HTTP_PORT}`,
        `transport.port: ${SEARCH_TRANSPORT_PORT}`,
        `discovery.seed_hosts: ${list(p.seedHosts)}`,
        `cluster.initial_cluster_manager_nodes: ${list(p.initialManagers)}`,
        "bootstrap.memory_lock: true",
        // A replica never shares a zone with its primary.
        "cluster.routing.allocation.awareness.attributes: zone",
        `node.attr.zone: "zone-${p.node.zoneIndex + 1}"`,
        "action.destructive_requires_name: true",
        "plugins.security.ssl.transport.pemcert_filepath: certs/node.pem",
        "plugins.security.ssl.transport.pemkey_filepath: certs/node-key.pem",
        "plugins.security.ssl.transport.pemtrustedcas_filepath: certs/ca.pem",
        // One certificate for every node: the DN below, not the host name, identifies a node.
        "plugins.security.ssl.transport.enforce_hostname_verification: false",
        `plugins.security.ssl.transport.enabled_protocols: ${protocols}`,
        "plugins.security.ssl.http.enabled: true",
        "plugins.security.ssl.http.pemcert_filepath: certs/node.pem",
        "plugins.security.ssl.http.pemkey_filepath: certs/node-key.pem",
        "plugins.security.ssl.http.pemtrustedcas_filepath: certs/ca.pem",
        `plugins.security.ssl.http.enabled_protocols: ${protocols}`,
        `plugins.security.nodes_dn: ${list([p.nodeDn])}`,
        // The first node up writes the users and roles below into the security index; later
        // changes go through the REST API as admin.
        "plugins.security.allow_default_init_securityindex: true",
        'plugins.security.restapi.roles_enabled: ["all_access"]',
        "plugins.security.audit.type: internal_opensearch",
        "plugins.security.enable_snapshot_restore_privilege: true",
        "plugins.security.check_snapshot_restore_write_privileges: true",
        "",
    ].join("\n");
}

/** The application's role: read and write its own indices, never the security or system ones. */
export const APP_ROLE_YAML = [
    "_meta:",
    '  type: "roles"',
    "  config_version: 2",
    "platform_app:",
    "  cluster_permissions:",
    '    - "cluster_composite_ops"',
    '    - "cluster_monitor"',
    '    - "indices:admin/template/*"',
    '    - "indices:admin/index_template/*"',
    "  index_permissions:",
    '    - index_patterns: ["*"]',
    '      allowed_actions: ["crud", "create_index", "manage", "indices_monitor"]',
    "",
].join("\n");

export const ROLES_MAPPING_YAML = [
    "_meta:",
    '  type: "rolesmapping"',
    "  config_version: 2",
    "all_access:",
    '  users: ["admin"]',
    "platform_app:",
    `  users: ["${SEARCH_APP_USER}"]`,
    "",
].join("\n");

/** The node's boot script: disk, kernel settings, the pinned release, TLS, users, the service. */
export function searchBootScript(p: SearchBootParams): string {
    const read = (ref: string): string => p.secretReader.map((part) => shellQuote(part.replace("{ref}", ref))).join(" ");
    const conf = `${INSTALL_DIR}/config`;
    const security = `${conf}/opensearch-security`;
    const tarball = `opensearch-${OPENSEARCH_VERSION}-linux-$ARCH.tar.gz`;
    const base = `https://artifacts.opensearch.org/releases/bundle/opensearch/${OPENSEARCH_VERSION}`;
    const lines = [
        "#!/bin/bash",
        "set -euo pipefail",
        ...(p.preamble ?? []),
        `hostnamectl set-hostname ${shellQuote(p.node.name)}`,
        "id opensearch >/dev/null 2>&1 || useradd --system --home-dir /opt/opensearch --shell /usr/sbin/nologin opensearch",
        // The data disk: formatted once, mounted by its stable device path.
        `DEVICE=${shellQuote(p.dataDevice)}`,
        'until [ -e "$DEVICE" ]; do sleep 2; done',
        'blkid "$DEVICE" >/dev/null || mkfs.ext4 -q -L opensearch "$DEVICE"',
        `mkdir -p ${DATA_DIR} /var/log/opensearch`,
        `grep -q ' ${DATA_DIR} ' /etc/fstab || echo "LABEL=opensearch ${DATA_DIR} ext4 defaults,noatime,nofail 0 2" >> /etc/fstab`,
        `mountpoint -q ${DATA_DIR} || mount ${DATA_DIR}`,
        "sysctl -w vm.max_map_count=262144 vm.swappiness=1",
        "printf 'vm.max_map_count=262144\\nvm.swappiness=1\\n' > /etc/sysctl.d/90-opensearch.conf",
        // The pinned release, checked against the project's published SHA-512.
        'ARCH=$(uname -m | sed "s/x86_64/x64/; s/aarch64/arm64/")',
        `if [ ! -x ${INSTALL_DIR}/bin/opensearch ]; then`,
        `  curl -fsSL --retry 10 -o /tmp/${tarball} ${base}/${tarball}`,
        `  curl -fsSL --retry 10 -o /tmp/${tarball}.sha512 ${base}/${tarball}.sha512`,
        `  (cd /tmp && sha512sum -c ${tarball}.sha512)`,
        `  mkdir -p ${INSTALL_DIR} && tar -xzf /tmp/${tarball} -C ${INSTALL_DIR} --strip-components=1`,
        // Nothing from the demo configuration: certificates and users come next.
        `  rm -f ${conf}/*.pem`,
        "fi",
        `mkdir -p ${conf}/certs`,
        ...heredoc(`${conf}/certs/ca.pem`, p.caPem, "644"),
        ...heredoc(`${conf}/certs/node.pem`, p.nodeCertPem, "644"),
        `umask 077`,
        `until ${read(p.secrets.nodeKey)} > ${conf}/certs/node-key.pem; do sleep 10; done`,
        `until ADMIN_PASSWORD=$(${read(p.secrets.adminPassword)}); do sleep 10; done`,
        `until APP_PASSWORD=$(${read(p.secrets.appPassword)}); do sleep 10; done`,
        `export JAVA_HOME=${INSTALL_DIR}/jdk`,
        // Passed by environment, never on a command line another process could read.
        "export ADMIN_PASSWORD APP_PASSWORD",
        `HASH=${INSTALL_DIR}/plugins/opensearch-security/tools/hash.sh`,
        `ADMIN_HASH=$(bash "$HASH" -env ADMIN_PASSWORD 2>/dev/null | tail -1)`,
        `APP_HASH=$(bash "$HASH" -env APP_PASSWORD 2>/dev/null | tail -1)`,
        `cat > ${security}/internal_users.yml <<EOF`,
        "_meta:",
        '  type: "internalusers"',
        "  config_version: 2",
        "admin:",
        '  hash: "$ADMIN_HASH"',
        "  reserved: true",
        '  backend_roles: ["admin"]',
        `${SEARCH_APP_USER}:`,
        '  hash: "$APP_HASH"',
        "EOF",
        ...heredoc(`${security}/roles.yml`, APP_ROLE_YAML, "600"),
        ...heredoc(`${security}/roles_mapping.yml`, ROLES_MAPPING_YAML, "600"),
        ...heredoc(`${conf}/opensearch.yml`, openSearchConfig(p), "600"),
        // Half the memory for the heap (the rest is the file cache Lucene lives on), at most 31 GB.
        `HEAP_MB=$(awk '/MemTotal/ {h=int($2/2048); if (h>${MAX_HEAP_MB}) h=${MAX_HEAP_MB}; print h}' /proc/meminfo)`,
        `mkdir -p ${conf}/jvm.options.d && printf -- '-Xms%sm\\n-Xmx%sm\\n' "$HEAP_MB" "$HEAP_MB" > ${conf}/jvm.options.d/heap.options`,
        `chown -R opensearch:opensearch ${INSTALL_DIR} ${DATA_DIR} /var/log/opensearch`,
        "umask 022",
        ...heredoc(
            "/etc/systemd/system/opensearch.service",
            [
                "[Unit]",
                "Description=OpenSearch",
                "After=network-online.target",
                "Wants=network-online.target",
                "[Service]",
                "User=opensearch",
                "Group=opensearch",
                `Environment=OPENSEARCH_PATH_CONF=${conf}`,
                `ExecStart=${INSTALL_DIR}/bin/opensearch`,
                "LimitNOFILE=65535",
                "LimitNPROC=4096",
                "LimitMEMLOCK=infinity",
                "Restart=on-failure",
                "TimeoutStartSec=600",
                "[Install]",
                "WantedBy=multi-user.target",
                "",
            ].join("\n"),
            "644",
        ),
        "systemctl daemon-reload",
        "systemctl enable --now opensearch",
        "",
    ];
    return lines.join("\n");
}
