// Kubernetes rules on the objects around the workloads: a compliant app namespace (Pod
// Security, quota, limits, default deny), a web Deployment behind a ClusterIP Service, its
// autoscaler and disruption budget, a TLS Ingress and least-privilege RBAC; one failing
// mutation per rule.

import { policy as hpaMinReplicas } from "../../../policies/rules/kubernetes/horizontal-pod-autoscaler/min-replicas";
import { policy as ingressNoSnippets } from "../../../policies/rules/kubernetes/ingress/no-snippets";
import { policy as ingressTls } from "../../../policies/rules/kubernetes/ingress/tls";
import { policy as podSecurity } from "../../../policies/rules/kubernetes/namespace/pod-security";
import { policy as resourceQuota } from "../../../policies/rules/kubernetes/namespace/resource-quota";
import { policy as defaultDeny } from "../../../policies/rules/kubernetes/network-policy/default-deny";
import { policy as allowsDisruption } from "../../../policies/rules/kubernetes/pod-disruption-budget/allows-disruption";
import { policy as noClusterAdmin } from "../../../policies/rules/kubernetes/role-binding/no-cluster-admin";
import { policy as noWildcards } from "../../../policies/rules/kubernetes/role/no-wildcards";
import { policy as clusterIp } from "../../../policies/rules/kubernetes/service/cluster-ip";
import { policy as noExternalIps } from "../../../policies/rules/kubernetes/service/no-external-ips";
import { policy as noSecretEnv } from "../../../policies/rules/kubernetes/workload/no-secret-env-values";
import { PlannedResource } from "../../../policies/lib/evaluate";
import { add, all, PolicyCase, remove, resource, set } from "../harness";

const NS = "platform";
const WEB_LABELS = { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "platform-prod" };
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: NS, labels: { tier: "production-medium", ...WEB_LABELS }, ...extra });

/** A hardened web container: the workload rules' own baseline. */
const CONTAINER = {
    name: "web",
    image: "ghcr.io/acme/web:1.0.0",
    ports: [{ name: "http", containerPort: 3000 }],
    env: [{ name: "SERVICE_NAME", value: "web" }],
    envFrom: [{ secretRef: { name: "web-env" } }],
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
    livenessProbe: { httpGet: { path: "/api/health", port: "http" } },
    readinessProbe: { httpGet: { path: "/api/ready", port: "http" } },
};

/** The app namespace with everything the rules ask for. */
export function appNamespace(): PlannedResource[] {
    return [
        resource("kubernetes:core/v1:Namespace", "namespace", { metadata: { name: NS, labels: { tier: "production-medium", "pod-security.kubernetes.io/enforce": "restricted" } } }),
        resource("kubernetes:core/v1:ResourceQuota", "quota", { metadata: meta("platform-quota"), spec: { hard: { "requests.cpu": "16", "limits.memory": "64Gi" } } }),
        resource("kubernetes:core/v1:LimitRange", "limits", { metadata: meta("platform-defaults"), spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "512Mi" } }] } }),
        resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "default-deny", { metadata: meta("default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }),
        resource("kubernetes:apps/v1:Deployment", "web", {
            metadata: meta("web"),
            spec: {
                selector: { matchLabels: WEB_LABELS },
                template: {
                    metadata: { labels: WEB_LABELS },
                    spec: {
                        automountServiceAccountToken: false,
                        securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [CONTAINER],
                        volumes: [{ name: "tmp", emptyDir: {} }],
                    },
                },
            },
        }),
        resource("kubernetes:core/v1:Service", "web-service", { metadata: meta("web"), spec: { type: "ClusterIP", selector: WEB_LABELS, ports: [{ port: 3000, targetPort: "http" }] } }),
        resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-autoscaler", {
            metadata: meta("web"),
            spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 10 },
        }),
        resource("kubernetes:policy/v1:PodDisruptionBudget", "web-disruption", { metadata: meta("web"), spec: { maxUnavailable: 1, selector: { matchLabels: WEB_LABELS } } }),
        resource("kubernetes:networking.k8s.io/v1:Ingress", "ingress", {
            metadata: meta("public", { annotations: { "cert-manager.io/cluster-issuer": "platform-issuer" } }),
            spec: { ingressClassName: "nginx", tls: [{ hosts: ["acme-lms.com"], secretName: "public-tls" }], rules: [{ host: "acme-lms.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 3000 } } } }] } }] },
        }),
        resource("kubernetes:rbac.authorization.k8s.io/v1:Role", "reader", { metadata: meta("config-reader"), rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }] }),
        resource("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "reader-binding", {
            metadata: meta("config-reader"),
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "config-reader" },
            subjects: [{ kind: "ServiceAccount", name: "web", namespace: NS }],
        }),
    ];
}

const WEB_ENV = "spec.template.spec.containers.0.env";

export const cases: PolicyCase[] = [
    {
        policy: clusterIp,
        baseline: appNamespace,
        mutations: [
            { title: "public LoadBalancer", apply: set("web-service", "spec.type", "LoadBalancer"), message: /spec.type is LoadBalancer without an internal load balancer annotation/ },
            { title: "NodePort", apply: set("web-service", "spec.type", "NodePort"), message: /spec.type is NodePort/ },
            {
                title: "internal AWS load balancer",
                apply: all(set("web-service", "spec.type", "LoadBalancer"), set("web-service", "metadata.annotations", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" })),
                expectNone: true,
            },
        ],
    },
    {
        policy: noExternalIps,
        baseline: appNamespace,
        mutations: [{ title: "external IP", apply: set("web-service", "spec.externalIPs", ["198.51.100.7"]), message: /spec.externalIPs lists 198.51.100.7/ }],
    },
    {
        policy: ingressTls,
        baseline: appNamespace,
        mutations: [
            { title: "no TLS", apply: set("ingress", "spec.tls", undefined), message: /no spec.tls with a secretName/ },
            { title: "no ingress class", apply: set("ingress", "spec.ingressClassName", undefined), message: /spec.ingressClassName is not set/ },
            {
                title: "the ALB's certificate instead of a Secret",
                apply: all(set("ingress", "spec.tls", undefined), set("ingress", "metadata.annotations", { "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-east-1:123456789012:certificate/x" })),
                expectNone: true,
            },
        ],
    },
    {
        policy: ingressNoSnippets,
        baseline: appNamespace,
        mutations: [{ title: "configuration snippet", apply: set("ingress", "metadata.annotations", { "nginx.ingress.kubernetes.io/configuration-snippet": "more_set_headers x;" }), message: /configuration-snippet: a snippet writes raw nginx/ }],
    },
    {
        policy: defaultDeny,
        baseline: appNamespace,
        mutations: [
            { title: "no default deny", apply: remove("default-deny"), message: /namespace "platform" runs Deployment "web" but has no default-deny NetworkPolicy/ },
            { title: "egress only", apply: set("default-deny", "spec.policyTypes", ["Egress"]), message: /has no default-deny/ },
            { title: "ingress denied, egress open (a data namespace's operators)", apply: set("default-deny", "spec.policyTypes", ["Ingress"]), expectNone: true },
            { title: "a policy that allows everything", apply: set("default-deny", "spec.ingress", [{}]), message: /has no default-deny/ },
        ],
    },
    {
        policy: allowsDisruption,
        baseline: appNamespace,
        mutations: [
            { title: "maxUnavailable 0", apply: set("web-disruption", "spec.maxUnavailable", 0), message: /maxUnavailable 0: no node running its pods can ever be drained/ },
            { title: "minAvailable equal to the autoscaler's minimum", apply: all(set("web-disruption", "spec.maxUnavailable", undefined), set("web-disruption", "spec.minAvailable", 2)), message: /minAvailable 2 of "web", which may run only 2 pod/ },
            { title: "minAvailable 100%", apply: all(set("web-disruption", "spec.maxUnavailable", undefined), set("web-disruption", "spec.minAvailable", "100%")), message: /minAvailable 100%/ },
            { title: "minAvailable 1 of at least 2", apply: all(set("web-disruption", "spec.maxUnavailable", undefined), set("web-disruption", "spec.minAvailable", 1)), expectNone: true },
        ],
    },
    {
        policy: hpaMinReplicas,
        baseline: appNamespace,
        mutations: [
            { title: "one pod in production", apply: set("web-autoscaler", "spec.minReplicas", 1), message: /minReplicas is 1; the production-medium tier keeps at least 2 pods/ },
            { title: "one pod in development", apply: set("web-autoscaler", "spec.minReplicas", 1), tier: "development", expectNone: true },
            { title: "maximum below minimum", apply: set("web-autoscaler", "spec.maxReplicas", 1), message: /maxReplicas 1 is below minReplicas 2/ },
        ],
    },
    {
        policy: podSecurity,
        baseline: appNamespace,
        mutations: [
            { title: "privileged", apply: set("namespace", "metadata.labels", { "pod-security.kubernetes.io/enforce": "privileged" }), message: /enforce is "privileged"/ },
            { title: "no label", apply: set("namespace", "metadata.labels", {}), message: /enforce is not set/ },
            { title: "baseline", apply: set("namespace", "metadata.labels", { "pod-security.kubernetes.io/enforce": "baseline" }), expectNone: true },
            {
                title: "node_exporter's own namespace, labelled for it",
                apply: set("namespace", "metadata.labels", { "pod-security.kubernetes.io/enforce": "privileged", "platform.io/privileged-workload": "node-exporter" }),
                expectNone: true,
            },
            {
                title: "any other workload named as privileged",
                apply: set("namespace", "metadata.labels", { "pod-security.kubernetes.io/enforce": "privileged", "platform.io/privileged-workload": "web" }),
                message: /enforce is "privileged"/,
            },
        ],
    },
    {
        policy: resourceQuota,
        baseline: appNamespace,
        mutations: [
            { title: "no quota", apply: remove("quota"), message: /namespace "platform" runs workloads without a ResourceQuota/ },
            { title: "no quota nor limits", apply: remove("quota", "limits"), message: /without a ResourceQuota or LimitRange/ },
            {
                title: "a namespace with only a one-off Job needs none",
                apply: add(
                    resource("kubernetes:core/v1:Namespace", "data", { metadata: { name: "data", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } }),
                    resource("kubernetes:batch/v1:Job", "bucket-setup", { metadata: { name: "bucket-setup", namespace: "data" }, spec: { template: { spec: { containers: [] } } } }),
                ),
                expectNone: true,
            },
            { title: "a namespace without workloads needs none", apply: add(resource("kubernetes:core/v1:Namespace", "empty", { metadata: { name: "empty", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } })), expectNone: true },
        ],
    },
    {
        policy: noWildcards,
        baseline: appNamespace,
        mutations: [
            { title: "every verb", apply: set("reader", "rules.0.verbs", ["*"]), message: /rules\[0\].verbs contains "\*"/ },
            { title: "every resource of every group", apply: all(set("reader", "rules.0.resources", ["*"]), set("reader", "rules.0.apiGroups", ["*"])), message: /rules\[0\].resources contains "\*"/ },
        ],
    },
    {
        policy: noClusterAdmin,
        baseline: appNamespace,
        mutations: [
            { title: "cluster-admin for the web service account", apply: set("reader-binding", "roleRef.name", "cluster-admin"), message: /binds cluster-admin to service account platform\/web/ },
            {
                title: "cluster-admin for a group of people",
                apply: all(set("reader-binding", "roleRef.name", "cluster-admin"), set("reader-binding", "subjects", [{ kind: "Group", name: "platform-admins", apiGroup: "rbac.authorization.k8s.io" }])),
                expectNone: true,
            },
        ],
    },
    {
        policy: noSecretEnv,
        baseline: appNamespace,
        mutations: [
            { title: "a password in env", apply: set("web", WEB_ENV, [{ name: "DB_PASSWORD", value: "hunter2" }]), message: /sets DB_PASSWORD as a plain env value/ },
            { title: "a URL with a password", apply: set("web", WEB_ENV, [{ name: "DATABASE_URL", value: "postgresql://app:hunter2@db:5432/app" }]), message: /sets DATABASE_URL as a plain env value/ },
            { title: "a password from a Secret", apply: set("web", WEB_ENV, [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }]), expectNone: true },
        ],
    },
];
