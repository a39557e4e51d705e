// Firewall rules, subnetworks and the load balancer (backend services, Cloud Armor, SSL
// policy, proxies): a compliant baseline and at least one failing mutation per rule.

import { policy as backendLogging } from "../../../policies/rules/gcp/compute-backend-service/logging";
import { policy as wafAttached } from "../../../policies/rules/gcp/compute-backend-service/waf-attached";
import { policy as adminPorts } from "../../../policies/rules/gcp/compute-firewall/admin-ports-restricted";
import { policy as firewallDescriptions } from "../../../policies/rules/gcp/compute-firewall/descriptions";
import { policy as firewallLogging } from "../../../policies/rules/gcp/compute-firewall/logging";
import { policy as noWorldIngress } from "../../../policies/rules/gcp/compute-firewall/no-world-ingress";
import { policy as armorLog4j } from "../../../policies/rules/gcp/compute-security-policy/log4j";
import { policy as armorOwasp } from "../../../policies/rules/gcp/compute-security-policy/owasp-rules";
import { policy as armorRateLimit } from "../../../policies/rules/gcp/compute-security-policy/rate-limit";
import { policy as sslTls12 } from "../../../policies/rules/gcp/compute-ssl-policy/tls-1-2";
import { policy as flowLogs } from "../../../policies/rules/gcp/compute-subnetwork/flow-logs";
import { policy as privateGoogleAccess } from "../../../policies/rules/gcp/compute-subnetwork/private-google-access";
import { policy as httpRedirect } from "../../../policies/rules/gcp/compute-target-http-proxy/redirects-to-https";
import { policy as httpsSslPolicy } from "../../../policies/rules/gcp/compute-target-https-proxy/ssl-policy";
import { firewalls, G, loadBalancer, subnetwork } from "../fixtures/gcp";
import { add, all, PolicyCase, remove, resource, set } from "../harness";

const NETWORK = "projects/acme/global/networks/platform";

export const cases: PolicyCase[] = [
    {
        policy: adminPorts,
        baseline: firewalls,
        mutations: [
            { title: "SSH from the internet", apply: set("ssh-admin", "sourceRanges", ["0.0.0.0/0"]), message: /tcp 22 lets SSH in from the whole internet/ },
            { title: "SSH from a /8", apply: set("ssh-admin", "sourceRanges", ["10.0.0.0/8"]), message: /from 10.0.0.0\/8, wider than \/16/ },
            { title: "no source at all means everywhere", apply: set("ssh-iap", "sourceRanges", undefined), message: /names no source, so GCP applies 0.0.0.0\/0/ },
            {
                title: "RDP inside an all-ports rule",
                apply: add(resource(G.firewall, "all-tcp", { network: NETWORK, description: "x", sourceRanges: ["::/0"], allows: [{ protocol: "tcp" }], logConfig: { metadata: "INCLUDE_ALL_METADATA" } })),
                message: /every tcp port lets RDP in from the whole internet/,
            },
            { title: "a source tag is not a range", apply: all(set("ssh-iap", "sourceRanges", undefined), set("ssh-iap", "sourceTags", ["platform-bastion"])), expectNone: true },
        ],
    },
    {
        policy: noWorldIngress,
        baseline: firewalls,
        mutations: [
            { title: "HTTPS from the internet to the VMs", apply: set("lb-to-app", "sourceRanges", ["0.0.0.0/0"]), message: /allows tcp 3000 from 0.0.0.0\/0/ },
            { title: "no source at all", apply: set("lb-to-app", "sourceRanges", []), message: /names no source, so GCP applies it to 0.0.0.0\/0/ },
            { title: "an egress rule to anywhere is not ingress", apply: set("app-to-data", "destinationRanges", ["0.0.0.0/0"]), expectNone: true },
            { title: "a disabled rule admits nothing", apply: all(set("lb-to-app", "sourceRanges", ["0.0.0.0/0"]), set("lb-to-app", "disabled", true)), expectNone: true },
        ],
    },
    {
        policy: firewallLogging,
        baseline: firewalls,
        mutations: [
            { title: "no log config", apply: set("deny-all", "logConfig", undefined), message: /the rule does not log/ },
            { title: "logging switched off", apply: set("lb-to-app", "enableLogging", false), message: /the rule does not log/ },
        ],
    },
    {
        policy: firewallDescriptions,
        baseline: firewalls,
        mutations: [{ title: "no description", apply: set("app-to-data", "description", undefined), message: /no description/ }],
    },
    {
        policy: flowLogs,
        baseline: () => [subnetwork()],
        mutations: [
            { title: "no flow logs", apply: set("app-subnet", "logConfig", undefined), message: /logConfig is not set/ },
            { title: "zero sampling", apply: set("app-subnet", "logConfig.flowSampling", 0), message: /flowSampling is 0/ },
            { title: "proxy-only subnets carry no VM traffic", apply: all(set("app-subnet", "purpose", "REGIONAL_MANAGED_PROXY"), set("app-subnet", "logConfig", undefined)), expectNone: true },
        ],
    },
    {
        policy: privateGoogleAccess,
        baseline: () => [subnetwork()],
        mutations: [{ title: "off", apply: set("app-subnet", "privateIpGoogleAccess", false), message: /privateIpGoogleAccess is not true/ }],
    },
    {
        policy: wafAttached,
        baseline: loadBalancer,
        mutations: [
            { title: "no Cloud Armor in production", apply: set("web-backend", "securityPolicy", undefined), message: /securityPolicy is not set/ },
            { title: "development has no WAF by design", tier: "development", apply: set("web-backend", "securityPolicy", undefined), expectNone: true },
            { title: "internal backends are not public", apply: all(set("web-backend", "securityPolicy", undefined), set("web-backend", "loadBalancingScheme", "INTERNAL_MANAGED")), expectNone: true },
        ],
    },
    {
        policy: backendLogging,
        baseline: loadBalancer,
        mutations: [
            { title: "no request logs", apply: set("web-backend", "logConfig", undefined), message: /logConfig.enable is not true/ },
            { title: "sampling nothing", apply: set("web-backend", "logConfig.sampleRate", 0), message: /sampleRate is 0/ },
        ],
    },
    {
        policy: armorOwasp,
        baseline: loadBalancer,
        mutations: [
            { title: "no SQL injection rule", apply: set("armor", "rules.1.match.expr.expression", "origin.region_code == 'XX'"), message: /preconfigured sqli rule set/ },
            { title: "XSS rule only previewed", apply: set("armor", "rules.2.preview", true), message: /preconfigured xss rule set/ },
            { title: "legacy expression names count", apply: set("armor", "rules.1.match.expr.expression", "evaluatePreconfiguredExpr('sqli-stable')"), expectNone: true },
        ],
    },
    {
        policy: armorLog4j,
        baseline: loadBalancer,
        mutations: [{ title: "no cve-canary", apply: set("armor", "rules.3.action", "allow"), message: /cve-canary/ }],
    },
    {
        policy: armorRateLimit,
        baseline: loadBalancer,
        mutations: [{ title: "no rate rule", apply: set("armor", "rules.0.action", "allow"), message: /no enforced rate_based_ban or throttle rule/ }],
    },
    {
        policy: sslTls12,
        baseline: loadBalancer,
        mutations: [
            { title: "TLS 1.0 allowed", apply: set("tls", "minTlsVersion", undefined), message: /minTlsVersion is not set \(TLS_1_0\)/ },
            { title: "compatible profile", apply: set("tls", "profile", "COMPATIBLE"), message: /profile is COMPATIBLE/ },
            { title: "custom with RSA key exchange", apply: all(set("tls", "profile", "CUSTOM"), set("tls", "customFeatures", ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"])), message: /weak cipher suites: TLS_RSA_WITH_AES_128_GCM_SHA256/ },
            { title: "restricted with TLS 1.2", apply: set("tls", "profile", "RESTRICTED"), expectNone: true },
        ],
    },
    {
        policy: httpsSslPolicy,
        baseline: loadBalancer,
        mutations: [{ title: "default SSL policy", apply: set("https-proxy", "sslPolicy", undefined), message: /sslPolicy is not set/ }],
    },
    {
        policy: httpRedirect,
        baseline: loadBalancer,
        mutations: [
            { title: "HTTP serves the app", apply: set("http-proxy", "urlMap", "web-map-id"), message: /serves URL map "web-map", which does not redirect to HTTPS/ },
            { title: "redirect map also routes", apply: set("redirect-map", "defaultService", "web-backend-id"), message: /also routes requests to backends/ },
            { title: "map outside the stack", apply: remove("redirect-map"), message: /uses a URL map outside this stack/ },
        ],
    },
];
