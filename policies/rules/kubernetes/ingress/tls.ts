import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isUnknown, read } from "../../../lib/values";
import { INGRESS, labelsOf, text } from "../shared";

/** Where the load balancer itself holds the certificate, the controller's annotation names it. */
export const CERTIFICATE_ANNOTATIONS = [
    "alb.ingress.kubernetes.io/certificate-arn",
    "networking.gke.io/managed-certificates",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
    "appgw.ingress.kubernetes.io/appgw-trusted-root-certificate",
];

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-ingress-tls",
    description:
        "Every Ingress names the controller that serves it and terminates TLS, with a certificate Secret or the cloud load balancer's certificate (LMS requirements, Certificate Management: no Checkov or CIS check exists for Ingress TLS).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [INGRESS],
    requires: "`spec.ingressClassName` set, and `spec.tls[]` with a `secretName` or a certificate annotation (ALB certificate-arn, GKE managed-certificates / pre-shared-cert, AGIC appgw-ssl-certificate)",
    validateResource: validateTypes([INGRESS], (props, _args, report) => {
        if (!text(props, "spec.ingressClassName")) {
            report("spec.ingressClassName is not set: whichever controller is the cluster's default, or every controller, may publish it.");
        }
        const tls = asArray(read(() => at(props, "spec.tls"))).filter((entry) => {
            const secretName = read(() => asRecord(entry)?.secretName);
            return isUnknown(secretName) || (typeof secretName === "string" && secretName !== "");
        });
        const annotations = labelsOf(at(props, "metadata.annotations"));
        if (tls.length === 0 && !CERTIFICATE_ANNOTATIONS.some((key) => annotations[key])) {
            report("no spec.tls with a secretName and no load balancer certificate annotation: the ingress serves plain HTTP.");
        }
    }),
};
