// Every AWS name the adapter derives from the platform name (`${project}-${stack}`) and the
// service names, with the length and characters AWS (or the provider's own input validation)
// accepts for it. Checked before any resource is registered: a stack name AWS would refuse
// halfway through `pulumi up` is a config error instead. Pure: plain values in, messages out.

import { PlatformSpec, ServiceSpec } from "../../tiers/types";
import { memberClusterIdsFor, replicationGroupIdFor } from "./cache";
import { boundedName } from "./common";
import { vpnProblems } from "./vpn";
import { CLUSTER_NAME_MAX, clusterNameFor, controlPlaneLogGroupName, NODE_GROUP_NAME_MAX, nodeGroupNameFor, validateCluster } from "./cluster";

export interface NameRule {
    /** Longest name accepted. */
    max: number;
    /** One character accepted. */
    char: RegExp;
    /** The accepted characters, for messages. */
    allowed: string;
    startsWithLetter?: boolean;
    /** No "--" and no trailing "-" (RDS and ElastiCache identifiers). */
    singleHyphens?: boolean;
    /** Neither begins nor ends with "-" (load balancers and target groups). */
    noEdgeHyphens?: boolean;
    /** Begins and ends with a letter or digit, no ".." (S3 buckets). */
    alphanumericEnds?: boolean;
}

const lowercaseIdentifier = (max: number): NameRule => ({
    max,
    char: /[a-z0-9-]/,
    allowed: "lowercase letters, digits and hyphens, starting with a letter, without \"--\" or a trailing \"-\"",
    startsWithLetter: true,
    singleHyphens: true,
});
const NO_CONTROL_CHARACTERS = { char: /\P{Cc}/u, allowed: "any character but control characters" };
const LETTERS_DIGITS_UNDERSCORE_HYPHEN = { char: /[A-Za-z0-9_-]/, allowed: "letters, digits, \"_\" and \"-\"" };
const IAM_NAME = { char: /[\w+=,.@-]/, allowed: "letters, digits and +=,.@_-" };

/** Sources: each service's API reference; the RDS group rules are the provider's own validation. */
export const NAME_RULES = {
    rdsIdentifier: lowercaseIdentifier(63),
    rdsSnapshot: { max: 255, char: /[A-Za-z0-9-]/, allowed: "letters, digits and hyphens, starting with a letter, without \"--\" or a trailing \"-\"", startsWithLetter: true, singleHyphens: true },
    rdsParameterGroup: lowercaseIdentifier(255),
    rdsSubnetGroup: { max: 255, char: /[a-z0-9 ._-]/, allowed: "lowercase letters, digits, spaces, \".\", \"_\" and \"-\"" },
    cacheGroupId: lowercaseIdentifier(40),
    cacheNodeId: lowercaseIdentifier(50),
    cacheSubnetGroup: { max: 255, char: /[A-Za-z0-9-]/, allowed: "letters, digits and hyphens" },
    loadBalancer: { max: 32, char: /[A-Za-z0-9-]/, allowed: "letters, digits and hyphens, not at either end", noEdgeHyphens: true },
    autoScalingGroup: { max: 255, ...NO_CONTROL_CHARACTERS },
    launchTemplate: { max: 128, char: /[A-Za-z0-9()./_-]/, allowed: "letters, digits and ()./_-" },
    securityGroup: { max: 255, char: /[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]/, allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*" },
    sqsQueue: { max: 80, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    snsTopic: { max: 256, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    alarm: { max: 255, ...NO_CONTROL_CHARACTERS },
    dashboard: { max: 255, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    budget: { max: 100, char: /[^:\\]/, allowed: "any character but \":\" and \"\\\"" },
    iamRole: { max: 64, ...IAM_NAME },
    iamInstanceProfile: { max: 128, ...IAM_NAME },
    iamRolePolicy: { max: 128, ...IAM_NAME },
    s3Bucket: { max: 63, char: /[a-z0-9.-]/, allowed: "lowercase letters, digits, \".\" and \"-\", beginning and ending with a letter or digit", alphanumericEnds: true },
    kmsAlias: { max: 256, char: /[A-Za-z0-9/_-]/, allowed: "letters, digits and /_-" },
    secret: { max: 512, char: /[A-Za-z0-9/_+=.@-]/, allowed: "letters, digits and /_+=.@-" },
    logGroup: { max: 512, char: /[A-Za-z0-9._/#-]/, allowed: "letters, digits and ._-/#" },
    lambdaFunction: { max: 64, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    webAcl: { max: 128, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    ecsCluster: { max: 255, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    ecsTaskFamily: { max: 255, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    schedulerSchedule: { max: 64, char: /[A-Za-z0-9_.-]/, allowed: "letters, digits and _.-" },
    wafMetric: { max: 255, char: /[A-Za-z0-9_#:./-]/, allowed: "letters, digits and _#:./-" },
    eksCluster: { max: CLUSTER_NAME_MAX, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    eksNodeGroup: { max: NODE_GROUP_NAME_MAX, ...LETTERS_DIGITS_UNDERSCORE_HYPHEN },
    /** The app namespace: a DNS label. */
    kubernetesNamespace: { max: 63, char: /[a-z0-9-]/, allowed: "lowercase letters, digits and \"-\", beginning and ending with a letter or digit", alphanumericEnds: true },
} satisfies Record<string, NameRule>;

/** What Pulumi appends to a resource's logical name when it names the resource: "-" and 7 hex digits. */
export const AUTO_NAME_SUFFIX_LENGTH = 8;
const SAMPLE_AUTO_NAME_SUFFIX = "-0a1b2c3";

export interface DerivedName {
    /** What AWS calls the name, e.g. "RDS identifier". */
    what: string;
    /** The name AWS receives; for an auto-name, the logical name plus a sample suffix. */
    name: string;
    rule: NameRule;
    /** The logical name Pulumi derives the physical name from, for auto-named resources. */
    logicalName?: string;
    /** Index of the service (in platform:services) whose name is part of this one. */
    service?: number;
}

/** RDS stores identifiers in lowercase; the export log group names must use what it stores. */
export function rdsIdentifierFor(platformName: string): string {
    return `${platformName}-db`.toLowerCase();
}

function named(what: string, name: string, rule: NameRule, service?: number): DerivedName {
    return { what, name, rule, service };
}

/** A resource without an explicit name: the provider's transform (lowercase for buckets), then the suffix. */
function autoNamed(what: string, logicalName: string, rule: NameRule, transform: (name: string) => string = (name) => name, service?: number): DerivedName {
    return { what, name: `${transform(logicalName)}${SAMPLE_AUTO_NAME_SUFFIX}`, rule, logicalName, service };
}

function networkNames(spec: PlatformSpec, component: string): DerivedName[] {
    const names = [
        named("KMS alias", `alias/${component}-flow-logs`, NAME_RULES.kmsAlias),
        named("log group name", `/${spec.name}/network/flow-logs`, NAME_RULES.logGroup),
        autoNamed("IAM role name", `${component}-flow-logs-role`, NAME_RULES.iamRole),
        autoNamed("IAM role policy name", `${component}-flow-logs-policy`, NAME_RULES.iamRolePolicy),
        ...["lb", "app", "db", "cache"].map((role) => autoNamed("security group name", `${component}-${role}-sg`, NAME_RULES.securityGroup)),
    ];
    if (spec.network.adminCidrs.length > 0) {
        names.push(
            autoNamed("IAM role name", `${component}-bastion-role`, NAME_RULES.iamRole),
            autoNamed("IAM instance profile name", `${component}-bastion-profile`, NAME_RULES.iamInstanceProfile),
            named("KMS alias", `alias/${component}-bastion`, NAME_RULES.kmsAlias),
            autoNamed("launch template name", `${component}-bastion-template`, NAME_RULES.launchTemplate),
            named("Auto Scaling group name", `${component}-bastion`, NAME_RULES.autoScalingGroup),
            autoNamed("security group name", `${component}-bastion-sg`, NAME_RULES.securityGroup),
        );
    }
    return names;
}

function storageNames(component: string): DerivedName[] {
    const lowercase = (name: string) => name.toLowerCase();
    return [
        named("KMS alias", `alias/${component}-storage`, NAME_RULES.kmsAlias),
        autoNamed("S3 bucket name", `${component}-bucket`, NAME_RULES.s3Bucket, lowercase),
        autoNamed("S3 bucket name", `${component}-logs`, NAME_RULES.s3Bucket, lowercase),
    ];
}

function databaseNames(spec: PlatformSpec, component: string): DerivedName[] {
    const identifier = rdsIdentifierFor(spec.name);
    const instances = [identifier, ...Array.from({ length: spec.database.readReplicas }, (_, index) => `${identifier}-replica-${index + 1}`)];
    return [
        ...instances.map((id, index) => named(index === 0 ? "RDS identifier" : "RDS read replica identifier", id, NAME_RULES.rdsIdentifier)),
        ...(spec.database.deletionProtection ? [named("RDS final snapshot identifier", `${identifier}-final`, NAME_RULES.rdsSnapshot)] : []),
        ...instances.flatMap((id) => ["postgresql", "upgrade"].map((log) => named("log group name", `/aws/rds/instance/${id}/${log}`, NAME_RULES.logGroup))),
        named("KMS alias", `alias/${component}-db`, NAME_RULES.kmsAlias),
        named("Secrets Manager secret name", `${spec.name}/db/app`, NAME_RULES.secret),
        ...(spec.database.readReplicas > 0 ? [named("Secrets Manager secret name", `${spec.name}/db/replica-hosts`, NAME_RULES.secret)] : []),
        autoNamed("RDS subnet group name", `${component}-subnets`, NAME_RULES.rdsSubnetGroup),
        autoNamed("RDS parameter group name", `${component}-params`, NAME_RULES.rdsParameterGroup),
        autoNamed("IAM role name", `${component}-monitoring-role`, NAME_RULES.iamRole),
        ...(spec.database.pooling.enabled
            ? [
                  named("RDS Proxy name", `${identifier}-proxy`, { ...NAME_RULES.rdsIdentifier, max: 60 }),
                  autoNamed("IAM role name", `${component}-pool-role`, NAME_RULES.iamRole),
                  autoNamed("security group name", `${component}-pool-sg`, NAME_RULES.securityGroup),
              ]
            : []),
    ];
}

function cacheNames(spec: PlatformSpec, component: string): DerivedName[] {
    const groupId = replicationGroupIdFor(spec.name);
    return [
        named("ElastiCache replication group id", groupId, NAME_RULES.cacheGroupId),
        ...memberClusterIdsFor(groupId, spec.cache.shards, spec.cache.replicasPerShard).map((id) => named("ElastiCache node id", id, NAME_RULES.cacheNodeId)),
        named("KMS alias", `alias/${component}-cache`, NAME_RULES.kmsAlias),
        named("Secrets Manager secret name", `${spec.name}/cache/auth-token`, NAME_RULES.secret),
        autoNamed("ElastiCache subnet group name", `${component}-subnets`, NAME_RULES.cacheSubnetGroup),
        named("log group name", `/${spec.name}/redis/operations`, NAME_RULES.logGroup),
        named("log group name", `/${spec.name}/redis/slow-log`, NAME_RULES.logGroup),
    ];
}

function serviceNames(spec: PlatformSpec, component: string, service: ServiceSpec, index: number): DerivedName[] {
    const logs = service.kind === "web" ? ["application", "error"] : ["worker"];
    const names = [
        ...logs.map((log) => named("log group name", `/${spec.name}/${service.name}/${log}`, NAME_RULES.logGroup, index)),
        named("Auto Scaling group name", `${component}-${service.name}`, NAME_RULES.autoScalingGroup, index),
        autoNamed("launch template name", `${component}-${service.name}-template`, NAME_RULES.launchTemplate, undefined, index),
        // Step policies for workers (queue depth) and for web services with cpuScaling; target tracking otherwise.
        ...(service.kind === "worker" || service.cpuScaling ? ["scale-out", "scale-in"] : ["cpu-target"]).map((role) =>
            autoNamed("scaling policy name", `${component}-${service.name}-${role}`, NAME_RULES.autoScalingGroup, undefined, index),
        ),
        ...(service.cpuScaling
            ? ["cpu-high", "cpu-low"].map((role) => autoNamed("CloudWatch alarm name", `${component}-${service.name}-${role}`, NAME_RULES.alarm, undefined, index))
            : []),
        // Its own security group: the identity declared service-to-service paths open to.
        autoNamed("security group name", `${component}-${service.name}-sg`, NAME_RULES.securityGroup, undefined, index),
    ];
    if (service.kind === "worker") {
        const queue = `${spec.name}-${service.name}`;
        names.push(
            named("SQS queue name", queue, NAME_RULES.sqsQueue, index),
            named("SQS dead-letter queue name", `${queue}-dlq`, NAME_RULES.sqsQueue, index),
            ...["queue-high", "queue-low"].map((role) => autoNamed("CloudWatch alarm name", `${component}-${service.name}-${role}`, NAME_RULES.alarm, undefined, index)),
        );
    }
    return names;
}

function publicWebServices(spec: PlatformSpec): { service: ServiceSpec; index: number }[] {
    return spec.appFleet.services.flatMap((service, index) => (service.kind === "web" && service.public ? [{ service, index }] : []));
}

function appFleetNames(spec: PlatformSpec, component: string): DerivedName[] {
    const names = [
        named("KMS alias", `alias/${component}-app`, NAME_RULES.kmsAlias),
        autoNamed("IAM role name", `${component}-instance-role`, NAME_RULES.iamRole),
        autoNamed("IAM instance profile name", `${component}-instance-profile`, NAME_RULES.iamInstanceProfile),
        ...spec.appFleet.services.flatMap((service, index) => serviceNames(spec, component, service, index)),
        // The credentials function (credentials.ts) and the application secrets it generates.
        named("Lambda function name", `${component}-credentials`, NAME_RULES.lambdaFunction),
        named("log group name", `/aws/lambda/${component}-credentials`, NAME_RULES.logGroup),
        autoNamed("IAM role name", `${component}-credentials-role`, NAME_RULES.iamRole),
        autoNamed("security group name", `${component}-credentials-sg`, NAME_RULES.securityGroup),
        named("Secrets Manager secret name", `${spec.name}/jwt/secret`, NAME_RULES.secret),
        named("Secrets Manager secret name", `${spec.name}/api/key`, NAME_RULES.secret),
    ];
    const web = publicWebServices(spec);
    if (web.length === 0) {
        return names;
    }
    names.push(
        named("load balancer name", boundedName(`${component}-lb`, NAME_RULES.loadBalancer.max), NAME_RULES.loadBalancer),
        ...web.map(({ service, index }) =>
            named("target group name", boundedName(`${component}-${service.name}-${service.port}`, NAME_RULES.loadBalancer.max), NAME_RULES.loadBalancer, index),
        ),
    );
    if (spec.appFleet.waf.enabled) {
        names.push(
            autoNamed("WAF web ACL name", `${component}-waf`, NAME_RULES.webAcl),
            named("WAF metric name", `${spec.name}-waf`, NAME_RULES.wafMetric),
            named("log group name", `aws-waf-logs-${spec.name}`, NAME_RULES.logGroup),
        );
    }
    return names;
}

/** `runtime: kubernetes`: the EKS cluster, its node group, its roles and the app namespace. */
function clusterNames(spec: PlatformSpec, component: string): DerivedName[] {
    const cluster = clusterNameFor(component);
    const roles = ["cluster-role", "node-role", "vpc-cni-role", "cloudwatch-agent-role", "external-secrets-role", "keda-role", "lb-controller-role", "autoscaler-role"];
    return [
        named("EKS cluster name", cluster, NAME_RULES.eksCluster),
        named("EKS node group name", nodeGroupNameFor(component), NAME_RULES.eksNodeGroup),
        named("log group name", controlPlaneLogGroupName(cluster), NAME_RULES.logGroup),
        ...["application", "dataplane", "host", "performance"].map((kind) => named("log group name", `/aws/containerinsights/${cluster}/${kind}`, NAME_RULES.logGroup)),
        named("KMS alias", `alias/${component}-cluster`, NAME_RULES.kmsAlias),
        named("Kubernetes namespace", spec.name.toLowerCase(), NAME_RULES.kubernetesNamespace),
        ...roles.map((role) => autoNamed("IAM role name", `${component}-${role}`, NAME_RULES.iamRole)),
        ...spec.appFleet.services.map((service, index) => autoNamed("IAM role name", `${component}-${service.name}-pod-role`, NAME_RULES.iamRole, undefined, index)),
    ];
}

function observabilityNames(spec: PlatformSpec, component: string): DerivedName[] {
    const alarm = (role: string, service?: number) => named("CloudWatch alarm name", `${component}-${role}`, NAME_RULES.alarm, service);
    const groupId = replicationGroupIdFor(spec.name);
    const cacheNodes = memberClusterIdsFor(groupId, spec.cache.shards, spec.cache.replicasPerShard).map((id) => id.slice(groupId.length + 1));
    const hasLoadBalancer = publicWebServices(spec).length > 0;
    const hasHealthCheck = hasLoadBalancer && spec.appFleet.domain !== undefined;
    const names = [
        named("KMS alias", `alias/${component}-alerts`, NAME_RULES.kmsAlias),
        named("SNS topic name", `${component}-alerts`, NAME_RULES.snsTopic),
        ...spec.appFleet.services.flatMap((service, index) => [alarm(`${service.name}-cpu`, index), alarm(`${service.name}-memory`, index)]),
        ...(hasLoadBalancer ? [alarm("lb-5xx-rate"), alarm("lb-latency-p95")] : []),
        alarm("db-connections"),
        ...Array.from({ length: spec.database.readReplicas }, (_, index) => alarm(`db-replica-${index + 1}-connections`)),
        alarm("db-cpu"),
        alarm("db-free-storage"),
        ...cacheNodes.map((node) => alarm(`cache-${node}-memory`)),
        ...(hasHealthCheck ? [alarm("health-check")] : []),
        named("CloudWatch dashboard name", spec.name, NAME_RULES.dashboard),
        named("budget name", `${spec.name}-monthly`, NAME_RULES.budget),
    ];
    // Route 53 health check alarms live in us-east-1; elsewhere they get a topic and key there.
    if (hasHealthCheck && spec.region !== "us-east-1") {
        names.push(named("KMS alias", `alias/${component}-alerts-us-east-1`, NAME_RULES.kmsAlias), named("SNS topic name", `${component}-alerts-us-east-1`, NAME_RULES.snsTopic));
    }
    return names;
}

/** The VPN's named children; only with a peer does it name anything. */
function vpnNames(spec: PlatformSpec, component: string): DerivedName[] {
    if (!spec.vpn?.peerAddress) {
        return [];
    }
    return [
        named("KMS alias", `alias/${component}-vpn`, NAME_RULES.kmsAlias),
        named("Secrets Manager secret name", `${spec.name}/vpn/preshared-keys`, NAME_RULES.secret),
        named("log group name", `/${spec.name}/vpn/tunnels`, NAME_RULES.logGroup),
    ];
}

/** The logical dump's bucket, roles, security group, key and log group. */
function backupsNames(spec: PlatformSpec, component: string): DerivedName[] {
    if (!spec.backups.enabled) {
        return [];
    }
    const lowercase = (name: string) => name.toLowerCase();
    return [
        autoNamed("S3 bucket name", `${component}-bucket`, NAME_RULES.s3Bucket, lowercase),
        named("KMS alias", `alias/${component}-backups`, NAME_RULES.kmsAlias),
        named("log group name", `/${spec.name}/backups/dump`, NAME_RULES.logGroup),
        autoNamed("security group name", `${component}-dump-sg`, NAME_RULES.securityGroup),
        autoNamed("ECS cluster name", `${component}-cluster`, NAME_RULES.ecsCluster),
        named("ECS task definition family", `${component}-dump`, NAME_RULES.ecsTaskFamily),
        autoNamed("EventBridge schedule name", `${component}-schedule`, NAME_RULES.schedulerSchedule),
        ...["execution", "task", "scheduler"].flatMap((role) => [
            autoNamed("IAM role name", `${component}-${role}-role`, NAME_RULES.iamRole),
            autoNamed("IAM role policy name", `${component}-${role}-policy`, NAME_RULES.iamRolePolicy),
        ]),
    ];
}

/** Metrics name a key, the Prometheus workspace's log group and Grafana's role; traces alone name nothing. */
function telemetryNames(spec: PlatformSpec, component: string): DerivedName[] {
    if (!spec.telemetry.metrics.enabled) {
        return [];
    }
    return [
        named("KMS alias", `alias/${component}-telemetry`, NAME_RULES.kmsAlias),
        named("log group name", `/aws/vendedlogs/prometheus/${spec.name}`, NAME_RULES.logGroup),
        autoNamed("IAM role name", `${component}-grafana-role`, NAME_RULES.iamRole),
    ];
}

/** The search domain's key, security group and administrators' role. */
function searchNames(spec: PlatformSpec, component: string): DerivedName[] {
    if (!spec.search.enabled) {
        return [];
    }
    return [
        named("KMS alias", `alias/${component}-search`, NAME_RULES.kmsAlias),
        autoNamed("security group name", `${component}-search-sg`, NAME_RULES.securityGroup),
        autoNamed("IAM role name", `${component}-search-admin`, NAME_RULES.iamRole),
    ];
}

/** Every AWS name the platform derives from its own name and its services' names. */
export function derivedNames(spec: PlatformSpec): DerivedName[] {
    // The component names of components/platform.ts: children are named `${component}-<role>`.
    const component = (suffix: string) => `${spec.name}-${suffix}`;
    return [
        ...networkNames(spec, component("network")),
        ...storageNames(component("storage")),
        ...databaseNames(spec, component("db")),
        ...cacheNames(spec, component("cache")),
        ...appFleetNames(spec, component("app")),
        ...(spec.runtime === "kubernetes" ? clusterNames(spec, component("app")) : []),
        ...observabilityNames(spec, component("obs")),
        ...vpnNames(spec, component("vpn")),
        ...backupsNames(spec, component("backups")),
        ...telemetryNames(spec, component("telemetry")),
        ...searchNames(spec, component("search")),
    ];
}

function describeCharacters(characters: string[]): string {
    const upper = characters.filter((c) => /[A-Z]/.test(c));
    const others = characters.filter((c) => !/[A-Z]/.test(c)).map((c) => JSON.stringify(c));
    return [...(upper.length ? [`upper case ${upper.map((c) => JSON.stringify(c)).join(", ")}`] : []), ...others].join(", ");
}

/** Why AWS would refuse the characters of `name` (not its length), or undefined. */
export function characterProblem(name: string, rule: NameRule): string | undefined {
    const refused = [...new Set([...name].filter((c) => !rule.char.test(c)))];
    if (refused.length > 0) {
        return `it contains ${describeCharacters(refused)}`;
    }
    if (rule.startsWithLetter && !/^[A-Za-z]/.test(name)) {
        return "it does not start with a letter";
    }
    if (rule.singleHyphens && (name.includes("--") || name.endsWith("-"))) {
        return name.includes("--") ? 'it contains "--"' : 'it ends with "-"';
    }
    if (rule.noEdgeHyphens && (name.startsWith("-") || name.endsWith("-"))) {
        return 'it begins or ends with "-"';
    }
    if (rule.alphanumericEnds && (!/^[a-z0-9].*[a-z0-9]$/.test(name) || name.includes(".."))) {
        return name.includes("..") ? 'it contains ".."' : "it does not begin and end with a letter or digit";
    }
    return undefined;
}

function quoted(name: DerivedName): string {
    return name.logicalName
        ? `${JSON.stringify(name.name.slice(0, -AUTO_NAME_SUFFIX_LENGTH))} plus Pulumi's suffix ("-" and 7 random hex digits)`
        : JSON.stringify(name.name);
}

interface Culprit {
    /** What the user changes, e.g. `stack "prod"` or `platform:services[1].name`. */
    subject: string;
    /** The part of the derived names it contributes. */
    part: string;
    what: string;
    /** How the shortest allowed part translates back to what the user types. */
    advice: (maxPart: number) => string;
}

function platformCulprit(spec: PlatformSpec): Culprit {
    const { project, environment: stack } = spec.tags;
    const fromStack = project !== undefined && stack !== undefined && spec.name === `${project}-${stack}`;
    return {
        subject: fromStack ? `stack ${JSON.stringify(stack)}` : `platform name ${JSON.stringify(spec.name)}`,
        part: spec.name,
        what: `the platform name ${JSON.stringify(spec.name)}`,
        advice: (max) =>
            fromStack
                ? `the platform name may have at most ${max} characters, so the stack name at most ${max - project.length - 1} (the project is ${JSON.stringify(project)})`
                : `the platform name may have at most ${max} characters`,
    };
}

function serviceCulprit(spec: PlatformSpec, index: number): Culprit {
    const service = spec.appFleet.services[index].name;
    return {
        subject: `platform:services[${index}].name`,
        part: service,
        what: `${JSON.stringify(service)} with the platform name ${JSON.stringify(spec.name)}`,
        advice: (max) => `this service name may have at most ${max} characters with this platform name`,
    };
}

/**
 * Who has to change: the service when the name involves one and a shorter or plainer service
 * name would fix it; the platform name (so the stack name) otherwise.
 */
function culpritOf(spec: PlatformSpec, name: DerivedName, fault: { refused?: string[]; excess?: number }): Culprit {
    if (name.service === undefined) {
        return platformCulprit(spec);
    }
    const service = spec.appFleet.services[name.service].name;
    // Service names are DNS labels: a "--" or an edge hyphen (no refused character) is the platform's.
    const serviceFixes = fault.refused
        ? fault.refused.length > 0 && !fault.refused.some((c) => spec.name.includes(c))
        : (fault.excess ?? 0) < service.length;
    return serviceFixes ? serviceCulprit(spec, name.service) : platformCulprit(spec);
}

interface LengthFault {
    culprit: Culprit;
    name: DerivedName;
    excess: number;
}

function lengthProblem(faults: LengthFault[]): string {
    const { culprit, name, excess } = faults.reduce((worst, fault) => (fault.excess > worst.excess ? fault : worst));
    const others = [...new Set(faults.map((fault) => fault.name.what))].filter((what) => what !== name.what);
    const also = others.length > 0 ? `; also too long: the ${others.join(", the ")}` : "";
    return `${culprit.subject}: ${culprit.what} makes the ${name.what} ${quoted(name)} ${name.name.length} characters long; AWS allows ${name.rule.max}: ${culprit.advice(culprit.part.length - excess)}${also}`;
}

/**
 * What AWS would refuse, as config problems: one per culprit and kind of name for characters,
 * one per culprit for length (naming the tightest name, so the limit it gives is the real one).
 */
export function validateNames(spec: PlatformSpec): string[] {
    const characterProblems = new Map<string, string>();
    const lengthFaults = new Map<string, LengthFault[]>();
    for (const name of derivedNames(spec)) {
        const characters = characterProblem(name.name, name.rule);
        if (characters) {
            const culprit = culpritOf(spec, name, { refused: [...name.name].filter((c) => !name.rule.char.test(c)) });
            const key = `${culprit.subject}|${name.what}`;
            if (!characterProblems.has(key)) {
                characterProblems.set(key, `${culprit.subject}: ${culprit.what} makes the ${name.what} ${quoted(name)} invalid (${characters}); allowed: ${name.rule.allowed}`);
            }
        }
        const excess = name.name.length - name.rule.max;
        if (excess > 0) {
            const culprit = culpritOf(spec, name, { excess });
            lengthFaults.set(culprit.subject, [...(lengthFaults.get(culprit.subject) ?? []), { culprit, name, excess }]);
        }
    }
    const clusterProblems = spec.runtime === "kubernetes" ? validateCluster(spec.appFleet.kubernetes.cluster) : [];
    return [...characterProblems.values(), ...[...lengthFaults.values()].map(lengthProblem), ...clusterProblems, ...vpnProblems(spec)];
}
