// What the offline engine answers in place of a Kubernetes API server: the status a controller
// fills (an Ingress's load balancer address). Deterministic, so two plans are byte-identical.

type State = Record<string, unknown>;

function str(value: unknown, fallback: string): string {
    return typeof value === "string" ? value : fallback;
}

/** The address an ingress controller publishes: a DNS name for the AWS ALB, an IP elsewhere. */
function loadBalancerStatus(className: string, name: string, region: string): State {
    const ingress = className === "alb" ? { hostname: `k8s-${name}-0123456789.${region}.elb.amazonaws.com` } : { ip: "203.0.113.10" };
    return { loadBalancer: { ingress: [ingress] } };
}

export function kubernetesOutputs(type: string, _name: string, inputs: State, region: string): State {
    switch (type) {
        case "kubernetes:networking.k8s.io/v1:Ingress": {
            const spec = (inputs.spec ?? {}) as State;
            const metadata = (inputs.metadata ?? {}) as State;
            return { status: loadBalancerStatus(str(spec.ingressClassName, ""), str(metadata.name, "ingress"), region) };
        }
        default:
            return {};
    }
}
