import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, read } from "../../../lib/values";
import { podSpec, WORKLOAD_TYPES } from "./shared";

const RUNTIME_SOCKETS = ["/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock"];

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-no-docker-socket",
    description: "Workload pods never mount the container runtime's socket, which controls every container on the node (Checkov CKV_K8S_27).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "no `hostPath` volume on a container runtime socket",
    validateResource: podSpec((spec, report) => {
        asArray(read(() => spec.volumes)).forEach((entry, index) => {
            const path = at(asRecord(entry), "hostPath.path");
            if (typeof path === "string" && RUNTIME_SOCKETS.includes(path.replace(/\/+$/, ""))) {
                report(`volumes[${index}] mounts ${path}: the pod can start privileged containers on the node.`);
            }
        });
    }),
};
