// The project APIs a component calls: the network enables the platform's, and a component that
// needs one more enables it here, left enabled on destroy because other workloads of the project
// may use it too.

import * as gcp from "@pulumi/gcp";
import { AdapterContext } from "../adapter";
import { childName, childOpts, projectOf } from "./common";
import { GcpNetworkNative } from "./native";

export function requireApis(ctx: AdapterContext, net: GcpNetworkNative, names: string[]): gcp.projects.Service[] {
    return names.map(
        (service) =>
            net.apis?.[service] ??
            new gcp.projects.Service(
                childName(ctx, `api-${service.split(".")[0]}`),
                { service, project: projectOf(ctx), disableOnDestroy: false, disableDependentServices: false },
                childOpts(ctx),
            ),
    );
}
