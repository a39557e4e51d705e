// AWS's enumerations and the checks several rows of the rules table share, from the AWS API
// references (EC2, CloudWatch, ELB, RDS).

import { at, between, Check, Inputs, matches, oneOf, rule, when } from "./checks";

export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
export const ALB_SSL_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06",
    "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-FS-1-2-Res-2019-08", "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2015-05",
];
const COMPARISON_OPERATORS = [
    "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
    "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
];
const STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];
/** Security group and rule descriptions (EC2 API): up to 255 of these characters. */
export const EC2_DESCRIPTION = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;
/** Characters RDS refuses in a master password. */
export const RDS_PASSWORD_REFUSED = ["/", "@", '"', " ", "'"];

export const num = (inputs: Inputs, path: string) => Number(at(inputs, path)[0]);
export const has = (path: string) => (inputs: Inputs) => at(inputs, path).length > 0;

/** Alarm periods: 10, 20, 30 or a multiple of 60 seconds; the evaluation window is bounded. */
const alarmPeriod =
    (periodPath: string): Check =>
    (inputs) =>
        at(inputs, periodPath)
            .filter((period) => ![10, 20, 30].includes(Number(period)) && !(Number(period) > 0 && Number(period) % 60 === 0))
            .map((period) => `${periodPath} ${period} is not 10, 20, 30 or a multiple of 60`);

export const metricAlarmChecks: Check[] = [
    oneOf("comparisonOperator", COMPARISON_OPERATORS),
    oneOf("statistic", STATISTICS),
    matches("extendedStatistic", /^p(\d{1,2}(\.\d{1,10})?|100)$/, "a percentile like p95"),
    oneOf("treatMissingData", ["missing", "ignore", "breaching", "notBreaching"]),
    oneOf("evaluateLowSampleCountPercentiles", ["evaluate", "ignore"]),
    alarmPeriod("period"),
    alarmPeriod("metricQueries[].metric.period"),
    oneOf("metricQueries[].metric.stat", STATISTICS),
    matches("metricQueries[].id", /^[a-z][A-Za-z0-9_]*$/, "an id starting with a lowercase letter"),
    between("evaluationPeriods", 1, 100000),
    rule((i) => num(i, "datapointsToAlarm") > num(i, "evaluationPeriods") && "datapointsToAlarm exceeds evaluationPeriods"),
    rule((i) => {
        const period = num(i, "period") || num(i, "metricQueries[].metric.period");
        const window = period * num(i, "evaluationPeriods");
        return window > (period < 3600 ? 86400 : 604800) && `evaluationPeriods x period = ${window} s is longer than AWS allows`;
    }),
    rule((i) => {
        const ways = ["statistic", "extendedStatistic", "metricQueries"].filter((path) => at(i, path).length > 0);
        return ways.length !== 1 && `exactly one of statistic, extendedStatistic and metricQueries is needed, got ${ways.join(", ") || "none"}`;
    }),
    when(has("metricQueries"), rule((i) => at(i, "metricQueries[]").filter((q) => (q as Inputs).returnData === true).length !== 1 && "exactly one metric query returns data")),
    rule((i) => at(i, "dimensions").some((d) => Object.keys(d as object).length > 30) && "more than 30 dimensions"),
];

/** User data: base64 of at most 16 KB before encoding. */
export const userData: Check = (inputs) =>
    at(inputs, "userData").flatMap((value) => {
        const text = String(value);
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
            return ["userData is not base64"];
        }
        const bytes = Buffer.from(text, "base64").length;
        return bytes > 16384 ? [`userData is ${bytes} bytes before encoding; AWS allows 16384`] : [];
    });


export function securityGroupRuleChecks(): Check[] {
    return [
        oneOf("ipProtocol", ["tcp", "udp", "icmp", "icmpv6", "-1"]),
        between("fromPort", -1, 65535),
        between("toPort", -1, 65535),
        rule((i) => num(i, "fromPort") > num(i, "toPort") && "fromPort exceeds toPort"),
        rule((i) => ["cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"].filter((key) => i[key] !== undefined).length !== 1 && "needs exactly one peer"),
        matches("description", EC2_DESCRIPTION, "a rule description (255 of a-zA-Z0-9 ._-:/()#,@[]+=&;{}!$*)"),
    ];
}

