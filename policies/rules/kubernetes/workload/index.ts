import { PlatformPolicy } from "../../../lib/types";
import { policy as dropAllCapabilities } from "./drop-all-capabilities";
import { policy as livenessProbe } from "./liveness-probe";
import { policy as noAddedCapabilities } from "./no-added-capabilities";
import { policy as noDockerSocket } from "./no-docker-socket";
import { policy as noHostNamespaces } from "./no-host-namespaces";
import { policy as noHostPorts } from "./no-host-ports";
import { policy as noSecretEnvValues } from "./no-secret-env-values";
import { policy as noPrivilegeEscalation } from "./no-privilege-escalation";
import { policy as noPrivileged } from "./no-privileged";
import { policy as notDefaultNamespace } from "./not-default-namespace";
import { policy as pinnedImage } from "./pinned-image";
import { policy as readOnlyRootFilesystem } from "./read-only-root-filesystem";
import { policy as readinessProbe } from "./readiness-probe";
import { policy as resourceLimits } from "./resource-limits";
import { policy as resourceRequests } from "./resource-requests";
import { policy as runAsNonRoot } from "./run-as-non-root";
import { policy as seccompProfile } from "./seccomp-profile";
import { policy as serviceAccountToken } from "./service-account-token";

export const workloadPolicies: PlatformPolicy[] = [
    runAsNonRoot,
    noPrivileged,
    noPrivilegeEscalation,
    noHostNamespaces,
    noHostPorts,
    noDockerSocket,
    readOnlyRootFilesystem,
    dropAllCapabilities,
    noAddedCapabilities,
    seccompProfile,
    resourceRequests,
    resourceLimits,
    livenessProbe,
    readinessProbe,
    pinnedImage,
    notDefaultNamespace,
    serviceAccountToken,
    noSecretEnvValues,
];
