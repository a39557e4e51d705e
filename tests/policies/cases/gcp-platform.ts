// VMs and their groups, IAM, labels, protection, plain-text secrets, alerts, the credentials
// job and its schedule, the budget: a compliant baseline and a failing mutation per rule.

import { policy as budgetNotifies } from "../../../policies/rules/gcp/billing-budget/notifies";
import { policy as jobServiceAccount } from "../../../policies/rules/gcp/cloud-run-job/dedicated-service-account";
import { policy as jobInVpc } from "../../../policies/rules/gcp/cloud-run-job/in-vpc";
import { policy as jobEnvSecrets } from "../../../policies/rules/gcp/cloud-run-job/no-secrets-in-env";
import { policy as schedulerAuthenticated } from "../../../policies/rules/gcp/cloud-scheduler-job/authenticated";
import { policy as autoHealing } from "../../../policies/rules/gcp/compute-instance-group/auto-healing";
import { policy as blockProjectKeys } from "../../../policies/rules/gcp/compute-instance/block-project-ssh-keys";
import { policy as vmServiceAccount } from "../../../policies/rules/gcp/compute-instance/dedicated-service-account";
import { policy as diskCmek } from "../../../policies/rules/gcp/compute-instance/disk-encrypted-with-cmek";
import { policy as noIpForwarding } from "../../../policies/rules/gcp/compute-instance/no-ip-forwarding";
import { policy as vmNoPublicIp } from "../../../policies/rules/gcp/compute-instance/no-public-ip";
import { policy as noStartupSecrets } from "../../../policies/rules/gcp/compute-instance/no-secrets-in-startup-script";
import { policy as noSerialPort } from "../../../policies/rules/gcp/compute-instance/no-serial-port";
import { policy as osLogin } from "../../../policies/rules/gcp/compute-instance/os-login";
import { policy as shieldedVm } from "../../../policies/rules/gcp/compute-instance/shielded-vm";
import { policy as noBasicRoles } from "../../../policies/rules/gcp/iam-member/no-basic-roles";
import { policy as noPublicMembers } from "../../../policies/rules/gcp/iam-member/no-public-members";
import { policy as projectLeastPrivilege } from "../../../policies/rules/gcp/iam-member/project-least-privilege";
import { policy as telemetryWriteOnly } from "../../../policies/rules/gcp/iam-member/telemetry-write-only";
import { policy as alertNotifies } from "../../../policies/rules/gcp/monitoring-alert-policy/notifies";
import { policy as resourceProtected } from "../../../policies/rules/gcp/resource/protected";
import { policy as requiredLabels } from "../../../policies/rules/gcp/resource/required-labels";
import { policy as noUserManagedKeys } from "../../../policies/rules/gcp/service-account/no-user-managed-keys";
import { policy as noPlaintextSecrets } from "../../../policies/rules/gcp/stack/no-plaintext-secrets";
import {
    alertPolicy,
    bastion,
    budget,
    buckets,
    credentialsJob,
    cryptoKey,
    G,
    iamGrants,
    instanceGroup,
    instanceTemplate,
    loadBalancer,
    redisCluster,
    redisInstance,
    rotationSchedule,
    secret,
    sqlPrimary,
    sqlUser,
    topic,
    workerGroup,
} from "../fixtures/gcp";
import { add, all, PolicyCase, resource, set, setResource } from "../harness";

const vms = () => [instanceTemplate(), bastion()];
const stateful = () => [sqlPrimary(), redisInstance(), redisCluster(), ...buckets(), secret(), cryptoKey()];

export const cases: PolicyCase[] = [
    {
        policy: vmNoPublicIp,
        baseline: vms,
        mutations: [
            { title: "app template with an external address", apply: set("web-template", "networkInterfaces.0.accessConfigs", [{}]), message: /networkInterfaces\[0\].accessConfigs is set/ },
            { title: "external IPv6", apply: set("web-template", "networkInterfaces.0.ipv6AccessConfigs", [{ networkTier: "PREMIUM" }]), message: /ipv6AccessConfigs is set/ },
            { title: "the bastion loses its role", apply: set("bastion", "tags", ["platform-app"]), message: /accessConfigs is set/ },
            { title: "publicRoles from the config decide", config: { "gcp-compute-instance-no-public-ip": { publicRoles: ["jump"] } }, apply: () => undefined, message: /accessConfigs is set/ },
            { title: "a platform-role label also marks the bastion", apply: all(set("bastion", "tags", []), set("bastion", "labels.platform-role", "bastion")), expectNone: true },
        ],
    },
    {
        policy: shieldedVm,
        baseline: vms,
        mutations: [
            { title: "no shielded config", apply: set("web-template", "shieldedInstanceConfig", undefined), message: /enableSecureBoot is not true \(it defaults to false\)/ },
            { title: "vTPM off", apply: set("bastion", "shieldedInstanceConfig.enableVtpm", false), message: /enableVtpm is false/ },
        ],
    },
    {
        policy: osLogin,
        baseline: vms,
        mutations: [
            { title: "OS Login off", apply: set("web-template", "metadata.enable-oslogin", "FALSE"), message: /enable-oslogin"\] is FALSE/ },
            { title: "OS Login unset", apply: set("bastion", "metadata", {}), message: /enable-oslogin"\] is not set/ },
        ],
    },
    {
        policy: blockProjectKeys,
        baseline: vms,
        mutations: [{ title: "project keys accepted", apply: set("web-template", "metadata.block-project-ssh-keys", undefined), message: /block-project-ssh-keys"\] is not set/ }],
    },
    {
        policy: noSerialPort,
        baseline: vms,
        mutations: [{ title: "serial console on", apply: set("bastion", "metadata.serial-port-enable", "true"), message: /serial-port-enable"\] is TRUE/ }],
    },
    {
        policy: noIpForwarding,
        baseline: vms,
        mutations: [{ title: "forwarding", apply: set("web-template", "canIpForward", true), message: /canIpForward is true/ }],
    },
    {
        policy: vmServiceAccount,
        baseline: vms,
        mutations: [
            { title: "default compute account with full scope", apply: set("web-template", "serviceAccount.email", "123456789-compute@developer.gserviceaccount.com"), message: /default service account with the cloud-platform scope/ },
            { title: "no account named", apply: set("bastion", "serviceAccount", undefined), message: /default service account/ },
        ],
    },
    {
        policy: diskCmek,
        baseline: vms,
        mutations: [
            { title: "template disk without key", apply: set("web-template", "disks.0.diskEncryptionKey", undefined), message: /disks\[0\].diskEncryptionKey.kmsKeySelfLink is not set/ },
            { title: "instance boot disk without key", apply: set("bastion", "bootDisk.kmsKeySelfLink", undefined), message: /bootDisk.kmsKeySelfLink is not set/ },
        ],
    },
    {
        policy: noStartupSecrets,
        baseline: vms,
        mutations: [
            { title: "literal password in the script", apply: set("web-template", "metadata.startup-script", "#!/bin/bash\nexport DB_PASSWORD=hunter2hunter2\n"), message: /startup-script"\] contains a password or token assignment/ },
            { title: "script built from a secret", apply: set("web-template", "metadataStartupScript", "[secret]"), message: /metadataStartupScript is built from a secret value/ },
            { title: "private key in metadata", apply: set("bastion", "metadata.user-data", "-----BEGIN RSA PRIVATE KEY-----\nMIIE"), message: /contains a private key/ },
        ],
    },
    {
        policy: autoHealing,
        baseline: () => [instanceGroup(), workerGroup(), ...loadBalancer()],
        mutations: [
            { title: "web group without health check", apply: set("web-group", "autoHealingPolicies", undefined), message: /instance group "web-group" serves the load balancer but autoHealingPolicies has no healthCheck/ },
            {
                title: "a backend service's group counts without named ports",
                apply: all(set("web-group", "autoHealingPolicies", undefined), set("web-group", "namedPorts", undefined)),
                message: /"web-group" serves the load balancer/,
            },
            { title: "a group nothing routes to needs no HTTP check", apply: all(set("web-group", "autoHealingPolicies", undefined), set("web-group", "namedPorts", undefined), set("web-backend", "backends", [])), expectNone: true },
        ],
    },
    {
        policy: noPublicMembers,
        baseline: iamGrants,
        mutations: [
            { title: "public bucket", apply: set("web-objects", "member", "allUsers"), message: /roles\/storage.objectUser is granted to allUsers/ },
            {
                title: "any Google account on a secret through a binding",
                apply: add(resource("gcp:secretmanager/secretIamBinding:SecretIamBinding", "open", { secretId: "x", role: "roles/secretmanager.secretAccessor", members: ["allAuthenticatedUsers"] })),
                message: /anyone with a Google account/,
            },
            {
                title: "public key through a policy document",
                apply: add(resource("gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy", "key-policy", { cryptoKeyId: "k", policyData: JSON.stringify({ bindings: [{ role: "roles/cloudkms.cryptoKeyDecrypter", members: ["allUsers"] }] }) })),
                message: /cryptoKeyDecrypter is granted to allUsers/,
            },
        ],
    },
    {
        policy: noBasicRoles,
        baseline: iamGrants,
        mutations: [
            { title: "Editor on the project", apply: set("web-log-writer", "role", "roles/editor"), message: /roles\/editor is granted to serviceAccount:web@/ },
            { title: "Owner on a bucket", apply: set("web-objects", "role", "roles/owner"), message: /roles\/owner/ },
        ],
    },
    {
        policy: projectLeastPrivilege,
        baseline: iamGrants,
        mutations: [
            { title: "project-wide secret access", apply: set("web-log-writer", "role", "roles/secretmanager.secretAccessor"), message: /grant it on the one secret, key, bucket or topic/ },
            { title: "admin role", apply: set("web-log-writer", "role", "roles/cloudsql.admin"), message: /needs no administration rights/ },
            { title: "impersonation", apply: set("web-log-writer", "role", "roles/iam.serviceAccountTokenCreator"), message: /act as every service account/ },
            { title: "the same role on one secret is fine", apply: set("web-secret-access", "role", "roles/secretmanager.secretAccessor"), expectNone: true },
        ],
    },
    {
        policy: telemetryWriteOnly,
        baseline: () => [
            ...iamGrants(),
            resource(G.projectIamMember, "web-trace-writer", { project: "acme", role: "roles/cloudtrace.agent", member: "serviceAccount:web@acme.iam.gserviceaccount.com" }),
            resource(G.projectIamMember, "web-metric-writer", { project: "acme", role: "roles/monitoring.metricWriter", member: "serviceAccount:web@acme.iam.gserviceaccount.com" }),
        ],
        mutations: [
            { title: "reads every trace", apply: set("web-trace-writer", "role", "roles/cloudtrace.user"), message: /roles\/cloudtrace.agent \(write spans\) only/ },
            { title: "edits Monitoring", apply: set("web-metric-writer", "role", "roles/monitoring.editor"), message: /roles\/monitoring.metricWriter \(write metrics\) only/ },
            { title: "a person may read traces", apply: set("web-trace-writer", "member", "user:ops@example.com"), expectNone: true },
        ],
    },
    {
        policy: noUserManagedKeys,
        baseline: iamGrants,
        mutations: [{ title: "a key", apply: add(resource(G.serviceAccountKey, "web-key", { serviceAccountId: "web" })), message: /user-managed service account key/ }],
    },
    {
        policy: requiredLabels,
        baseline: () => [...stateful(), instanceTemplate(), topic(), alertPolicy(), credentialsJob()],
        mutations: [
            { title: "bucket without tier", apply: set("data", "labels.tier", undefined), message: /missing required label\(s\) tier in labels/ },
            { title: "Cloud SQL labels live in settings", apply: set("db-primary", "settings.userLabels", { project: "platform" }), message: /environment, tier, managed-by in settings.userLabels/ },
            { title: "alert policy without labels", apply: set("cpu-alert", "userLabels", undefined), message: /in userLabels/ },
            {
                title: "a notification channel's labels are its settings, its own labels are userLabels",
                apply: add(resource("gcp:monitoring/notificationChannel:NotificationChannel", "email", { type: "email", labels: { email_address: "ops@example.com" } })),
                message: /missing required label\(s\) project, environment, tier, managed-by in userLabels/,
            },
            { title: "unknown tier", apply: set("tasks", "labels.tier", "prod"), message: /label tier is "prod"/ },
            { title: "types without labels are skipped", apply: add(resource("gcp:compute/firewall:Firewall", "fw", { network: "n" })), expectNone: true },
        ],
    },
    {
        policy: resourceProtected,
        baseline: stateful,
        mutations: [
            { title: "database not protected", apply: setResource("db-primary", "protect", false), message: /not protected/ },
            { title: "key not protected", apply: setResource("data-key", "protect", false), message: /not protected/ },
            { title: "secret deletion protection off", apply: set("app-secret", "deletionProtection", false), message: /deletionProtection is false/ },
            { title: "cluster deletion protection off", apply: set("redis-cluster", "deletionProtectionEnabled", false), message: /deletionProtectionEnabled is false/ },
            { title: "staging need not protect", tier: "staging", apply: setResource("db-primary", "protect", false), expectNone: true },
        ],
    },
    {
        policy: noPlaintextSecrets,
        baseline: () => [sqlUser(), secret(), resource(G.secretVersion, "app-secret-version", { secret: "app-secret-id", secretData: "[secret]" })],
        mutations: [
            { title: "literal user password", apply: set("db-user", "password", "hunter2hunter2"), message: /password of gcp:sql\/user:User "db-user" is written in plain text/ },
            { title: "literal secret data", apply: set("app-secret-version", "secretData", '{"password":"x"}'), message: /secretData of gcp:secretmanager\/secretVersion:SecretVersion/ },
            { title: "generated by another resource", apply: set("db-user", "password", "[unknown]"), expectNone: true },
        ],
    },
    {
        policy: alertNotifies,
        baseline: () => [alertPolicy()],
        mutations: [
            { title: "nobody notified", apply: set("cpu-alert", "notificationChannels", []), message: /notificationChannels is empty/ },
            { title: "disabled", apply: set("cpu-alert", "enabled", false), message: /enabled is false/ },
        ],
    },
    {
        policy: jobInVpc,
        baseline: () => [credentialsJob()],
        mutations: [
            { title: "outside the VPC", apply: set("credentials-job", "template.template.vpcAccess", undefined), message: /vpcAccess is not set/ },
            { title: "only private ranges routed", apply: set("credentials-job", "template.template.vpcAccess.egress", "PRIVATE_RANGES_ONLY"), message: /egress is "PRIVATE_RANGES_ONLY"/ },
        ],
    },
    {
        policy: jobServiceAccount,
        baseline: () => [credentialsJob()],
        mutations: [{ title: "default account", apply: set("credentials-job", "template.template.serviceAccount", undefined), message: /Compute Engine default service account/ }],
    },
    {
        policy: jobEnvSecrets,
        baseline: () => [credentialsJob()],
        mutations: [
            { title: "password as a literal", apply: set("credentials-job", "template.template.containers.0.envs.1", { name: "DB_PASSWORD", value: "hunter2hunter2" }), message: /env DB_PASSWORD holds a credential-named literal/ },
            { title: "a secret output in plain env", apply: set("credentials-job", "template.template.containers.0.envs.0.value", "[secret]"), message: /env CREDENTIALS_CONFIG is a secret value/ },
            { title: "a key inside a value", apply: set("credentials-job", "template.template.containers.0.envs.0.value", "-----BEGIN PRIVATE KEY-----\nMII"), message: /holds a private key/ },
        ],
    },
    {
        policy: schedulerAuthenticated,
        baseline: () => [rotationSchedule()],
        mutations: [
            { title: "no token", apply: set("rotation", "httpTarget.oauthToken", undefined), message: /no oauthToken or oidcToken/ },
            { title: "plain HTTP", apply: set("rotation", "httpTarget.uri", "http://example.com/run"), message: /without TLS/ },
        ],
    },
    {
        policy: budgetNotifies,
        baseline: () => [budget()],
        mutations: [
            { title: "no thresholds", apply: set("budget", "thresholdRules", []), message: /thresholdRules is empty/ },
            { title: "no channel", apply: set("budget", "allUpdatesRule", undefined), message: /names no monitoring channel or topic/ },
        ],
    },
];
