// The public commercial regions of each cloud, as of early 2026. Government, sovereign and
// China partitions are left out: they need separate accounts and endpoints this program does
// not handle. A region launched later is added here; until then the config check refuses it.

import { Cloud } from "./types";

/** AWS commercial partition (`aws`), opt-in regions included. */
export const AWS_REGIONS = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "mx-central-1",
    "sa-east-1",
] as const;

export const GCP_REGIONS = [
    "africa-south1",
    "asia-east1",
    "asia-east2",
    "asia-northeast1",
    "asia-northeast2",
    "asia-northeast3",
    "asia-south1",
    "asia-south2",
    "asia-southeast1",
    "asia-southeast2",
    "asia-southeast3",
    "australia-southeast1",
    "australia-southeast2",
    "europe-central2",
    "europe-north1",
    "europe-north2",
    "europe-southwest1",
    "europe-west1",
    "europe-west2",
    "europe-west3",
    "europe-west4",
    "europe-west6",
    "europe-west8",
    "europe-west9",
    "europe-west10",
    "europe-west12",
    "me-central1",
    "me-central2",
    "me-west1",
    "northamerica-northeast1",
    "northamerica-northeast2",
    "northamerica-south1",
    "southamerica-east1",
    "southamerica-west1",
    "us-central1",
    "us-east1",
    "us-east4",
    "us-east5",
    "us-south1",
    "us-west1",
    "us-west2",
    "us-west3",
    "us-west4",
] as const;

/**
 * Azure public cloud, by programmatic name. Paired regions with restricted access
 * (e.g. germanynorth, norwaywest) are listed: subscriptions that were granted access use them.
 */
export const AZURE_REGIONS = [
    "eastus",
    "eastus2",
    "centralus",
    "northcentralus",
    "southcentralus",
    "westcentralus",
    "westus",
    "westus2",
    "westus3",
    "canadacentral",
    "canadaeast",
    "mexicocentral",
    "brazilsouth",
    "brazilsoutheast",
    "chilecentral",
    "northeurope",
    "westeurope",
    "uksouth",
    "ukwest",
    "francecentral",
    "francesouth",
    "germanywestcentral",
    "germanynorth",
    "switzerlandnorth",
    "switzerlandwest",
    "norwayeast",
    "norwaywest",
    "swedencentral",
    "swedensouth",
    "polandcentral",
    "italynorth",
    "spaincentral",
    "austriaeast",
    "belgiumcentral",
    "denmarkeast",
    "israelcentral",
    "qatarcentral",
    "uaenorth",
    "uaecentral",
    "southafricanorth",
    "southafricawest",
    "centralindia",
    "southindia",
    "westindia",
    "jioindiacentral",
    "jioindiawest",
    "eastasia",
    "southeastasia",
    "japaneast",
    "japanwest",
    "koreacentral",
    "koreasouth",
    "indonesiacentral",
    "malaysiawest",
    "australiaeast",
    "australiasoutheast",
    "australiacentral",
    "australiacentral2",
    "newzealandnorth",
] as const;

/** Clouds that take a region; a Kubernetes cluster already lives somewhere. */
export type RegionalCloud = Exclude<Cloud, "kubernetes">;

export const REGIONS: Record<RegionalCloud, readonly string[]> = {
    aws: AWS_REGIONS,
    gcp: GCP_REGIONS,
    azure: AZURE_REGIONS,
};

/** A few familiar regions per cloud, to show the expected form in error messages. */
export const REGION_EXAMPLES: Record<RegionalCloud, string> = {
    aws: "us-east-1, eu-west-1",
    gcp: "us-central1, europe-west1",
    azure: "eastus, westeurope",
};

export function isRegionalCloud(cloud: Cloud): cloud is RegionalCloud {
    return cloud !== "kubernetes";
}

/** The clouds whose region list holds `region` (used to explain a region given for the wrong cloud). */
export function cloudsWithRegion(region: string): RegionalCloud[] {
    return (Object.keys(REGIONS) as RegionalCloud[]).filter((cloud) => REGIONS[cloud].includes(region));
}
