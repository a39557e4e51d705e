import { PlatformResourcePolicy } from "../../../lib/types";
import { read } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

/** The tag of an image reference, or undefined for a digest or no tag. */
function tagOf(image: string): string | undefined {
    if (image.includes("@sha256:")) {
        return undefined;
    }
    const last = image.split("/").pop() ?? image;
    return last.includes(":") ? last.split(":").pop() : "";
}

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-pinned-image",
    description: "Workload containers use a pinned image: a version tag or a digest, never latest or no tag (Checkov CKV_K8S_14, CKV_K8S_43).",
    enforcementLevel: "advisory",
    severity: "medium",
    category: "hygiene",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`image` with a tag other than `latest`, or an `@sha256:` digest",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        const image = read(() => container.image);
        if (typeof image !== "string") {
            return;
        }
        const tag = tagOf(image);
        if (tag === "" || tag === "latest") {
            report(`${label} image ${JSON.stringify(image)} is not pinned: each node may run a different build.`);
        }
    }),
};
