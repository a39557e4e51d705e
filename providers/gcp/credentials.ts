// Placeholder until the gcp credentials job is built: no resources, no secrets.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AppFleetDeps } from "../adapter";

export interface ApplicationCredentials {
    /** The application's own secrets (JWT_SECRET, API_KEY): contract variable and the Secret Manager secret holding it. */
    secrets: { variable: string; secret: gcp.secretmanager.Secret }[];
    /** What instances must not boot before: the first run of the job that writes the app's login. */
    ready: pulumi.Resource[];
}

export function createApplicationCredentials(_ctx: AdapterContext, _deps: AppFleetDeps): ApplicationCredentials {
    return { secrets: [], ready: [] };
}
