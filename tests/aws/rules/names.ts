// AWS's naming rules, from each service's API reference (the RDS group rules are the AWS
// provider's own input validation, which runs before AWS is called). Written here, not read
// from providers/aws/names.ts, so the recorded plans are checked against an independent copy.

import { NameRule } from "./checks";

const lowercaseIdentifier = (max: number): NameRule => ({
    max,
    pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
    allowed: "lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen",
});
const letterDigitUnderscoreHyphen = (max: number): NameRule => ({ max, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, _ and -" });
const iam = (max: number): NameRule => ({ max, pattern: /^[\w+=,.@-]+$/, allowed: "letters, digits and +=,.@_-" });
const anyButControl = (max: number): NameRule => ({ max, pattern: /^\P{Cc}+$/u, allowed: "free of control characters" });

export const NAME = {
    rdsInstance: lowercaseIdentifier(63),
    rdsProxy: lowercaseIdentifier(60),
    rdsSnapshot: { max: 255, pattern: /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/, allowed: "letters, digits and single hyphens, starting with a letter" },
    rdsParameterGroup: lowercaseIdentifier(255),
    rdsSubnetGroup: { max: 255, pattern: /^(?!default$)[a-z0-9 ._-]+$/, allowed: 'lowercase letters, digits, spaces and ._- (not "default")' },
    cacheReplicationGroup: lowercaseIdentifier(40),
    openSearchDomain: { max: 28, pattern: /^[a-z][a-z0-9-]{2,27}$/, allowed: "3-28 lowercase letters, digits and hyphens, starting with a letter" },
    firehoseStream: { max: 64, pattern: /^[A-Za-z0-9_.-]+$/, allowed: "letters, digits and _.-" },
    logResourcePolicy: anyButControl(255),
    subscriptionFilter: { max: 512, pattern: /^[^:*]+$/, allowed: "no : or *" },
    cacheSubnetGroup: { max: 255, pattern: /^[A-Za-z0-9-]+$/, allowed: "letters, digits and hyphens" },
    loadBalancer: { max: 32, pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, allowed: 'letters, digits and hyphens, no hyphen at either end, not starting "internal-"' },
    autoScaling: anyButControl(255),
    lifecycleHook: { max: 255, pattern: /^[A-Za-z0-9_/-]+$/, allowed: "letters, digits and _-/" },
    launchTemplate: { max: 128, pattern: /^[A-Za-z0-9()./_-]{3,}$/, allowed: "3 or more letters, digits and ()./_-" },
    securityGroup: { max: 255, pattern: /^(?!sg-)[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/, allowed: 'letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting "sg-"' },
    sqsQueue: letterDigitUnderscoreHyphen(80),
    snsTopic: letterDigitUnderscoreHyphen(256),
    alarm: anyButControl(255),
    dashboard: letterDigitUnderscoreHyphen(255),
    budget: { max: 100, pattern: /^[^:\\]+$/, allowed: "free of : and \\" },
    eksCluster: { max: 100, pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/, allowed: "letters, digits, - and _, starting with a letter or digit" },
    eksNodeGroup: { max: 63, pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/, allowed: "letters, digits, - and _, starting with a letter or digit" },
    iamRole: iam(64),
    iamInstanceProfile: iam(128),
    iamRolePolicy: iam(128),
    s3Bucket: {
        max: 63,
        pattern: /^(?!xn--|sthree-|amzn-s3-demo-)(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)(?!.*(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$)[a-z0-9][a-z0-9.-]+[a-z0-9]$/,
        allowed: "3 or more lowercase letters, digits, . and -, beginning and ending with a letter or digit",
    },
    kmsAlias: { max: 256, pattern: /^alias\/(?!aws\/)[A-Za-z0-9/_-]+$/, allowed: 'alias/ then letters, digits and /_- (not "alias/aws/")' },
    secret: { max: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/, allowed: "letters, digits and /_+=.@-" },
    logGroup: { max: 512, pattern: /^[A-Za-z0-9._/#-]+$/, allowed: "letters, digits and ._-/#" },
    ecsCluster: letterDigitUnderscoreHyphen(255),
    ecsFamily: letterDigitUnderscoreHyphen(255),
    schedulerSchedule: { max: 64, pattern: /^[0-9A-Za-z_.-]+$/, allowed: "letters, digits and _.-" },
    lambdaFunction: letterDigitUnderscoreHyphen(64),
    lambdaStatement: letterDigitUnderscoreHyphen(100),
    wafName: letterDigitUnderscoreHyphen(128),
    wafMetric: { max: 255, pattern: /^(?!All$|Default_Action$)[\w#:./-]+$/, allowed: 'letters, digits and _#:./- (not "All" or "Default_Action")' },
} satisfies Record<string, NameRule>;

/** What Pulumi appends when it names a resource after its logical name: "-" and 7 random hex digits. */
export const AUTO_NAME_SUFFIX = "-5e1f0a9";
