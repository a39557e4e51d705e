// Kubernetes workload rules on every workload shape: a compliant Deployment, CronJob and Pod,
// and one failing mutation per rule.

import { policy as dropAll } from "../../../policies/rules/kubernetes/workload/drop-all-capabilities";
import { policy as liveness } from "../../../policies/rules/kubernetes/workload/liveness-probe";
import { policy as noAddedCapabilities } from "../../../policies/rules/kubernetes/workload/no-added-capabilities";
import { policy as noDockerSocket } from "../../../policies/rules/kubernetes/workload/no-docker-socket";
import { policy as noHostNamespaces } from "../../../policies/rules/kubernetes/workload/no-host-namespaces";
import { policy as noHostPorts } from "../../../policies/rules/kubernetes/workload/no-host-ports";
import { policy as noEscalation } from "../../../policies/rules/kubernetes/workload/no-privilege-escalation";
import { policy as noPrivileged } from "../../../policies/rules/kubernetes/workload/no-privileged";
import { policy as notDefaultNamespace } from "../../../policies/rules/kubernetes/workload/not-default-namespace";
import { policy as pinnedImage } from "../../../policies/rules/kubernetes/workload/pinned-image";
import { policy as readOnlyRoot } from "../../../policies/rules/kubernetes/workload/read-only-root-filesystem";
import { policy as readiness } from "../../../policies/rules/kubernetes/workload/readiness-probe";
import { policy as limits } from "../../../policies/rules/kubernetes/workload/resource-limits";
import { policy as requests } from "../../../policies/rules/kubernetes/workload/resource-requests";
import { policy as nonRoot } from "../../../policies/rules/kubernetes/workload/run-as-non-root";
import { policy as seccomp } from "../../../policies/rules/kubernetes/workload/seccomp-profile";
import { policy as saToken } from "../../../policies/rules/kubernetes/workload/service-account-token";
import { PlannedResource } from "../../../policies/lib/evaluate";
import { PolicyCase, resource, set } from "../harness";
import { cases as objectCases } from "./kubernetes-objects";

function container(name: string, probes: boolean): Record<string, unknown> {
    return {
        name,
        image: "ghcr.io/acme/web:1.0.0",
        ports: [{ containerPort: 3000 }],
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
        ...(probes ? { livenessProbe: { httpGet: { path: "/api/health", port: 3000 } }, readinessProbe: { httpGet: { path: "/api/ready", port: 3000 } } } : {}),
    };
}

function podSpec(probes = true): Record<string, unknown> {
    return {
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
        initContainers: [{ ...container("migrate", false), ports: [] }],
        containers: [container("web", probes)],
        volumes: [{ name: "tmp", emptyDir: {} }],
    };
}

const metadata = { name: "web", namespace: "platform", labels: { tier: "production-medium" } };

/** A Deployment, a CronJob (batch: no probes) and a bare Pod, all compliant. */
export function workloads(): PlannedResource[] {
    return [
        resource("kubernetes:apps/v1:Deployment", "web", { metadata, spec: { replicas: 3, template: { metadata, spec: podSpec() } } }),
        resource("kubernetes:batch/v1:CronJob", "nightly", { metadata, spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { spec: podSpec(false) } } } } }),
        resource("kubernetes:core/v1:Pod", "debug", { metadata, spec: podSpec() }),
    ];
}

const WEB = "spec.template.spec.containers.0";
const WEB_POD = "spec.template.spec";
const JOB_POD = "spec.jobTemplate.spec.template.spec";

export const cases: PolicyCase[] = [
    {
        policy: nonRoot,
        baseline: workloads,
        mutations: [
            { title: "pod allows root", apply: set("web", `${WEB_POD}.securityContext`, {}), message: /containers\[0\] "web" may run as root/ },
            { title: "container runs as 0", apply: set("debug", "spec.containers.0.securityContext.runAsUser", 0), message: /runs as user 0/ },
        ],
    },
    {
        policy: noPrivileged,
        baseline: workloads,
        mutations: [{ title: "privileged init container", apply: set("nightly", `${JOB_POD}.initContainers.0.securityContext.privileged`, true), message: /initContainers\[0\] "migrate" is privileged/ }],
    },
    {
        policy: noEscalation,
        baseline: workloads,
        mutations: [{ title: "escalation allowed", apply: set("web", `${WEB}.securityContext.allowPrivilegeEscalation`, true), message: /does not set securityContext.allowPrivilegeEscalation: false/ }],
    },
    {
        policy: noHostNamespaces,
        baseline: workloads,
        mutations: [
            { title: "host network", apply: set("web", `${WEB_POD}.hostNetwork`, true), message: /hostNetwork is true/ },
            { title: "host PID on a CronJob", apply: set("nightly", `${JOB_POD}.hostPID`, true), message: /hostPID is true/ },
        ],
    },
    {
        policy: noHostPorts,
        baseline: workloads,
        mutations: [{ title: "host port", apply: set("web", `${WEB}.ports.0.hostPort`, 80), message: /binds host port 80/ }],
    },
    {
        policy: noDockerSocket,
        baseline: workloads,
        mutations: [{ title: "docker socket", apply: set("debug", "spec.volumes", [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }]), message: /mounts \/var\/run\/docker.sock/ }],
    },
    {
        policy: readOnlyRoot,
        baseline: workloads,
        mutations: [{ title: "writable root", apply: set("web", `${WEB}.securityContext.readOnlyRootFilesystem`, false), message: /readOnlyRootFilesystem: true/ }],
    },
    {
        policy: dropAll,
        baseline: workloads,
        mutations: [{ title: "drops only NET_RAW", apply: set("web", `${WEB}.securityContext.capabilities.drop`, ["NET_RAW"]), message: /does not drop ALL capabilities/ }],
    },
    {
        policy: noAddedCapabilities,
        baseline: workloads,
        mutations: [
            { title: "SYS_ADMIN", apply: set("web", `${WEB}.securityContext.capabilities.add`, ["SYS_ADMIN"]), message: /adds capabilities SYS_ADMIN/ },
            { title: "NET_BIND_SERVICE is allowed", apply: set("web", `${WEB}.securityContext.capabilities.add`, ["NET_BIND_SERVICE"]), expectNone: true },
        ],
    },
    {
        policy: seccomp,
        baseline: workloads,
        mutations: [
            { title: "no profile", apply: set("web", `${WEB_POD}.securityContext.seccompProfile`, undefined), message: /seccompProfile unset/ },
            { title: "unconfined container", apply: set("debug", "spec.containers.0.securityContext.seccompProfile", { type: "Unconfined" }), message: /seccompProfile "Unconfined"/ },
        ],
    },
    {
        policy: requests,
        baseline: workloads,
        mutations: [{ title: "no memory request", apply: set("web", `${WEB}.resources.requests.memory`, undefined), message: /has no memory request/ }],
    },
    {
        policy: limits,
        baseline: workloads,
        mutations: [{ title: "no limits", apply: set("web", `${WEB}.resources.limits`, undefined), message: /has no cpu or memory limit/ }],
    },
    {
        policy: liveness,
        baseline: workloads,
        mutations: [{ title: "no liveness probe", apply: set("web", `${WEB}.livenessProbe`, undefined), message: /containers\[0\] "web" has no livenessProbe/ }],
    },
    {
        policy: readiness,
        baseline: workloads,
        mutations: [{ title: "no readiness probe", apply: set("debug", "spec.containers.0.readinessProbe", undefined), message: /has no readinessProbe/ }],
    },
    {
        policy: pinnedImage,
        baseline: workloads,
        mutations: [
            { title: "latest", apply: set("web", `${WEB}.image`, "ghcr.io/acme/web:latest"), message: /is not pinned/ },
            { title: "no tag", apply: set("web", `${WEB}.image`, "nginx"), message: /"nginx" is not pinned/ },
            { title: "registry with a port but no tag", apply: set("web", `${WEB}.image`, "registry:5000/acme/web"), message: /is not pinned/ },
            { title: "digest", apply: set("web", `${WEB}.image`, "ghcr.io/acme/web@sha256:0123"), expectNone: true },
        ],
    },
    {
        policy: notDefaultNamespace,
        baseline: workloads,
        mutations: [{ title: "default namespace", apply: set("web", "metadata.namespace", "default"), message: /metadata.namespace is default/ }],
    },
    {
        policy: saToken,
        baseline: workloads,
        mutations: [{ title: "token mounted", apply: set("web", `${WEB_POD}.automountServiceAccountToken`, true), message: /automountServiceAccountToken is not false/ }],
    },
];

// The objects around the workloads (Services, Ingress, policies, autoscalers, namespaces, RBAC).
cases.push(...objectCases);
