// Usage-based charges need an assumed volume. The defaults scale with the tier and are anchored
// on the idea-management document's cost section (shared/seeds/003, section 13), which budgets a
// production stack at 1 TB of S3, 1 M requests, 100 GB + 100 GB of data transfer and 100 GB of
// CloudWatch logs a month. Every figure can be overridden per stack (`platform:usage`).

import { UsageKey } from "../../config/types";

// What each key means (the stack's `platform:usage` object, validated in config/):
//   natDataGb             GB a month processed by all NAT gateways (image pulls, external APIs)
//   loadBalancerLcu       average load balancer capacity units in use, every hour of the month
//   internetEgressGb      GB a month sent to the internet (responses through the load balancer)
//   logIngestGb           GB a month ingested by all log groups (app, flow, WAF, database, cache)
//   objectStorageGb       GB stored in the documents bucket (S3 Standard)
//   objectWriteThousands  thousands of PUT/COPY/POST/LIST requests a month on that bucket
//   accessLogStorageGb    GB kept in the access-log bucket
//   wafRequestsMillions   millions of requests a month inspected by the WAF
//   queueRequestsMillions millions of requests a month per queue (sends, long polls, deletes)
export type UsageAssumptions = Record<UsageKey, number>;

const PRODUCTION_MEDIUM: UsageAssumptions = {
    natDataGb: 100, // the seed's "Networking: data transfer (100 GB)"
    loadBalancerLcu: 1,
    internetEgressGb: 200, // the seed's two 100 GB data-transfer lines
    logIngestGb: 100, // the seed's "CloudWatch logs (100 GB): $50/month"
    objectStorageGb: 1000, // the seed's "S3 storage (1 TB)"
    objectWriteThousands: 1000, // the seed's "S3 requests (1M requests)"
    accessLogStorageGb: 100,
    // ~20 requests/s around the clock: 1,000-10,000 concurrent users mostly reading pages.
    wafRequestsMillions: 50,
    queueRequestsMillions: 1,
};

/** Per tier: development is a tenth of production-medium, production-large five times it. */
export const DEFAULT_USAGE: Record<string, UsageAssumptions> = {
    development: {
        natDataGb: 10, loadBalancerLcu: 0.1, internetEgressGb: 10, logIngestGb: 5, objectStorageGb: 10,
        objectWriteThousands: 50, accessLogStorageGb: 5, wafRequestsMillions: 1, queueRequestsMillions: 0.5,
    },
    staging: {
        natDataGb: 30, loadBalancerLcu: 0.25, internetEgressGb: 30, logIngestGb: 20, objectStorageGb: 100,
        objectWriteThousands: 100, accessLogStorageGb: 20, wafRequestsMillions: 5, queueRequestsMillions: 0.5,
    },
    "production-small": {
        natDataGb: 50, loadBalancerLcu: 0.5, internetEgressGb: 100, logIngestGb: 50, objectStorageGb: 250,
        objectWriteThousands: 250, accessLogStorageGb: 50, wafRequestsMillions: 10, queueRequestsMillions: 1,
    },
    "production-medium": PRODUCTION_MEDIUM,
    "production-large": {
        natDataGb: 500, loadBalancerLcu: 5, internetEgressGb: 1000, logIngestGb: 500, objectStorageGb: 5000,
        objectWriteThousands: 5000, accessLogStorageGb: 500, wafRequestsMillions: 250, queueRequestsMillions: 5,
    },
};

export function defaultUsage(tier: string): UsageAssumptions {
    return DEFAULT_USAGE[tier] ?? PRODUCTION_MEDIUM;
}

export function resolveUsage(tier: string, overrides: Partial<UsageAssumptions> = {}): UsageAssumptions {
    return { ...defaultUsage(tier), ...overrides };
}
