import { ofType, refersTo } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { SECRET, SECRET_ROTATION } from "../types";

export const policy: PlatformStackPolicy = {
    name: "aws-secretsmanager-secret-rotation",
    description: "Secrets Manager secrets rotate automatically (Checkov CKV2_AWS_57).",
    enforcementLevel: "advisory",
    severity: "medium",
    category: "hygiene",
    resourceTypes: [SECRET, SECRET_ROTATION],
    requires: "a SecretRotation whose `secretId` is the secret",
    validateStack: (args, report) => {
        const rotations = ofType(args.resources, SECRET_ROTATION);
        for (const secret of ofType(args.resources, SECRET)) {
            if (!rotations.some((rotation) => refersTo(rotation, "secretId", secret))) {
                report(`secret "${secret.name}" never rotates: a leaked value stays valid until someone changes it by hand.`, secret.urn);
            }
        }
    },
};
