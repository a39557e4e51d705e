import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, read } from "../../../lib/values";
import { BUCKET_ACL, BUCKET_ACL_V2, BUCKETS } from "../types";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEES = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];
const TYPES = [...BUCKETS, BUCKET_ACL, BUCKET_ACL_V2];

export const policy: PlatformResourcePolicy = {
    name: "aws-s3-bucket-no-public-acl",
    description: "S3 buckets never grant access to everyone or to any AWS account through an ACL (Checkov CKV_AWS_20, CKV_AWS_57).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: "no canned ACL `public-read`, `public-read-write` or `authenticated-read`, no grant to AllUsers or AuthenticatedUsers",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const acl = read(() => props.acl);
        if (typeof acl === "string" && PUBLIC_ACLS.includes(acl)) {
            report(`acl is "${acl}": every object becomes readable${acl === "public-read-write" ? " and writable" : ""} outside the account.`);
        }
        const grants = JSON.stringify(read(() => at(props, "accessControlPolicy.grants")) ?? []);
        const grantee = PUBLIC_GRANTEES.find((uri) => grants.includes(uri));
        if (grantee) {
            report(`an ACL grant names ${grantee.split("/").pop()}: the bucket is open outside the account.`);
        }
    }),
};
