// The idea-management document's bastion, built only when the stack lists admin ranges: one
// small instance in a public subnet, kept alive by an Auto Scaling group of one, reachable on
// port 22 from those ranges alone. There is no SSH key pair to leak: operators push a
// short-lived key with EC2 Instance Connect (`aws ec2-instance-connect ssh`), or use Session
// Manager, which needs no open port at all.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../adapter";
import { autoScalingServiceRoleArn, childName, childOpts, createKmsKey, createServiceRole, tagsFor } from "./common";

const AL2023_AMI = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
const BASTION_TYPE = "t3.micro";

export function createBastion(ctx: AdapterContext, publicSubnets: aws.ec2.Subnet[], securityGroup: aws.ec2.SecurityGroup): aws.autoscaling.Group {
    const role = createServiceRole(ctx, "bastion-role", { service: "ec2.amazonaws.com", description: `${ctx.platform.name} bastion` });
    new aws.iam.RolePolicyAttachment(
        childName(ctx, "bastion-ssm"),
        { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" },
        childOpts(ctx),
    );
    const profile = new aws.iam.InstanceProfile(childName(ctx, "bastion-profile"), { role: role.name, tags: tagsFor(ctx, "bastion-profile") }, childOpts(ctx));
    // The policy pack lets exactly this role carry a public address.
    const tags = { ...tagsFor(ctx, "bastion"), "platform-role": "bastion" };
    const key = createKmsKey(ctx, "bastion", {
        description: `${ctx.platform.name} bastion volume`,
        principalArns: [autoScalingServiceRoleArn(ctx)],
    });
    const template = new aws.ec2.LaunchTemplate(
        childName(ctx, "bastion-template"),
        {
            imageId: AL2023_AMI,
            instanceType: BASTION_TYPE,
            iamInstanceProfile: { arn: profile.arn },
            metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
            // The one instance of the platform with a public address: it is the SSH entry point.
            networkInterfaces: [{ associatePublicIpAddress: "true", securityGroups: [securityGroup.id], deleteOnTermination: "true" }],
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3", encrypted: "true", kmsKeyId: key.arn, deleteOnTermination: "true" } }],
            tagSpecifications: [
                { resourceType: "instance", tags },
                { resourceType: "volume", tags },
            ],
            updateDefaultVersion: true,
            tags,
        },
        childOpts(ctx),
    );
    return new aws.autoscaling.Group(
        childName(ctx, "bastion-group"),
        {
            name: childName(ctx, "bastion"),
            minSize: 1,
            maxSize: 1,
            desiredCapacity: 1,
            vpcZoneIdentifiers: publicSubnets.map((subnet) => subnet.id),
            launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` },
            healthCheckType: "EC2",
            tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        },
        childOpts(ctx),
    );
}
