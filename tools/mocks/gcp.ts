// What the offline engine answers in place of Gcp: provider-computed outputs per resource
// type and the data-source invokes the gcp adapter makes. Deterministic, so two plans of
// the same stack are byte-identical.

import { createHash } from "crypto";
import { secretSig, specialSigKey } from "../redact";

type State = Record<string, unknown>;

export const MOCK_PROJECT_NUMBER = "123456789012";

function asSecret(value: unknown): unknown {
    return { [specialSigKey]: secretSig, value };
}

function str(value: unknown, fallback: string): string {
    return typeof value === "string" ? value : fallback;
}

/** A stable private address in the private services range for a named instance. */
function privateIp(name: string): string {
    const digest = createHash("sha256").update(name).digest();
    return `10.0.${240 + (digest[0] % 16)}.${2 + (digest[1] % 250)}`;
}

const MOCK_CA = "-----BEGIN CERTIFICATE-----mock-server-ca";

/** A stable number derived from the resource name, for ids the API generates. */
function numberFor(name: string): string {
    return String(createHash("sha256").update(name).digest().readUInt32BE(0));
}

/** Compute Engine's global collections, by resource type. */
const GLOBAL_COLLECTIONS: Record<string, string> = {
    "gcp:compute/healthCheck:HealthCheck": "healthChecks",
    "gcp:compute/backendService:BackendService": "backendServices",
    "gcp:compute/uRLMap:URLMap": "urlMaps",
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": "targetHttpsProxies",
    "gcp:compute/targetHttpProxy:TargetHttpProxy": "targetHttpProxies",
    "gcp:compute/sSLPolicy:SSLPolicy": "sslPolicies",
    "gcp:compute/securityPolicy:SecurityPolicy": "securityPolicies",
    "gcp:compute/managedSslCertificate:ManagedSslCertificate": "sslCertificates",
    "gcp:compute/sSLCertificate:SSLCertificate": "sslCertificates",
    "gcp:compute/globalForwardingRule:GlobalForwardingRule": "forwardingRules",
    "gcp:compute/globalAddress:GlobalAddress": "addresses",
};

/** Service agents' domains by API, as ServiceIdentity answers them. */
const AGENT_DOMAINS: Record<string, string> = {
    "sqladmin.googleapis.com": "gcp-sa-cloud-sql.iam.gserviceaccount.com",
    "secretmanager.googleapis.com": "gcp-sa-secretmanager.iam.gserviceaccount.com",
    "pubsub.googleapis.com": "gcp-sa-pubsub.iam.gserviceaccount.com",
};

/** Compute Engine self links: https://www.googleapis.com/compute/v1/projects/<p>/<scope><collection>/<name>. */
function computeLink(project: string, scope: string, collection: string, name: string): string {
    return `https://www.googleapis.com/compute/v1/projects/${project}/${scope}${collection}/${name}`;
}

/** Provider-computed outputs of a gcp resource; what the program set wins over them. */
export function gcpOutputs(type: string, name: string, inputs: State, region: string): State {
    const project = str(inputs.project, "mock-project");
    const physical = str(inputs.name, name);
    const base = { name: physical, id: `${type}/${name}`, region, project };
    switch (type) {
        case "gcp:dns/managedZone:ManagedZone":
            return { ...base, nameServers: ["ns-gcp-private.googledomains.com."] };
        case "gcp:compute/network:Network":
            return { ...base, id: `projects/${project}/global/networks/${physical}`, selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/networks/${physical}` };
        case "gcp:compute/subnetwork:Subnetwork": {
            const id = `projects/${project}/regions/${region}/subnetworks/${physical}`;
            return { ...base, id, selfLink: `https://www.googleapis.com/compute/v1/${id}` };
        }
        case "gcp:kms/keyRing:KeyRing":
            return { ...base, id: `projects/${project}/locations/${str(inputs.location, region)}/keyRings/${physical}` };
        case "gcp:kms/cryptoKey:CryptoKey":
            return { ...base, id: `${str(inputs.keyRing, "keyRing")}/cryptoKeys/${physical}` };
        case "gcp:projects/serviceIdentity:ServiceIdentity": {
            const email = `service-${MOCK_PROJECT_NUMBER}@${AGENT_DOMAINS[str(inputs.service, "")] ?? "gcp-sa-mock.iam.gserviceaccount.com"}`;
            return { ...base, email, member: `serviceAccount:${email}` };
        }
        case "gcp:serviceaccount/account:Account": {
            const email = `${str(inputs.accountId, name)}@${project}.iam.gserviceaccount.com`;
            return { ...base, email, member: `serviceAccount:${email}`, uniqueId: "100000000000000000001" };
        }
        case "gcp:storage/bucket:Bucket":
            return { ...base, url: `gs://${physical}`, selfLink: `https://www.googleapis.com/storage/v1/b/${physical}` };
        case "gcp:secretmanager/secret:Secret": {
            const secretId = str(inputs.secretId, name);
            return { ...base, id: `projects/${project}/secrets/${secretId}`, name: `projects/${MOCK_PROJECT_NUMBER}/secrets/${secretId}` };
        }
        case "gcp:sql/databaseInstance:DatabaseInstance":
            return {
                ...base,
                privateIpAddress: privateIp(physical),
                dnsNames: [
                    {
                        name: `${createHash("sha256").update(physical).digest("hex").slice(0, 12)}.${project}.${region}.sql-psa.goog.`,
                        connectionType: "PRIVATE_SERVICES_ACCESS",
                        dnsScope: "INSTANCE",
                    },
                ],
                connectionName: `${project}:${region}:${physical}`,
                selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${project}/instances/${physical}`,
                serverCaCerts: [{ cert: MOCK_CA, commonName: physical, sha1Fingerprint: "mock" }],
            };
        case "gcp:redis/instance:Instance":
            return {
                ...base,
                host: privateIp(physical),
                port: inputs.transitEncryptionMode === "SERVER_AUTHENTICATION" ? 6378 : 6379,
                readEndpoint: privateIp(`${physical}-read`),
                readEndpointPort: 6378,
                authString: asSecret(`mock-auth-${physical}`),
                serverCaCerts: [{ cert: MOCK_CA, serialNumber: "1" }],
            };
        case "gcp:redis/cluster:Cluster":
            return {
                ...base,
                discoveryEndpoints: [{ address: `10.0.20.${2 + (createHash("sha256").update(physical).digest()[0] % 250)}`, port: 6379 }],
                managedServerCas: [{ caCerts: [{ certificates: [MOCK_CA] }] }],
            };
        case "gcp:monitoring/notificationChannel:NotificationChannel":
        case "gcp:monitoring/alertPolicy:AlertPolicy": {
            const kind = type.endsWith("NotificationChannel") ? "notificationChannels" : "alertPolicies";
            const id = `projects/${project}/${kind}/${numberFor(name)}`;
            return { ...base, id, name: id };
        }
        case "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": {
            const uptimeCheckId = `${name.slice(0, 40)}-${numberFor(name)}`;
            const id = `projects/${project}/uptimeCheckConfigs/${uptimeCheckId}`;
            return { ...base, id, name: id, uptimeCheckId };
        }
        case "gcp:monitoring/dashboard:Dashboard":
            return { ...base, id: `projects/${MOCK_PROJECT_NUMBER}/dashboards/${numberFor(name)}` };
        case "gcp:logging/projectBucketConfig:ProjectBucketConfig": {
            const id = `projects/${project}/locations/${str(inputs.location, region)}/buckets/${str(inputs.bucketId, name)}`;
            return { ...base, id, name: id };
        }
        case "gcp:logging/projectSink:ProjectSink":
            return { ...base, id: `projects/${project}/sinks/${physical}`, writerIdentity: `serviceAccount:service-${MOCK_PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com` };
        case "gcp:billing/budget:Budget": {
            const id = `billingAccounts/${str(inputs.billingAccount, "billing")}/budgets/${numberFor(name)}`;
            return { ...base, id, name: id };
        }
        case "gcp:storage/bucketObject:BucketObject":
            return { ...base, id: `${str(inputs.bucket, "bucket")}-${physical}`, md5hash: "mock-md5", generation: 1 };
        case "gcp:cloudrunv2/job:Job":
            return { ...base, id: `projects/${project}/locations/${str(inputs.location, region)}/jobs/${physical}`, uid: numberFor(name) };
        case "gcp:cloudscheduler/job:Job":
            return { ...base, id: `projects/${project}/locations/${str(inputs.region, region)}/jobs/${physical}`, state: "ENABLED" };
        case "gcp:compute/instanceTemplate:InstanceTemplate": {
            const templateName = `${str(inputs.namePrefix, `${name}-`)}20260101000000000000000001`;
            const link = computeLink(project, "global/", "instanceTemplates", templateName);
            return { ...base, name: templateName, id: `projects/${project}/global/instanceTemplates/${templateName}`, selfLink: link, selfLinkUnique: `${link}?uniqueId=1234567890` };
        }
        case "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager":
            return {
                ...base,
                id: `projects/${project}/regions/${region}/instanceGroupManagers/${physical}`,
                selfLink: computeLink(project, `regions/${region}/`, "instanceGroupManagers", physical),
                instanceGroup: computeLink(project, `regions/${region}/`, "instanceGroups", physical),
            };
        case "gcp:compute/regionAutoscaler:RegionAutoscaler":
            return { ...base, id: `projects/${project}/regions/${region}/autoscalers/${physical}` };
        case "gcp:compute/healthCheck:HealthCheck":
        case "gcp:compute/backendService:BackendService":
        case "gcp:compute/uRLMap:URLMap":
        case "gcp:compute/targetHttpsProxy:TargetHttpsProxy":
        case "gcp:compute/targetHttpProxy:TargetHttpProxy":
        case "gcp:compute/sSLPolicy:SSLPolicy":
        case "gcp:compute/securityPolicy:SecurityPolicy":
        case "gcp:compute/managedSslCertificate:ManagedSslCertificate":
        case "gcp:compute/sSLCertificate:SSLCertificate":
        case "gcp:compute/globalForwardingRule:GlobalForwardingRule":
        case "gcp:compute/globalAddress:GlobalAddress": {
            const collection = GLOBAL_COLLECTIONS[type];
            const address = type === "gcp:compute/globalAddress:GlobalAddress" ? { address: inputs.addressType === "INTERNAL" ? "10.255.0.2" : "203.0.113.20" } : {};
            return { ...base, ...address, id: `projects/${project}/global/${collection}/${physical}`, selfLink: computeLink(project, "global/", collection, physical) };
        }
        case "gcp:projects/iAMCustomRole:IAMCustomRole": {
            const roleName = `projects/${project}/roles/${str(inputs.roleId, name)}`;
            return { ...base, name: roleName, id: roleName };
        }
        case "gcp:container/cluster:Cluster": {
            const location = str(inputs.location, region);
            const id = `projects/${project}/locations/${location}/clusters/${physical}`;
            return { ...base, id, location, selfLink: `https://container.googleapis.com/v1/${id}`, endpoint: "10.0.23.2", masterVersion: str(inputs.minMasterVersion, "1.33"), masterAuth: { clusterCaCertificate: "bW9jay1jbHVzdGVyLWNh" } };
        }
        case "gcp:container/nodePool:NodePool": {
            const id = `projects/${project}/locations/${str(inputs.location, region)}/clusters/${str(inputs.cluster, "cluster")}/nodePools/${physical}`;
            return { ...base, id, instanceGroupUrls: [], managedInstanceGroupUrls: [] };
        }
        case "gcp:pubsub/topic:Topic":
            return { ...base, id: `projects/${project}/topics/${physical}` };
        case "gcp:pubsub/subscription:Subscription":
            return { ...base, id: `projects/${project}/subscriptions/${physical}` };
        default:
            return base;
    }
}

export const GCP_INVOKES: Record<string, (inputs: State, region: string) => State> = {
    "gcp:logging/getProjectCmekSettings:getProjectCmekSettings": (inputs) => {
        const project = str(inputs.project, "mock-project");
        return { id: `projects/${project}/cmekSettings`, name: `projects/${project}/cmekSettings`, project, kmsKeyVersionName: "", serviceAccountId: `service-${MOCK_PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com` };
    },
    "gcp:organizations/getProject:getProject": (inputs) => {
        const projectId = str(inputs.projectId, "mock-project");
        return { id: `projects/${projectId}`, projectId, name: projectId, number: MOCK_PROJECT_NUMBER, billingAccount: "012345-6789AB-CDEF01" };
    },
    "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": (inputs) => {
        const emailAddress = `service-${MOCK_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`;
        return { id: emailAddress, emailAddress, member: `serviceAccount:${emailAddress}`, project: str(inputs.project, "mock-project") };
    },
    "gcp:dns/getManagedZone:getManagedZone": (inputs) => {
        const zone = str(inputs.name, "zone");
        return { id: `projects/mock-project/managedZones/${zone}`, name: zone, dnsName: `${zone}.mock.`, visibility: "public", nameServers: ["ns-cloud-a1.googledomains.com."], managedZoneId: "1234567890" };
    },
};
