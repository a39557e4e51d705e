// What the offline engine answers in place of Gcp: provider-computed outputs per resource
// type and the data-source invokes the gcp adapter makes. Deterministic, so two plans of
// the same stack are byte-identical.

type State = Record<string, unknown>;

/** The project the offline engine reports for resources that do not name theirs. */
export const MOCK_GCP_PROJECT = "mock-project";
export const MOCK_GCP_PROJECT_NUMBER = "123456789012";

function str(value: unknown, fallback: string): string {
    return typeof value === "string" ? value : fallback;
}

/** Compute Engine self links: https://www.googleapis.com/compute/v1/projects/<p>/<scope>/<collection>/<name>. */
function computeLink(project: string, scope: string, collection: string, name: string): string {
    return `https://www.googleapis.com/compute/v1/projects/${project}/${scope}${collection}/${name}`;
}

/** Provider-computed outputs of a gcp resource; what the program set wins over them. */
export function gcpOutputs(type: string, name: string, inputs: State, region: string): State {
    const project = str(inputs.project, MOCK_GCP_PROJECT);
    const physical = str(inputs.name, name);
    const global = (collection: string) => {
        const link = computeLink(project, "global/", collection, physical);
        return { name: physical, id: `projects/${project}/global/${collection}/${physical}`, selfLink: link };
    };
    switch (type) {
        case "gcp:compute/instanceTemplate:InstanceTemplate": {
            const templateName = `${str(inputs.namePrefix, `${name}-`)}20260101000000000000000001`;
            const link = computeLink(project, "global/", "instanceTemplates", templateName);
            return { name: templateName, id: `projects/${project}/global/instanceTemplates/${templateName}`, selfLink: link, selfLinkUnique: `${link}?uniqueId=1234567890` };
        }
        case "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager":
            return {
                name: physical,
                id: `projects/${project}/regions/${region}/instanceGroupManagers/${physical}`,
                selfLink: computeLink(project, `regions/${region}/`, "instanceGroupManagers", physical),
                instanceGroup: computeLink(project, `regions/${region}/`, "instanceGroups", physical),
            };
        case "gcp:compute/regionAutoscaler:RegionAutoscaler":
            return { name: physical, id: `projects/${project}/regions/${region}/autoscalers/${physical}` };
        case "gcp:compute/healthCheck:HealthCheck":
            return global("healthChecks");
        case "gcp:compute/backendService:BackendService":
            return global("backendServices");
        case "gcp:compute/uRLMap:URLMap":
            return global("urlMaps");
        case "gcp:compute/targetHttpsProxy:TargetHttpsProxy":
            return global("targetHttpsProxies");
        case "gcp:compute/targetHttpProxy:TargetHttpProxy":
            return global("targetHttpProxies");
        case "gcp:compute/sSLPolicy:SSLPolicy":
            return global("sslPolicies");
        case "gcp:compute/securityPolicy:SecurityPolicy":
            return global("securityPolicies");
        case "gcp:compute/managedSslCertificate:ManagedSslCertificate":
        case "gcp:compute/sSLCertificate:SSLCertificate":
            return global("sslCertificates");
        case "gcp:compute/globalForwardingRule:GlobalForwardingRule":
            return global("forwardingRules");
        case "gcp:compute/globalAddress:GlobalAddress":
            return { ...global("addresses"), address: inputs.addressType === "INTERNAL" ? "10.255.0.0" : "203.0.113.20" };
        case "gcp:serviceaccount/account:Account": {
            const email = `${str(inputs.accountId, name)}@${project}.iam.gserviceaccount.com`;
            return { name: `projects/${project}/serviceAccounts/${email}`, id: `projects/${project}/serviceAccounts/${email}`, email, member: `serviceAccount:${email}`, uniqueId: "100000000000000000001" };
        }
        case "gcp:projects/serviceIdentity:ServiceIdentity": {
            const agent = str(inputs.service, "service.googleapis.com").replace(/\.googleapis\.com$/, "");
            const email = `service-${MOCK_GCP_PROJECT_NUMBER}@gcp-sa-${agent}.iam.gserviceaccount.com`;
            return { id: `projects/${project}/services/${str(inputs.service, name)}`, email, member: `serviceAccount:${email}` };
        }
        case "gcp:projects/iAMCustomRole:IAMCustomRole": {
            const roleName = `projects/${project}/roles/${str(inputs.roleId, name)}`;
            return { name: roleName, id: roleName };
        }
        case "gcp:pubsub/topic:Topic":
            return { name: physical, id: `projects/${project}/topics/${physical}` };
        case "gcp:pubsub/subscription:Subscription":
            return { name: physical, id: `projects/${project}/subscriptions/${physical}` };
        case "gcp:secretmanager/secret:Secret": {
            const secretId = str(inputs.secretId, name);
            return { name: `projects/${MOCK_GCP_PROJECT_NUMBER}/secrets/${secretId}`, id: `projects/${project}/secrets/${secretId}`, secretId };
        }
        case "gcp:kms/cryptoKey:CryptoKey": {
            const keyRing = str(inputs.keyRing, `projects/${project}/locations/${region}/keyRings/mock-ring`);
            return { name: physical, id: `${keyRing}/cryptoKeys/${physical}` };
        }
        case "gcp:dns/recordSet:RecordSet":
            return { id: `projects/${project}/managedZones/${str(inputs.managedZone, "zone")}/rrsets/${str(inputs.name, name)}/${str(inputs.type, "A")}` };
        default:
            return { name: inputs.name ?? name, id: `${type}/${name}`, region };
    }
}

export const GCP_INVOKES: Record<string, (inputs: State, region: string) => State> = {
    "gcp:dns/getManagedZone:getManagedZone": (inputs) => {
        const zone = str(inputs.name, "zone");
        return { id: `projects/${MOCK_GCP_PROJECT}/managedZones/${zone}`, name: zone, dnsName: `${zone}.mock.`, visibility: "public", nameServers: ["ns-cloud-a1.googledomains.com."], managedZoneId: "1234567890" };
    },
};
