// What the offline engine answers in place of the clouds: provider-computed outputs for each
// resource type (ARNs, endpoints, DNS names) and the data-source invokes the program makes.
// Values are deterministic so two plans of the same stack are byte-identical.

import { AZURE_INVOKES, azureNestedOutputs, azureOutputs } from "./mocks/azure";
import { GCP_INVOKES, gcpOutputs } from "./mocks/gcp";
import { kubernetesOutputs } from "./mocks/kubernetes";
import { secretSig, specialSigKey } from "./redact";

export const MOCK_ACCOUNT = "123456789012";

type State = Record<string, unknown>;

function asSecret(value: unknown): unknown {
    return { [specialSigKey]: secretSig, value };
}

function str(value: unknown, fallback: string): string {
    return typeof value === "string" ? value : fallback;
}

/** Service name and resource kind of an AWS type token, e.g. "aws:rds/instance:Instance". */
function awsParts(type: string): { service: string; kind: string } {
    const [, module = "", kind = ""] = /^aws:([^/]+)\/[^:]+:(.+)$/.exec(type) ?? [];
    return { service: module, kind: kind.toLowerCase() };
}

function awsOutputs(type: string, name: string, inputs: State, region: string): State {
    const { service, kind } = awsParts(type);
    const physical = str(inputs.name, name);
    const arn = `arn:aws:${service}:${region}:${MOCK_ACCOUNT}:${kind}/${physical}`;
    const base: State = { arn, name: physical, tagsAll: inputs.tags };
    switch (type) {
        case "aws:rds/instance:Instance": {
            const identifier = str(inputs.identifier, name);
            const address = `${identifier}.c0abcdef1234.${region}.rds.amazonaws.com`;
            const port = inputs.port ?? 5432;
            // RDS creates the managed master secret itself, named rds!db-<resource id>.
            const masterUserSecrets = inputs.manageMasterUserPassword
                ? [{ secretArn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT}:secret:rds!db-${identifier}-AbCdEf`, secretStatus: "active", kmsKeyId: inputs.masterUserSecretKmsKeyId }]
                : [];
            return { ...base, identifier, address, endpoint: `${address}:${port}`, port, masterUserSecrets, arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT}:db:${identifier}` };
        }
        case "aws:rds/proxy:Proxy":
            return { ...base, endpoint: `${physical}.proxy-c0abcdef1234.${region}.rds.amazonaws.com`, arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT}:db-proxy:prx-${physical}` };
        case "aws:elasticache/replicationGroup:ReplicationGroup": {
            const id = str(inputs.replicationGroupId, name);
            return {
                ...base,
                arn: `arn:aws:elasticache:${region}:${MOCK_ACCOUNT}:replicationgroup:${id}`,
                primaryEndpointAddress: `master.${id}.abc123.use1.cache.amazonaws.com`,
                readerEndpointAddress: `replica.${id}.abc123.use1.cache.amazonaws.com`,
                configurationEndpointAddress: `clustercfg.${id}.abc123.use1.cache.amazonaws.com`,
            };
        }
        case "aws:lb/loadBalancer:LoadBalancer":
            return { ...base, dnsName: `${physical}-1234567890.${region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K", arnSuffix: `app/${physical}/0123456789abcdef` };
        case "aws:lb/targetGroup:TargetGroup":
            return { ...base, arnSuffix: `targetgroup/${physical}/0123456789abcdef` };
        case "aws:s3/bucket:Bucket": {
            const bucket = str(inputs.bucket, name);
            return { ...base, bucket, arn: `arn:aws:s3:::${bucket}`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`, bucketDomainName: `${bucket}.s3.amazonaws.com` };
        }
        case "aws:kms/key:Key":
            return { ...base, keyId: `key-${name}`, arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT}:key/key-${name}` };
        case "aws:acm/certificate:Certificate": {
            const names = [inputs.domainName, ...((inputs.subjectAlternativeNames as unknown[]) ?? [])].filter((n): n is string => typeof n === "string");
            return {
                ...base,
                domainValidationOptions: names.map((domainName) => ({
                    domainName,
                    resourceRecordName: `_0123456789abcdef.${domainName.replace(/^\*\./, "")}.`,
                    resourceRecordType: "CNAME",
                    resourceRecordValue: "_fedcba9876543210.acm-validations.aws.",
                })),
            };
        }
        case "aws:lambda/function:Function":
            return { ...base, arn: `arn:aws:lambda:${region}:${MOCK_ACCOUNT}:function:${physical}`, invokeArn: `arn:aws:apigateway:${region}:lambda:path/functions/${physical}/invocations` };
        case "aws:lambda/invocation:Invocation":
            return { ...base, result: "{}" };
        case "aws:sqs/queue:Queue":
            return { ...base, url: `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT}/${physical}`, arn: `arn:aws:sqs:${region}:${MOCK_ACCOUNT}:${physical}` };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { ...base, arn: `arn:aws:logs:${region}:${MOCK_ACCOUNT}:log-group:${physical}` };
        case "aws:secretsmanager/secret:Secret":
            return { ...base, arn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT}:secret:${physical}-AbCdEf` };
        case "aws:iam/role:Role":
        case "aws:iam/instanceProfile:InstanceProfile":
            return { ...base, arn: `arn:aws:iam::${MOCK_ACCOUNT}:${kind === "role" ? "role" : "instance-profile"}/${physical}`, uniqueId: `AROA${name.length}` };
        case "aws:sns/topic:Topic":
            return { ...base, arn: `arn:aws:sns:${region}:${MOCK_ACCOUNT}:${physical}` };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { ...base, latestVersion: 1, defaultVersion: 1 };
        case "aws:cloudwatch/dashboard:Dashboard":
            return { ...base, dashboardArn: `arn:aws:cloudwatch::${MOCK_ACCOUNT}:dashboard/${str(inputs.dashboardName, name)}` };
        case "aws:route53/zone:Zone":
            return { ...base, zoneId: `Z${name.length}PRIVATEZONE`, arn: `arn:aws:route53:::hostedzone/Z${name.length}PRIVATEZONE` };
        case "aws:eks/cluster:Cluster":
            return {
                ...base,
                arn: `arn:aws:eks:${region}:${MOCK_ACCOUNT}:cluster/${physical}`,
                endpoint: `https://0123456789ABCDEF0123456789ABCDEF.gr7.${region}.eks.amazonaws.com`,
                certificateAuthority: { data: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tbW9jaw==" },
                identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/0123456789ABCDEF` }] }],
            };
        case "aws:amp/workspace:Workspace":
            return { ...base, arn: `arn:aws:aps:${region}:${MOCK_ACCOUNT}:workspace/ws-${name}`, prometheusEndpoint: `https://aps-workspaces.${region}.amazonaws.com/workspaces/ws-${name}/` };
        case "aws:grafana/workspace:Workspace":
            return { ...base, arn: `arn:aws:grafana:${region}:${MOCK_ACCOUNT}:/workspaces/g-${name.length}`, endpoint: `g-${name.length}mock.grafana-workspace.${region}.amazonaws.com` };
        case "aws:ec2/eip:Eip":
            return { ...base, publicIp: "203.0.113.10", allocationId: `eipalloc-${name}` };
        default:
            return base;
    }
}

function otherOutputs(type: string, name: string): State {
    switch (type) {
        case "random:index/randomPassword:RandomPassword":
            // Generated credentials are secrets in the real provider too.
            return { result: asSecret(`mock-${name}-Aa1`), bcryptHash: asSecret("mock-hash") };
        case "tls:index/privateKey:PrivateKey":
            return { privateKeyPem: asSecret("-----BEGIN PRIVATE KEY-----mock"), publicKeyPem: "-----BEGIN PUBLIC KEY-----mock" };
        case "tls:index/selfSignedCert:SelfSignedCert":
        case "tls:index/locallySignedCert:LocallySignedCert":
            return { certPem: "-----BEGIN CERTIFICATE-----mock" };
        case "tls:index/certRequest:CertRequest":
            return { certRequestPem: "-----BEGIN CERTIFICATE REQUEST-----mock" };
        default:
            return {};
    }
}

/** Outputs a resource gets on top of its inputs. */
export function mockOutputs(type: string, name: string, inputs: State, region: string): State {
    // AWS: what the program set wins over the made-up value; elsewhere the computed result does.
    if (type.startsWith("aws:")) {
        const outputs = { ...awsOutputs(type, name, inputs, region), ...inputs };
        // The group EKS creates for the control plane and the nodes, next to the program's own.
        return type === "aws:eks/cluster:Cluster" ? { ...outputs, vpcConfig: { ...(inputs.vpcConfig as State), clusterSecurityGroupId: `sg-${name}-cluster`, vpcId: "vpc-mock" } } : outputs;
    }
    if (type.startsWith("gcp:")) {
        return { ...gcpOutputs(type, name, inputs, region), ...inputs };
    }
    if (type.startsWith("azure-native:")) {
        return { ...azureOutputs(type, name, inputs, region), ...inputs, ...azureNestedOutputs(type, name, inputs) };
    }
    if (type.startsWith("kubernetes:")) {
        return { ...inputs, ...kubernetesOutputs(type, name, inputs, region) };
    }
    return { ...inputs, ...otherOutputs(type, name) };
}

type Invoke = (inputs: State, region: string) => State;

const INVOKES: Record<string, Invoke> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: MOCK_ACCOUNT,
        arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/plan`,
        userId: "AIDAPLAN",
        id: MOCK_ACCOUNT,
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, region) => ({
        names: ["a", "b", "c"].map((suffix) => `${region}${suffix}`),
        zoneIds: ["az1", "az2", "az3"].map((suffix) => `use1-${suffix}`),
        id: region,
    }),
    "aws:elb/getServiceAccount:getServiceAccount": () => ({ arn: "arn:aws:iam::127311923021:root", id: "127311923021" }),
    "aws:route53/getZone:getZone": (inputs) => ({ zoneId: "Z0123456789ABCDEFGHIJ", id: "Z0123456789ABCDEFGHIJ", name: inputs.name }),
};

/** Answers a data-source invoke; an unknown one fails loudly so a new data source is noticed. */
export function mockInvoke(token: string, inputs: State, region: string): State {
    const answer = INVOKES[token] ?? GCP_INVOKES[token] ?? AZURE_INVOKES[token];
    if (!answer) {
        throw new Error(`the offline engine has no answer for the invoke ${token}; add one to tools/mockCloud.ts`);
    }
    return answer(inputs, region);
}
