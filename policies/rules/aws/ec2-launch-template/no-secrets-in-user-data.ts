import { validateTypes } from "../../../lib/match";
import { decodeUserData, findCredential } from "../../../lib/secrets";
import { PlatformResourcePolicy } from "../../../lib/types";
import { read, SECRET_PLACEHOLDER } from "../../../lib/values";
import { EC2_INSTANCE, LAUNCH_TEMPLATE } from "../types";

const TYPES = [LAUNCH_TEMPLATE, EC2_INSTANCE];

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-launch-template-no-secrets-in-user-data",
    description: "User data carries no credentials, since anyone allowed to describe the instance can read it; instances fetch secrets at boot instead (Checkov CKV_AWS_46).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: "`userData` with no access keys, private keys or literal passwords, and not built from a secret value",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        for (const field of ["userData", "userDataBase64"]) {
            const value = read(() => props[field]);
            if (value === SECRET_PLACEHOLDER) {
                report(`${field} is built from a secret value: the secret ends up in plain text in the instance's metadata. Pass a Secrets Manager ARN and read it at boot.`);
            } else if (typeof value === "string") {
                const found = findCredential(decodeUserData(value));
                if (found) {
                    report(`${field} contains ${found}: pass a Secrets Manager ARN and read the value at boot.`);
                }
            }
        }
    }),
};
