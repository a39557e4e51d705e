// Managed Prometheus and Grafana: a compliant baseline and one failing mutation per rule.

import { policy as ampEncrypted } from "../../../policies/rules/aws/amp-workspace/encrypted";
import { policy as ampLogging } from "../../../policies/rules/aws/amp-workspace/logging";
import { policy as grafanaEncrypted } from "../../../policies/rules/aws/grafana-workspace/encrypted";
import { policy as grafanaOwnRole } from "../../../policies/rules/aws/grafana-workspace/own-role";
import { PolicyCase, resource, set } from "../harness";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/telemetry";

const telemetry = () => [
    resource("aws:amp/workspace:Workspace", "prometheus", {
        alias: "platform-prometheus",
        kmsKeyArn: KEY,
        loggingConfiguration: { logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/prometheus/platform:*" },
    }),
    resource("aws:grafana/workspace:Workspace", "grafana", {
        accountAccessType: "CURRENT_ACCOUNT",
        authenticationProviders: ["AWS_SSO"],
        permissionType: "CUSTOMER_MANAGED",
        roleArn: "arn:aws:iam::123456789012:role/platform-grafana",
        dataSources: ["PROMETHEUS", "CLOUDWATCH", "XRAY"],
        kmsKeyId: KEY,
    }),
];

export const cases: PolicyCase[] = [
    {
        policy: ampEncrypted,
        baseline: telemetry,
        mutations: [{ title: "AWS-owned key", apply: set("prometheus", "kmsKeyArn", undefined), message: /kmsKeyArn is not set/ }],
    },
    {
        policy: ampLogging,
        baseline: telemetry,
        mutations: [{ title: "no logging", apply: set("prometheus", "loggingConfiguration", undefined), message: /logGroupArn is not set/ }],
    },
    {
        policy: grafanaOwnRole,
        baseline: telemetry,
        mutations: [
            { title: "service-managed role", apply: set("grafana", "permissionType", "SERVICE_MANAGED"), message: /permissionType is "SERVICE_MANAGED"/ },
            { title: "organization access", apply: set("grafana", "accountAccessType", "ORGANIZATION"), message: /accountAccessType is "ORGANIZATION"/ },
            { title: "no role", apply: set("grafana", "roleArn", undefined), message: /roleArn is not set/ },
        ],
    },
    {
        policy: grafanaEncrypted,
        baseline: telemetry,
        mutations: [{ title: "AWS-owned key", apply: set("grafana", "kmsKeyId", undefined), message: /kmsKeyId is not set/ }],
    },
];
