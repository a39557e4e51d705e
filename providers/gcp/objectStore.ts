// The idea-management document's bucket for documents on Cloud Storage: versioned, private by
// uniform bucket-level access and enforced public access prevention, encrypted with the
// platform's own key, with the document's three lifecycle rules and usage logging, plus the
// bucket that receives those logs (and the load balancer's logs sink). Cloud Storage serves
// only HTTPS, so there is no plain-HTTP deny to write as on S3.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, ObjectStoreOutputs } from "../adapter";
import { ObjectStoreSpec } from "../../tiers/types";
import { childName, childOpts, createCryptoKey, dataOpts, labelsFor, regionOf, withOverrides } from "./common";
import { GcpNetworkNative, GcpObjectStoreNative, nativeOf } from "./native";

/** Uploads nobody finished still cost storage; a week is enough to resume a real one. */
const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
const LOG_NONCURRENT_EXPIRATION_DAYS = 30;
const CORS_MAX_AGE_SECONDS = 3000;
/** Deleted objects stay restorable for a week (Cloud Storage's minimum), on top of versioning. */
export const SOFT_DELETE_SECONDS = 7 * 24 * 3600;
/** Cloud Storage writes usage and storage logs as this group. */
const STORAGE_ANALYTICS = "group:cloud-storage-analytics@google.com";

type LifecycleRule = gcp.types.input.storage.BucketLifecycleRule;

/**
 * The document's three rules, then the housekeeping one every bucket needs. ARCHIVE is the
 * counterpart of Glacier; its 365-day minimum storage counts from the object's creation, so
 * deleting at 365 days costs no early-deletion fee. Deleting a live object of a versioned
 * bucket makes it noncurrent, and the first rule removes it 30 days later, as on S3.
 */
export function dataLifecycleRules(spec: ObjectStoreSpec): LifecycleRule[] {
    return [
        { action: { type: "Delete" }, condition: { withState: "ARCHIVED", daysSinceNoncurrentTime: spec.noncurrentVersionExpirationDays } },
        { action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { withState: "LIVE", age: spec.archiveAfterDays, matchesStorageClasses: ["STANDARD"] } },
        { action: { type: "Delete" }, condition: { withState: "LIVE", age: spec.expireAfterDays } },
        { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: ABORT_INCOMPLETE_UPLOAD_DAYS } },
    ];
}

/** What both buckets share: regional, private by every switch, versioned, encrypted, soft delete. */
function bucketArgs(ctx: AdapterContext, key: gcp.kms.CryptoKey, project: string): gcp.storage.BucketArgs {
    return {
        project,
        location: regionOf(ctx),
        storageClass: "STANDARD",
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        versioning: { enabled: true },
        encryption: { defaultKmsKeyName: key.id },
        softDeletePolicy: { retentionDurationSeconds: SOFT_DELETE_SECONDS },
        // Production buckets are protected and never emptied by a destroy; development and
        // staging hold test data, and `pulumi destroy` then `pulumi up` must work there.
        forceDestroy: !ctx.platform.protectData,
        labels: labelsFor(ctx),
    };
}

export function createObjectStore(ctx: AdapterContext, spec: ObjectStoreSpec, deps: DataDeps): AdapterResult<ObjectStoreOutputs> {
    const network = nativeOf<GcpNetworkNative>(deps.network);
    const project = network.project;
    const { key, grants } = createCryptoKey(ctx, network.keyRing, "storage", [network.serviceAgents["storage.googleapis.com"]]);
    // Cloud Storage refuses a default key its service agent may not use.
    const encrypted = { dependsOn: [...grants, network.apis["storage.googleapis.com"]] };

    const logsBucket = new gcp.storage.Bucket(
        childName(ctx, "logs"),
        {
            ...bucketArgs(ctx, key, project),
            lifecycleRules: [
                { action: { type: "Delete" }, condition: { withState: "LIVE", age: spec.accessLogRetentionDays } },
                { action: { type: "Delete" }, condition: { withState: "ARCHIVED", daysSinceNoncurrentTime: LOG_NONCURRENT_EXPIRATION_DAYS } },
            ],
        },
        dataOpts(ctx, encrypted),
    );
    const logWriter = new gcp.storage.BucketIAMMember(
        childName(ctx, "logs-writer"),
        { bucket: logsBucket.name, role: "roles/storage.objectCreator", member: STORAGE_ANALYTICS },
        childOpts(ctx),
    );

    const cors: gcp.types.input.storage.BucketCor[] =
        spec.corsOrigins.length > 0
            ? [
                  {
                      origins: spec.corsOrigins,
                      methods: ["GET", "PUT", "POST", "HEAD"],
                      // Browsers send Content-Type with signed uploads; resumable uploads read ETag.
                      responseHeaders: ["Content-Type", "ETag"],
                      maxAgeSeconds: CORS_MAX_AGE_SECONDS,
                  },
              ]
            : [];
    const bucket = new gcp.storage.Bucket(
        childName(ctx, "bucket"),
        withOverrides<gcp.storage.BucketArgs>(ctx, "objectStore", {
            ...bucketArgs(ctx, key, project),
            // The document's recovery story for documents is versioning (every tier resolves it on).
            versioning: { enabled: spec.versioning },
            lifecycleRules: dataLifecycleRules(spec),
            cors,
            logging: { logBucket: logsBucket.name, logObjectPrefix: "storage/" },
        }),
        // Delivery is only allowed once the logs bucket lets Cloud Storage's analytics write.
        dataOpts(ctx, { dependsOn: [...encrypted.dependsOn, logWriter] }),
    );

    const native: GcpObjectStoreNative = { bucket, key, logsBucket };
    return {
        outputs: {
            bucketName: bucket.name,
            url: pulumi.interpolate`https://storage.googleapis.com/${bucket.name}`,
            region: pulumi.output(regionOf(ctx)),
        },
        native,
        logGroups: [],
    };
}
