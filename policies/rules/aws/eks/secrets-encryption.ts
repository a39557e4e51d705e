import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isSet, isUnknown, read } from "../../../lib/values";
import { EKS_CLUSTER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-eks-secrets-encryption",
    description: "EKS clusters envelope-encrypt Kubernetes Secrets with a customer-managed KMS key (Checkov CKV_AWS_58; FSBP EKS.3).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [EKS_CLUSTER],
    requires: "`encryptionConfig: { resources: [\"secrets\"], provider: { keyArn } }`",
    validateResource: validateTypes([EKS_CLUSTER], (props, _args, report) => {
        const config = read(() => props.encryptionConfig);
        if (isUnknown(config)) {
            return;
        }
        // The provider takes one block; older shapes passed a list of them.
        const blocks = Array.isArray(config) ? config.map(asRecord) : [asRecord(config)];
        const secrets = blocks.find((block) => asArray(block?.resources).includes("secrets"));
        if (!secrets) {
            report("encryptionConfig does not cover \"secrets\": Secrets are stored in etcd under the AWS-owned key only.");
        } else if (!isSet(at(secrets, "provider.keyArn"))) {
            report("encryptionConfig.provider.keyArn is not set: no customer key wraps the Secrets' data keys.");
        }
    }),
};
