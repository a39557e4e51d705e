import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, isSet, isTrue, isUnknown, read } from "../../../lib/values";
import { EC2_INSTANCE, LAUNCH_TEMPLATE } from "../types";

const TYPES = [LAUNCH_TEMPLATE, EC2_INSTANCE];

function checkVolume(volume: Record<string, unknown> | undefined, where: string, report: (message: string) => void): void {
    const encrypted = volume ? read(() => volume.encrypted) : undefined;
    if (isUnknown(encrypted)) {
        return;
    }
    if (!isTrue(encrypted)) {
        report(`${where}.encrypted is not true: the volume and its snapshots are stored unencrypted.`);
    } else if (!isSet(volume ? read(() => volume.kmsKeyId) : undefined)) {
        report(`${where}.kmsKeyId is not set: the volume uses the AWS managed EBS key instead of the platform's.`);
    }
}

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-launch-template-ebs-encrypted",
    description: "Launch templates and instances declare their volumes encrypted with a customer-managed key (Checkov CKV_AWS_8, CIS AWS 2.2.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: "a root volume mapping, every `ebs.encrypted` `\"true\"` with `kmsKeyId`",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        if (args.type === EC2_INSTANCE) {
            checkVolume(asRecord(read(() => props.rootBlockDevice)), "rootBlockDevice", report);
            asArray(read(() => props.ebsBlockDevices)).forEach((entry, index) => checkVolume(asRecord(entry), `ebsBlockDevices[${index}]`, report));
            return;
        }
        const mappings = asArray(read(() => props.blockDeviceMappings)).map((entry) => asRecord(entry) ?? {});
        const volumes = mappings.filter((mapping) => mapping.ebs !== undefined);
        if (volumes.length === 0) {
            report("blockDeviceMappings declares no EBS volume: the root volume takes the image's settings, unencrypted unless the account default says otherwise.");
        }
        mappings.forEach((mapping, index) => {
            if (mapping.ebs !== undefined) {
                checkVolume(asRecord(mapping.ebs), `blockDeviceMappings[${index}].ebs`, report);
            }
        });
    }),
};
