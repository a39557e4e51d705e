// `runtime: kubernetes` on AWS: the EKS cluster, its node group and identities, the services
// on it, the public edge kept from the VM fleet, the alarms, and the pack on the plans of the
// development and production-large tiers (the only two stacks this file builds).

import { expect } from "chai";
import { parseConfig } from "../../config";
import { PlannedResource } from "../../policies/lib/evaluate";
import { ADDON_VERSIONS, CONTROL_PLANE_LOGS, endpointAccess, kubeconfigFor, validateCluster } from "../../providers/aws/cluster";
import { clusterEgress, inClusterUrls, sqsTrigger } from "../../providers/aws/clusterFleet";
import { validateNames } from "../../providers/aws/names";
import { resolvePlatformSpec } from "../../tiers";
import { estimateCost } from "../../tools/insights/cost";
import { estimateDeploy } from "../../tools/insights/deploy";
import { diagramDot } from "../../tools/insights/diagram";
import { evaluatePolicies } from "../../tools/policy";
import { planJson } from "../../tools/plan";
import { SynthResult } from "../../tools/synth";
import { schemaProblems, SchemaModel } from "../kubernetes/schema";
import { planProblems } from "./rules/evaluate";
import { isKubernetesObject } from "./rules/table";
import { build, cloudTierConfig, inputs, Inputs, list, ofType, one, statements } from "../helpers/stacks";

const CLUSTER = "aws:eks/cluster:Cluster";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const ADDON = "aws:eks/addon:Addon";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

const KUBERNETES = { runtime: "kubernetes" };

function stack(tier: string): Promise<SynthResult> {
    return build(`k-${tier}`, cloudTierConfig("aws", tier, KUBERNETES));
}

function rolePolicy(result: SynthResult, role: string) {
    return statements(inputs(one(result, ROLE_POLICY, `-${role}-access`)).policy);
}

describe("EKS pure pieces (providers/aws/cluster.ts, clusterFleet.ts)", () => {
    it("keeps the API endpoint private, or public for the admin IPv4 ranges only", () => {
        expect(endpointAccess([])).to.deep.equal({ endpointPrivateAccess: true, endpointPublicAccess: false });
        expect(endpointAccess(["203.0.113.0/24", "2001:db8::/32"])).to.deep.equal({ endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] });
    });

    it("writes a kubeconfig that asks the AWS CLI for a token and holds no credential", () => {
        const config = JSON.parse(kubeconfigFor("c1", "https://api.example", "Q0E=", "eu-west-1"));
        const exec = config.users[0].user.exec;
        expect(exec.command).to.equal("aws");
        expect(exec.args).to.deep.equal(["eks", "get-token", "--cluster-name", "c1", "--region", "eu-west-1", "--output", "json"]);
        expect(config.users[0].user).to.not.have.property("token");
        expect(config.clusters[0].cluster).to.deep.equal({ server: "https://api.example", "certificate-authority-data": "Q0E=" });
    });

    it("refuses a Kubernetes minor without pinned add-ons, naming the key and the allowed minors", () => {
        const cluster = { nodeShape: { vcpus: 4, memoryGb: 16 }, minNodes: 2, maxNodes: 4, zones: 2 };
        expect(validateCluster({ ...cluster, kubernetesVersion: "1.33" })).to.deep.equal([]);
        const [problem] = validateCluster({ ...cluster, kubernetesVersion: "1.28" });
        expect(problem).to.match(/^platform:runtime: Kubernetes "1\.28" has no pinned EKS add-on versions; allowed on EKS: 1\.33/);
        expect(validateCluster({ ...cluster, kubernetesVersion: "1.33", zones: 1 })).to.deep.equal([
            "platform:network.zones: 1 zone; EKS needs the cluster's subnets in at least 2 zones; allowed: 2 or more with runtime kubernetes",
        ]);
    });

    it("pins every add-on of each supported minor to an eksbuild", () => {
        for (const versions of Object.values(ADDON_VERSIONS)) {
            for (const version of Object.values(versions)) {
                expect(version).to.match(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
            }
        }
    });

    it("opens the app pods' way to PostgreSQL 5432 and Redis 6379 in the data subnets, HTTPS out and the Pod Identity agent", () => {
        const rules = clusterEgress(["10.0.20.0/24", "10.0.21.0/24"], { database: 5432, cache: 6379 });
        const byPurpose = Object.fromEntries(rules.map((rule) => [rule.purpose, rule]));
        expect(byPurpose.database.ports).to.deep.equal([{ port: 5432 }]);
        expect(byPurpose.database.to).to.deep.equal([{ ipBlock: { cidr: "10.0.20.0/24" } }, { ipBlock: { cidr: "10.0.21.0/24" } }]);
        expect(byPurpose.cache.ports).to.deep.equal([{ port: 6379 }]);
        expect(byPurpose["aws-apis"].ports).to.deep.equal([{ port: 443 }]);
        expect(byPurpose["pod-identity"]).to.deep.equal({ purpose: "pod-identity", to: [{ ipBlock: { cidr: "169.254.170.23/32" } }], ports: [{ port: 80 }] });
    });

    it("scales workers on SQS depth: out above 100 messages, activation at 10, through KEDA's own identity", () => {
        const trigger = sqsTrigger({ scaleOutQueueDepth: 100, scaleInQueueDepth: 10 }, "https://sqs.us-east-1.amazonaws.com/1/q", "us-east-1");
        expect(trigger.type).to.equal("aws-sqs-queue");
        expect(trigger.metadata).to.deep.equal({
            queueURL: "https://sqs.us-east-1.amazonaws.com/1/q",
            queueLength: "100",
            activationQueueLength: "10",
            awsRegion: "us-east-1",
            identityOwner: "operator",
        });
        expect(trigger.authenticationRef).to.deep.equal({ name: "aws-keda-operator", kind: "ClusterTriggerAuthentication" });
    });

    it("reaches a called service through its ClusterIP Service in the app namespace", () => {
        const services = [
            { name: "web", kind: "web" as const, port: 3000 },
            { name: "worker", kind: "worker" as const },
        ];
        expect(inClusterUrls({ services } as never, "platform-prod")).to.deep.equal({ web: "http://web.platform-prod.svc.cluster.local:3000" });
    });

    it("refuses a stack name that makes the EKS names too long, naming the stack and the limit", () => {
        const spec = resolvePlatformSpec(parseConfig(cloudTierConfig("aws", "development", KUBERNETES)), "platform", "a".repeat(60));
        const problems = validateNames(spec);
        expect(problems.join("\n")).to.match(/stack "a{60}".*AWS allows/);
        expect(problems.join("\n")).to.include("EKS node group name");
    });
});

for (const tier of ["development", "production-large"]) {
    describe(`EKS ${tier} (runtime: kubernetes)`, function () {
        let result: SynthResult;
        let cluster: Inputs;
        before(async () => {
            result = await stack(tier);
            cluster = inputs(one(result, CLUSTER));
        });

        it("gives AWS only names, enums, ranges, ARNs and policy documents it accepts (tests/aws/rules)", () => {
            expect(planProblems(result.resources.filter((resource) => !isKubernetesObject(resource.type)))).to.deep.equal([]);
        });

        it("keeps the control plane private, encrypts Secrets with a rotating customer key and ships every control-plane log", () => {
            expect(cluster.vpcConfig.endpointPrivateAccess).to.equal(true);
            expect(cluster.vpcConfig.endpointPublicAccess).to.equal(false);
            expect(cluster.encryptionConfig.resources).to.deep.equal(["secrets"]);
            const key = ofType(result, "aws:kms/key:Key").find((k) => k.name.endsWith("-app-cluster-key"))!;
            expect(cluster.encryptionConfig.provider.keyArn).to.include("app-cluster-key");
            expect(inputs(key).enableKeyRotation).to.equal(true);
            expect(cluster.enabledClusterLogTypes).to.deep.equal(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
            expect(CONTROL_PLANE_LOGS).to.have.length(5);
            const logGroup = inputs(one(result, "aws:cloudwatch/logGroup:LogGroup", "-app-cluster-logs"));
            expect(logGroup.name).to.equal(`/aws/eks/${cluster.name}/cluster`);
            expect(logGroup.kmsKeyId).to.be.a("string").and.include("key");
            // The tiers' log retention: 14 days in development, a year in production.
            expect(logGroup.retentionInDays).to.equal(tier === "development" ? 14 : 365);
        });

        it("pins Kubernetes 1.33 in standard support, with access entries instead of aws-auth", () => {
            expect(cluster.version).to.equal("1.33");
            expect(cluster.upgradePolicy).to.deep.equal({ supportType: "STANDARD" });
            expect(cluster.accessConfig.authenticationMode).to.equal("API");
            expect(cluster.bootstrapSelfManagedAddons).to.equal(false);
        });

        it("runs one managed node group in the app subnets of the tier's zones, sized from the spec, without SSH", () => {
            const nodes = inputs(one(result, NODE_GROUP));
            const spec = result.config;
            // The tier table's zones: two in development (the load balancer and EKS both need two), three in production-large.
            const zones = tier === "development" ? 2 : 3;
            expect(nodes.subnetIds).to.have.length(zones);
            expect(cluster.vpcConfig.subnetIds).to.deep.equal(nodes.subnetIds);
            for (const subnet of nodes.subnetIds) {
                expect(subnet).to.match(/-network-app-\d-id$/);
            }
            expect(nodes.remoteAccess).to.equal(undefined);
            expect(nodes.scalingConfig.minSize).to.be.at.least(zones);
            expect(nodes.scalingConfig.maxSize).to.be.greaterThan(nodes.scalingConfig.minSize);
            expect(nodes.scalingConfig.desiredSize).to.equal(nodes.scalingConfig.minSize);
            expect(nodes.version).to.equal("1.33");
            expect(spec.runtime).to.equal("kubernetes");
        });

        it("boots nodes with IMDSv2 and one hop (pods cannot reach the node role), an encrypted gp3 root and the app tier's security group", () => {
            const template = inputs(one(result, TEMPLATE, "-node-template"));
            expect(template.metadataOptions).to.deep.equal({ httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 });
            const ebs = template.blockDeviceMappings[0].ebs;
            expect(ebs).to.include({ volumeType: "gp3", encrypted: "true" });
            expect(ebs.kmsKeyId).to.include("app-app-key");
            expect(template.vpcSecurityGroupIds).to.include(`${result.project}-${result.stack}-network-app-sg-id`);
            expect(template.vpcSecurityGroupIds.some((id: string) => id.endsWith("-cluster"))).to.equal(true);
            expect(template).to.not.have.property("networkInterfaces");
        });

        it("installs pinned managed add-ons with the CNI enforcing NetworkPolicies and Pod Identity for the CNI and the CloudWatch agent", () => {
            const addons = Object.fromEntries(ofType(result, ADDON).map((addon) => [inputs(addon).addonName, inputs(addon)]));
            expect(Object.keys(addons).sort()).to.deep.equal(["amazon-cloudwatch-observability", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
            for (const addon of Object.values(addons) as Inputs[]) {
                expect(addon.addonVersion).to.match(/-eksbuild\.\d+$/);
            }
            expect(JSON.parse(addons["vpc-cni"].configurationValues)).to.deep.equal({ enableNetworkPolicy: "true" });
            expect(addons["vpc-cni"].podIdentityAssociations[0].serviceAccount).to.equal("aws-node");
            expect(addons["amazon-cloudwatch-observability"].podIdentityAssociations[0].serviceAccount).to.equal("cloudwatch-agent");
        });

        it("gives each service's ServiceAccount a role with the VM instance role's statements, through Pod Identity", () => {
            const associations = ofType(result, ASSOCIATION).map(inputs);
            for (const service of ["web", "worker"]) {
                const association = associations.find((a) => a.serviceAccount === service)!;
                expect(association, service).to.not.equal(undefined);
                expect(association.namespace).to.equal(`platform-k-${tier}`);
                const granted = rolePolicy(result, `${service}-pod`);
                const actions = granted.flatMap((statement) => list(statement.Action));
                expect(actions).to.include.members(["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "secretsmanager:GetSecretValue", "kms:Decrypt", "sqs:SendMessage", "sqs:ReceiveMessage"]);
                expect(actions.some((action) => action.endsWith("*"))).to.equal(false);
            }
            const trust = JSON.parse(inputs(one(result, "aws:iam/role:Role", "-web-pod-role")).assumeRolePolicy).Statement[0];
            expect(trust.Principal).to.deep.equal({ Service: "pods.eks.amazonaws.com" });
            expect(trust.Action).to.deep.equal(["sts:AssumeRole", "sts:TagSession"]);
            expect(trust.Condition.ArnEquals["aws:SourceArn"]).to.match(/:cluster\/platform-k-.*-app-cluster$/);
        });

        it("lets External Secrets read the contract's secrets by ARN, KEDA read queue depth, the controller register targets only", () => {
            const external = rolePolicy(result, "external-secrets");
            const secretArns = list(external[0].Resource);
            expect(external[0].Action).to.deep.equal(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]);
            // The database login, the cache token, the JWT secret and the API key.
            expect(secretArns).to.have.length.at.least(4);
            expect(secretArns.every((arn) => arn.startsWith("arn:aws:secretsmanager:") && !arn.includes("*"))).to.equal(true);
            const keda = rolePolicy(result, "keda");
            expect(keda).to.deep.equal([{ Effect: "Allow", Action: ["sqs:GetQueueAttributes"], Resource: [`arn:aws:sqs:us-east-1:123456789012:platform-k-${tier}-worker`] }]);
            const controller = rolePolicy(result, "lb-controller");
            const writes = controller.filter((statement) => list(statement.Action).some((action) => !/:(Describe|Get)/.test(action)));
            expect(writes).to.have.length(1);
            expect(writes[0].Action).to.deep.equal(["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"]);
            expect(list(writes[0].Resource).every((arn) => arn.includes(":targetgroup/"))).to.equal(true);
        });

        it("keeps the VM fleet's public edge: ALB with the TLS policy and redirect, ip target groups on the ready path, bound to the pods", () => {
            const https = ofType(result, "aws:lb/listener:Listener").map(inputs).find((listener) => listener.port === 443)!;
            expect(https.sslPolicy).to.equal("ELBSecurityPolicy-TLS13-1-2-2021-06");
            const http = ofType(result, "aws:lb/listener:Listener").map(inputs).find((listener) => listener.port === 80)!;
            expect(http.defaultActions[0].redirect).to.deep.include({ protocol: "HTTPS", statusCode: "HTTP_301" });
            const group = inputs(one(result, "aws:lb/targetGroup:TargetGroup"));
            expect(group.targetType).to.equal("ip");
            expect(group.healthCheck.path).to.equal("/api/ready");
            const binding = inputs(one(result, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding"));
            expect(binding.spec).to.deep.include({ targetType: "ip", serviceRef: { name: "web", port: 3000 } });
            expect(binding.spec.targetGroupARN).to.equal(group.arn ?? binding.spec.targetGroupARN);
            expect(ofType(result, "aws:route53/record:Record").map((record) => inputs(record).name)).to.include("acme-lms.com");
            // The LMS document's WAF from staging on; development has none.
            expect(ofType(result, "aws:wafv2/webAclAssociation:WebAclAssociation")).to.have.length(tier === "development" ? 0 : 1);
            // The Ingress records that edge in the controller's terms; nothing reconciles it, so Pulumi does not wait on it.
            const annotations = inputs(one(result, "kubernetes:networking.k8s.io/v1:Ingress")).metadata.annotations;
            expect(annotations).to.deep.include({
                "pulumi.com/skipAwait": "true",
                "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "alb.ingress.kubernetes.io/certificate-arn": https.certificateArn,
                "alb.ingress.kubernetes.io/target-type": "ip",
                "alb.ingress.kubernetes.io/healthcheck-path": "/api/ready",
            });
            expect(Object.keys(annotations).includes("alb.ingress.kubernetes.io/wafv2-acl-arn")).to.equal(tier !== "development");
        });

        it("runs every service as Deployment, Service + HPA (web) or ScaledObject (worker), PDB and ExternalSecret", () => {
            const named = (type: string) => ofType(result, type).map((r) => r.name.replace(`platform-k-${tier}-app-`, ""));
            expect(named("kubernetes:apps/v1:Deployment").sort()).to.deep.equal(["web", "worker"]);
            expect(named("kubernetes:core/v1:Service")).to.deep.equal(["web-service"]);
            expect(named("kubernetes:autoscaling/v2:HorizontalPodAutoscaler")).to.deep.equal(["web-autoscaler"]);
            expect(named("kubernetes:keda.sh/v1alpha1:ScaledObject")).to.deep.equal(["worker-scaler"]);
            expect(named("kubernetes:policy/v1:PodDisruptionBudget").sort()).to.deep.equal(["web-disruption", "worker-disruption"]);
            expect(named("kubernetes:external-secrets.io/v1:ExternalSecret").sort()).to.deep.equal(["web-env", "worker-env"]);
            const scaler = inputs(one(result, "kubernetes:keda.sh/v1alpha1:ScaledObject"));
            expect(scaler.spec.triggers[0].metadata.queueLength).to.equal("100");
            expect(scaler.spec.triggers[0].metadata.queueURL).to.match(/\/platform-k-.*-worker$/);
        });

        it("validates the SecretStore and the KEDA ClusterTriggerAuthentication against their CRD schemas", async () => {
            // ESM-only packages: loaded with import(), not require.
            const { SecretStore } = await import("@kubernetes-models/external-secrets/external-secrets.io/v1");
            const { ClusterTriggerAuthentication } = await import("@kubernetes-models/keda/keda.sh/v1alpha1");
            const store = inputs(one(result, "kubernetes:external-secrets.io/v1:SecretStore"));
            expect(schemaProblems(SecretStore as unknown as SchemaModel, store)).to.deep.equal([]);
            expect(store.spec.provider.aws).to.deep.equal({ service: "SecretsManager", region: "us-east-1" });
            const auth = inputs(one(result, "kubernetes:keda.sh/v1alpha1:ClusterTriggerAuthentication"));
            expect(schemaProblems(ClusterTriggerAuthentication as unknown as SchemaModel, auth)).to.deep.equal([]);
            const misspelled = { ...store, spec: { provider: { aws: { servcie: "SecretsManager", region: "us-east-1" } } } };
            expect(schemaProblems(SecretStore as unknown as SchemaModel, misspelled)).to.not.deep.equal([]);
        });

        it("installs the Load Balancer Controller and the Cluster Autoscaler from pinned charts, given the region (no IMDS)", () => {
            const releases = Object.fromEntries(ofType(result, RELEASE).map((release) => [inputs(release).chart, inputs(release)]));
            expect(releases["aws-load-balancer-controller"]).to.deep.include({ version: "1.13.3", repositoryOpts: { repo: "https://aws.github.io/eks-charts" } });
            expect(releases["aws-load-balancer-controller"].values).to.deep.include({ region: "us-east-1", createIngressClassResource: false });
            expect(releases["cluster-autoscaler"].values.autoDiscovery).to.deep.equal({ clusterName: cluster.name });
            expect(releases["cluster-autoscaler"].version).to.match(/^\d+\.\d+\.\d+$/);
            expect(Object.keys(releases)).to.include.members(["keda", "external-secrets", "metrics-server"]);
        });

        it("alarms on the pods' CPU and memory against their limits and on the nodes (Container Insights), and keeps the ALB alarms", () => {
            const alarms = ofType(result, ALARM).map(inputs);
            const webCpu = alarms.find((alarm) => alarm.name.endsWith("-obs-web-cpu"))!;
            expect(webCpu).to.deep.include({ namespace: "ContainerInsights", metricName: "pod_cpu_utilization_over_pod_limit", threshold: 70 });
            expect(webCpu.dimensions).to.deep.equal({ ClusterName: cluster.name, Namespace: `platform-k-${tier}`, PodName: "web" });
            const workerMemory = alarms.find((alarm) => alarm.name.endsWith("-obs-worker-memory"))!;
            expect(workerMemory).to.deep.include({ metricName: "pod_memory_utilization_over_pod_limit", threshold: 80 });
            expect(alarms.find((alarm) => alarm.name.endsWith("-obs-nodes-cpu"))).to.deep.include({ metricName: "node_cpu_utilization" });
            expect(alarms.some((alarm) => alarm.name.endsWith("-obs-lb-5xx-rate"))).to.equal(true);
            expect(alarms.some((alarm) => alarm.namespace === "AWS/EC2" || alarm.namespace === "CWAgent")).to.equal(false);
        });

        it("prices the cluster and the node group, and times every AWS type (Kubernetes objects are priced elsewhere)", () => {
            const estimate = estimateCost(result);
            const unpricedAws = estimate.unpriced.filter((entry) => !entry.type.startsWith("kubernetes:"));
            expect(unpricedAws, JSON.stringify(unpricedAws, null, 1)).to.deep.equal([]);
            const control = estimate.items.find((item) => item.urn.endsWith("-app-cluster"))!;
            // EKS standard support: $0.10 per cluster-hour, 730 hours a month.
            expect(control.monthly).to.be.closeTo(73, 0.01);
            const nodes = estimate.items.find((item) => item.urn.endsWith("-app-nodes"))!;
            expect(nodes.basis).to.match(/node x 730 h/);
            const untimedAws = estimateDeploy(result).untimedTypes.filter((type) => !type.startsWith("kubernetes:"));
            expect(untimedAws).to.deep.equal([]);
        });

        it("draws the cluster, its node group and the load balancer's path to the pods", () => {
            const dot = diagramDot(result);
            expect(dot).to.match(/app-cluster\\naws:eks\/cluster:Cluster\\nEKS 1\.33, private endpoint/);
            expect(dot).to.match(/app-nodes\\naws:eks\/nodeGroup:NodeGroup\\n\d+-\d+ nodes x /);
            expect(dot).to.include('[label="schedules pods", style="dashed"]');
            expect(dot).to.include('[label="HTTP :3000 (pods)"]');
        });

        it("finds no mandatory violation in the pack", async () => {
            const violations = await evaluatePolicies(planJson(result).resources as PlannedResource[], { tier: tier as never });
            const mandatory = violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.type} "${v.name}": ${v.message}`);
            expect(mandatory).to.deep.equal([]);
        });
    });
}
