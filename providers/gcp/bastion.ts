// The idea-management document's bastion, built only when the stack lists admin ranges: one
// small Shielded VM in the public subnetwork, the platform's only instance with a public
// address, reachable on port 22 from those ranges alone (firewall.ts). There is no SSH key in
// metadata to leak: OS Login grants access by IAM identity and pushes short-lived keys
// (`gcloud compute ssh --tunnel-through-iap` also works without the public address).

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../adapter";
import { childName, childOpts, createCryptoKey, labelsFor } from "./common";
import { serviceAccountIdFor } from "./names";

const BASTION_TYPE = "e2-micro";
const BASTION_IMAGE = "debian-cloud/debian-12";
const BASTION_DISK_GB = 10;

export interface BastionArgs {
    project: string;
    zone: string;
    subnet: gcp.compute.Subnetwork;
    tag: string;
    keyRing: gcp.kms.KeyRing;
    /** Compute Engine's service agent: it encrypts the boot disk with the bastion's key. */
    computeAgent: pulumi.Input<string>;
    /** Created before the instance so its first boot finds its egress in place. */
    nat: pulumi.Resource;
}

export function createBastion(ctx: AdapterContext, args: BastionArgs): gcp.compute.Instance {
    // No roles: the bastion only forwards operators' sessions; it calls no Google API itself.
    const account = new gcp.serviceaccount.Account(
        childName(ctx, "bastion-sa"),
        { project: args.project, accountId: serviceAccountIdFor(ctx.platform.name, "bastion"), displayName: `${ctx.platform.name} bastion` },
        childOpts(ctx),
    );
    const { key, grants } = createCryptoKey(ctx, args.keyRing, "bastion", [args.computeAgent]);
    return new gcp.compute.Instance(
        childName(ctx, "bastion"),
        {
            project: args.project,
            zone: args.zone,
            machineType: BASTION_TYPE,
            description: `${ctx.platform.name} bastion: SSH from the admin ranges`,
            bootDisk: {
                autoDelete: true,
                kmsKeySelfLink: key.id,
                initializeParams: { image: BASTION_IMAGE, size: BASTION_DISK_GB, type: "pd-balanced", labels: labelsFor(ctx) },
            },
            // The one instance of the platform with a public address: it is the SSH entry point.
            networkInterfaces: [{ subnetwork: args.subnet.id, accessConfigs: [{}] }],
            metadata: { "enable-oslogin": "TRUE", "block-project-ssh-keys": "TRUE" },
            shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
            // Live migration and automatic restart stand in for AWS's Auto Scaling group of one.
            scheduling: { automaticRestart: true, onHostMaintenance: "MIGRATE" },
            serviceAccount: { email: account.email, scopes: ["cloud-platform"] },
            canIpForward: false,
            tags: [args.tag],
            labels: labelsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [...grants, args.nat] }),
    );
}
