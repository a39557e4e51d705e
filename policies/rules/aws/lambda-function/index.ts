import { PlatformPolicy } from "../../../lib/types";
import { policy as concurrencyLimit } from "./concurrency-limit";
import { policy as environmentEncrypted } from "./environment-encrypted";
import { policy as inVpc } from "./in-vpc";

export const lambdaFunctionPolicies: PlatformPolicy[] = [inVpc, environmentEncrypted, concurrencyLimit];
