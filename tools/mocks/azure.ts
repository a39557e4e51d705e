// What the offline engine answers in place of Azure: provider-computed outputs per resource
// type and the data-source invokes the azure adapter makes. Deterministic, so two plans of
// the same stack are byte-identical.

import { createHash } from "crypto";

type State = Record<string, unknown>;

/** A stable GUID for a resource: what Entra ID hands out for principals and clients. */
function guid(seed: string): string {
    const hex = createHash("sha256").update(seed).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function str(value: unknown, fallback: string): string {
    return typeof value === "string" ? value : fallback;
}

/** The app fleet's resources: identities, keys, disk encryption, gateway address, Service Bus. */
function fleetOutputs(type: string, name: string, inputs: State, region: string): State | undefined {
    const base = { id: `${type}/${name}`, region };
    switch (type) {
        case "azure-native:managedidentity:UserAssignedIdentity":
            return { ...base, name: str(inputs.resourceName, name), principalId: guid(`${name}/principal`), clientId: guid(`${name}/client`), tenantId: guid("tenant") };
        case "azure-native:compute:DiskEncryptionSet":
            return { ...base, name: str(inputs.diskEncryptionSetName, name), identity: { type: "SystemAssigned", principalId: guid(`${name}/principal`), tenantId: guid("tenant") } };
        case "azure-native:keyvault:Key": {
            const uri = `https://${str(inputs.vaultName, "vault")}.vault.azure.net/keys/${str(inputs.keyName, name)}`;
            return { ...base, name: str(inputs.keyName, name), keyUri: uri, keyUriWithVersion: `${uri}/0123456789abcdef0123456789abcdef` };
        }
        case "azure-native:network:PublicIPAddress":
            return { ...base, name: str(inputs.publicIpAddressName, name), ipAddress: "203.0.113.20" };
        case "azure-native:servicebus:Namespace": {
            const namespace = str(inputs.namespaceName, name);
            return { ...base, name: namespace, serviceBusEndpoint: `https://${namespace}.servicebus.windows.net:443/` };
        }
        case "azure-native:servicebus:Queue":
            return { ...base, name: str(inputs.queueName, name) };
        case "azure-native:compute:VirtualMachineScaleSet":
            return { ...base, name: str(inputs.vmScaleSetName, name), uniqueId: guid(`${name}/vmss`) };
        case "azure-native:network:ApplicationGateway":
            return { ...base, name: str(inputs.applicationGatewayName, name) };
        case "azure-native:network:WebApplicationFirewallPolicy":
            return { ...base, name: str(inputs.policyName, name) };
        case "azure-native:keyvault:Secret":
            return { ...base, name: str(inputs.secretName, name) };
        case "azure-native:dns:Zone":
            return { ...base, name: str(inputs.zoneName, name), nameServers: ["ns1-01.azure-dns.com.", "ns2-01.azure-dns.net.", "ns3-01.azure-dns.org.", "ns4-01.azure-dns.info."] };
        case "azure-native:monitor:AutoscaleSetting":
            return { ...base, name: str(inputs.autoscaleSettingName, name) };
        default:
            return undefined;
    }
}

/** Provider-computed outputs of a azure resource; what the program set wins over them. */
export function azureOutputs(type: string, name: string, inputs: State, region: string): State {
    const fleet = fleetOutputs(type, name, inputs, region);
    if (fleet) {
        return fleet;
    }
    switch (type) {
        default:
            return { name: inputs.name ?? name, id: `${type}/${name}`, region };
    }
}

export const AZURE_INVOKES: Record<string, (inputs: State, region: string) => State> = {};
