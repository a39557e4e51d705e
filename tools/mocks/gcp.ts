// What the offline engine answers in place of Gcp: provider-computed outputs per resource
// type and the data-source invokes the gcp adapter makes. Deterministic, so two plans of
// the same stack are byte-identical.

type State = Record<string, unknown>;

/** The project number every mocked project has. */
export const MOCK_PROJECT_NUMBER = "123456789012";

function projectOf(inputs: State): string {
    return typeof inputs.project === "string" ? inputs.project : "mock-project";
}

/** A stable number derived from the resource name, for ids the API generates. */
function numberFor(name: string): string {
    let hash = 0;
    for (const char of name) {
        hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
    }
    return String(hash);
}

/** Provider-computed outputs of a gcp resource; what the program set wins over them. */
export function gcpOutputs(type: string, name: string, inputs: State, region: string): State {
    const project = projectOf(inputs);
    switch (type) {
        case "gcp:monitoring/notificationChannel:NotificationChannel": {
            const channel = `projects/${project}/notificationChannels/${numberFor(name)}`;
            return { id: channel, name: channel, verificationStatus: "VERIFIED" };
        }
        case "gcp:monitoring/alertPolicy:AlertPolicy": {
            const policy = `projects/${project}/alertPolicies/${numberFor(name)}`;
            return { id: policy, name: policy };
        }
        case "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": {
            const checkId = `${name}-${numberFor(name)}`.slice(0, 60);
            return { id: `projects/${project}/uptimeCheckConfigs/${checkId}`, name: `projects/${project}/uptimeCheckConfigs/${checkId}`, uptimeCheckId: checkId };
        }
        case "gcp:monitoring/dashboard:Dashboard":
            return { id: `projects/${MOCK_PROJECT_NUMBER}/dashboards/${numberFor(name)}` };
        case "gcp:logging/projectBucketConfig:ProjectBucketConfig":
            return { id: `projects/${project}/locations/${inputs.location}/buckets/${inputs.bucketId}`, name: `projects/${project}/locations/${inputs.location}/buckets/${inputs.bucketId}` };
        case "gcp:logging/projectSink:ProjectSink":
            return { id: `projects/${project}/sinks/${inputs.name ?? name}`, writerIdentity: `serviceAccount:service-${MOCK_PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com` };
        case "gcp:billing/budget:Budget":
            return { id: `billingAccounts/${inputs.billingAccount}/budgets/${numberFor(name)}`, name: `billingAccounts/${inputs.billingAccount}/budgets/${numberFor(name)}` };
        case "gcp:projects/serviceIdentity:ServiceIdentity": {
            const agent = String(inputs.service).split(".")[0];
            const email = `service-${MOCK_PROJECT_NUMBER}@gcp-sa-${agent}.iam.gserviceaccount.com`;
            return { id: `projects/${project}/services/${inputs.service}`, email, member: `serviceAccount:${email}` };
        }
        case "gcp:serviceaccount/account:Account": {
            const email = `${inputs.accountId}@${project}.iam.gserviceaccount.com`;
            return { id: `projects/${project}/serviceAccounts/${email}`, email, member: `serviceAccount:${email}`, name: `projects/${project}/serviceAccounts/${email}`, uniqueId: numberFor(name) };
        }
        case "gcp:secretmanager/secret:Secret":
            return { id: `projects/${project}/secrets/${inputs.secretId}`, name: `projects/${MOCK_PROJECT_NUMBER}/secrets/${inputs.secretId}` };
        case "gcp:storage/bucket:Bucket":
            return { id: inputs.name ?? name, name: inputs.name ?? name, url: `gs://${inputs.name ?? name}`, selfLink: `https://www.googleapis.com/storage/v1/b/${inputs.name ?? name}` };
        case "gcp:storage/bucketObject:BucketObject":
            return { id: `${inputs.bucket}-${inputs.name}`, md5hash: "mock-md5", generation: 1 };
        case "gcp:cloudrunv2/job:Job":
            return { id: `projects/${project}/locations/${inputs.location}/jobs/${inputs.name ?? name}`, uid: numberFor(name), executionCount: 1 };
        case "gcp:cloudscheduler/job:Job":
            return { id: `projects/${project}/locations/${inputs.region}/jobs/${inputs.name ?? name}`, state: "ENABLED" };
        default:
            return { name: inputs.name ?? name, id: `${type}/${name}`, region };
    }
}

export const GCP_INVOKES: Record<string, (inputs: State, region: string) => State> = {
    "gcp:logging/getProjectCmekSettings:getProjectCmekSettings": (inputs) => ({
        id: `projects/${projectOf(inputs)}/cmekSettings`,
        name: `projects/${projectOf(inputs)}/cmekSettings`,
        project: projectOf(inputs),
        serviceAccountId: `service-${MOCK_PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com`,
        kmsKeyVersionName: "",
    }),
    "gcp:organizations/getProject:getProject": (inputs) => ({
        id: `projects/${inputs.projectId ?? "mock-project"}`,
        projectId: inputs.projectId ?? "mock-project",
        name: inputs.projectId ?? "mock-project",
        number: MOCK_PROJECT_NUMBER,
        billingAccount: "012345-6789AB-CDEF01",
        orgId: "",
        folderId: "",
    }),
    "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": () => ({
        id: `service-${MOCK_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`,
        emailAddress: `service-${MOCK_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`,
        member: `serviceAccount:service-${MOCK_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`,
    }),
};
