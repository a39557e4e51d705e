// What the offline engine answers in place of Azure: provider-computed outputs per resource
// type and the data-source invokes the azure adapter makes. Deterministic, so two plans of
// the same stack are byte-identical.

type State = Record<string, unknown>;

export const MOCK_SUBSCRIPTION = "00000000-0000-0000-0000-00000000a2e1";
export const MOCK_TENANT = "00000000-0000-0000-0000-0000000071e7";
/** The principal running the plan. */
export const MOCK_DEPLOYER = "00000000-0000-0000-0000-00000000de91";

function str(value: unknown, fallback: string): string {
    return typeof value === "string" ? value : fallback;
}

/** A stable GUID-shaped id from a name, for principal and client ids. */
function guidFor(seed: string): string {
    let hash = 0x811c9dc5;
    const hex: string[] = [];
    for (let round = 0; round < 4; round++) {
        for (const char of `${round}:${seed}`) {
            hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
        }
        hex.push(hash.toString(16).padStart(8, "0"));
    }
    const all = hex.join("");
    return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20, 32)}`;
}

/** Per type: the input naming the resource, and its ARM path under the resource group (parents from inputs). */
const ARM: Record<string, { nameInput: string; path: (inputs: State, name: string) => string }> = {
    "azure-native:network:VirtualNetwork": { nameInput: "virtualNetworkName", path: (_i, n) => `Microsoft.Network/virtualNetworks/${n}` },
    "azure-native:network:Subnet": { nameInput: "subnetName", path: (i, n) => `Microsoft.Network/virtualNetworks/${str(i.virtualNetworkName, "vnet")}/subnets/${n}` },
    "azure-native:network:NetworkSecurityGroup": { nameInput: "networkSecurityGroupName", path: (_i, n) => `Microsoft.Network/networkSecurityGroups/${n}` },
    "azure-native:network:SecurityRule": { nameInput: "securityRuleName", path: (i, n) => `Microsoft.Network/networkSecurityGroups/${str(i.networkSecurityGroupName, "nsg")}/securityRules/${n}` },
    "azure-native:network:NatGateway": { nameInput: "natGatewayName", path: (_i, n) => `Microsoft.Network/natGateways/${n}` },
    "azure-native:network:PublicIPAddress": { nameInput: "publicIpAddressName", path: (_i, n) => `Microsoft.Network/publicIPAddresses/${n}` },
    "azure-native:network:PrivateEndpoint": { nameInput: "privateEndpointName", path: (_i, n) => `Microsoft.Network/privateEndpoints/${n}` },
    "azure-native:network:PrivateDnsZoneGroup": { nameInput: "privateDnsZoneGroupName", path: (i, n) => `Microsoft.Network/privateEndpoints/${str(i.privateEndpointName, "pe")}/privateDnsZoneGroups/${n}` },
    "azure-native:network:FlowLog": { nameInput: "flowLogName", path: (i, n) => `Microsoft.Network/networkWatchers/${str(i.networkWatcherName, "nw")}/flowLogs/${n}` },
    "azure-native:network:BastionHost": { nameInput: "bastionHostName", path: (_i, n) => `Microsoft.Network/bastionHosts/${n}` },
    "azure-native:privatedns:PrivateZone": { nameInput: "privateZoneName", path: (_i, n) => `Microsoft.Network/privateDnsZones/${n}` },
    "azure-native:privatedns:VirtualNetworkLink": { nameInput: "virtualNetworkLinkName", path: (i, n) => `Microsoft.Network/privateDnsZones/${str(i.privateZoneName, "zone")}/virtualNetworkLinks/${n}` },
    "azure-native:keyvault:Vault": { nameInput: "vaultName", path: (_i, n) => `Microsoft.KeyVault/vaults/${n}` },
    "azure-native:keyvault:Key": { nameInput: "keyName", path: (i, n) => `Microsoft.KeyVault/vaults/${str(i.vaultName, "kv")}/keys/${n}` },
    "azure-native:keyvault:Secret": { nameInput: "secretName", path: (i, n) => `Microsoft.KeyVault/vaults/${str(i.vaultName, "kv")}/secrets/${n}` },
    "azure-native:managedidentity:UserAssignedIdentity": { nameInput: "resourceName", path: (_i, n) => `Microsoft.ManagedIdentity/userAssignedIdentities/${n}` },
    "azure-native:storage:StorageAccount": { nameInput: "accountName", path: (_i, n) => `Microsoft.Storage/storageAccounts/${n}` },
    "azure-native:storage:BlobContainer": { nameInput: "containerName", path: (i, n) => `Microsoft.Storage/storageAccounts/${str(i.accountName, "st")}/blobServices/default/containers/${n}` },
    "azure-native:storage:BlobServiceProperties": { nameInput: "blobServicesName", path: (i, n) => `Microsoft.Storage/storageAccounts/${str(i.accountName, "st")}/blobServices/${n}` },
    "azure-native:storage:ManagementPolicy": { nameInput: "managementPolicyName", path: (i, n) => `Microsoft.Storage/storageAccounts/${str(i.accountName, "st")}/managementPolicies/${n}` },
    "azure-native:dbforpostgresql:Server": { nameInput: "serverName", path: (_i, n) => `Microsoft.DBforPostgreSQL/flexibleServers/${n}` },
    "azure-native:dbforpostgresql:Configuration": { nameInput: "configurationName", path: (i, n) => `Microsoft.DBforPostgreSQL/flexibleServers/${str(i.serverName, "pg")}/configurations/${n}` },
    "azure-native:dbforpostgresql:Database": { nameInput: "databaseName", path: (i, n) => `Microsoft.DBforPostgreSQL/flexibleServers/${str(i.serverName, "pg")}/databases/${n}` },
    "azure-native:redis:Redis": { nameInput: "name", path: (_i, n) => `Microsoft.Cache/redis/${n}` },
    "azure-native:compute:DiskEncryptionSet": { nameInput: "diskEncryptionSetName", path: (_i, n) => `Microsoft.Compute/diskEncryptionSets/${n}` },
    "azure-native:compute:VirtualMachineScaleSet": { nameInput: "vmScaleSetName", path: (_i, n) => `Microsoft.Compute/virtualMachineScaleSets/${n}` },
    "azure-native:monitor:AutoscaleSetting": { nameInput: "autoscaleSettingName", path: (_i, n) => `Microsoft.Insights/autoscalesettings/${n}` },
    "azure-native:network:ApplicationGateway": { nameInput: "applicationGatewayName", path: (_i, n) => `Microsoft.Network/applicationGateways/${n}` },
    "azure-native:network:WebApplicationFirewallPolicy": { nameInput: "policyName", path: (_i, n) => `Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/${n}` },
    "azure-native:dns:Zone": { nameInput: "zoneName", path: (_i, n) => `Microsoft.Network/dnszones/${n}` },
    "azure-native:dns:RecordSet": { nameInput: "relativeRecordSetName", path: (i, n) => `Microsoft.Network/dnszones/${str(i.zoneName, "zone")}/${str(i.recordType, "A")}/${n}` },
    "azure-native:servicebus:Namespace": { nameInput: "namespaceName", path: (_i, n) => `Microsoft.ServiceBus/namespaces/${n}` },
    "azure-native:servicebus:Queue": { nameInput: "queueName", path: (i, n) => `Microsoft.ServiceBus/namespaces/${str(i.namespaceName, "sb")}/queues/${n}` },
    "azure-native:operationalinsights:Workspace": { nameInput: "workspaceName", path: (_i, n) => `Microsoft.OperationalInsights/workspaces/${n}` },
    "azure-native:applicationinsights:Component": { nameInput: "resourceName", path: (_i, n) => `Microsoft.Insights/components/${n}` },
    "azure-native:applicationinsights:WebTest": { nameInput: "webTestName", path: (_i, n) => `Microsoft.Insights/webtests/${n}` },
    "azure-native:monitor:ActionGroup": { nameInput: "actionGroupName", path: (_i, n) => `Microsoft.Insights/actionGroups/${n}` },
    "azure-native:monitor:MetricAlert": { nameInput: "ruleName", path: (_i, n) => `Microsoft.Insights/metricAlerts/${n}` },
    "azure-native:monitor:ScheduledQueryRule": { nameInput: "ruleName", path: (_i, n) => `Microsoft.Insights/scheduledQueryRules/${n}` },
    "azure-native:portal:Dashboard": { nameInput: "dashboardName", path: (_i, n) => `Microsoft.Portal/dashboards/${n}` },
    "azure-native:containerinstance:ContainerGroup": { nameInput: "containerGroupName", path: (_i, n) => `Microsoft.ContainerInstance/containerGroups/${n}` },
    "azure-native:containerservice:ManagedCluster": { nameInput: "resourceName", path: (_i, n) => `Microsoft.ContainerService/managedClusters/${n}` },
    "azure-native:containerservice:AgentPool": { nameInput: "agentPoolName", path: (i, n) => `Microsoft.ContainerService/managedClusters/${str(i.resourceName, "aks")}/agentPools/${n}` },
    "azure-native:managedidentity:FederatedIdentityCredential": {
        nameInput: "federatedIdentityCredentialResourceName",
        path: (i, n) => `Microsoft.ManagedIdentity/userAssignedIdentities/${str(i.resourceName, "identity")}/federatedIdentityCredentials/${n}`,
    },
};

/**
 * Outputs nested in objects the program also sets (the program's object would hide them):
 * an AKS cluster's OIDC issuer URL and the identity AKS gives its ingress add-on.
 */
export function azureNestedOutputs(type: string, name: string, inputs: State): State {
    if (type !== "azure-native:containerservice:ManagedCluster") {
        return {};
    }
    const physical = str(inputs.resourceName, name);
    const addons = (inputs.addonProfiles ?? {}) as Record<string, State>;
    const gateway = addons.ingressApplicationGateway;
    return {
        oidcIssuerProfile: { ...((inputs.oidcIssuerProfile as State) ?? {}), issuerURL: `https://eastus.oic.prod-aks.azure.com/${MOCK_TENANT}/${guidFor(`oidc/${physical}`)}/` },
        ...(gateway
            ? { addonProfiles: { ...addons, ingressApplicationGateway: { ...gateway, identity: { clientId: guidFor(`agic-client/${physical}`), objectId: guidFor(`agic/${physical}`) } } } }
            : {}),
        fqdn: `${physical}-dns.hcp.eastus.azmk8s.io`,
    };
}

/** Extension resources: their id is their scope's plus a provider path. */
const SCOPED: Record<string, { scopeInput: string; nameInput: string; path: string }> = {
    "azure-native:monitor:DiagnosticSetting": { scopeInput: "resourceUri", nameInput: "name", path: "Microsoft.Insights/diagnosticSettings" },
    "azure-native:consumption:Budget": { scopeInput: "scope", nameInput: "budgetName", path: "Microsoft.Consumption/budgets" },
};

/** Provider-computed outputs of a azure resource; what the program set wins over them. */
export function azureOutputs(type: string, name: string, inputs: State, region: string): State {
    const arm = ARM[type];
    if (type === "azure-native:resources:ResourceGroup") {
        const group = str(inputs.resourceGroupName, name);
        return { name: group, id: `/subscriptions/${MOCK_SUBSCRIPTION}/resourceGroups/${group}`, region };
    }
    if (type === "azure-native:authorization:RoleAssignment") {
        const assignment = guidFor(`role/${name}`);
        return { name: assignment, id: `${str(inputs.scope, "")}/providers/Microsoft.Authorization/roleAssignments/${assignment}`, region };
    }
    if (type === "azure-native:authorization:ManagementLockByScope") {
        const lock = str(inputs.lockName, name);
        return { name: lock, id: `${str(inputs.scope, "")}/providers/Microsoft.Authorization/locks/${lock}`, region };
    }
    const scoped = SCOPED[type];
    if (scoped) {
        const physical = str(inputs[scoped.nameInput], name);
        return { name: physical, id: `${str(inputs[scoped.scopeInput], "")}/providers/${scoped.path}/${physical}`, region };
    }
    if (!arm) {
        return { name: inputs.name ?? name, id: `${type}/${name}`, region };
    }
    const physical = str(inputs[arm.nameInput], name);
    const id = `/subscriptions/${MOCK_SUBSCRIPTION}/resourceGroups/${str(inputs.resourceGroupName, "rg")}/providers/${arm.path(inputs, physical)}`;
    const base: State = { name: physical, id, region };
    switch (type) {
        case "azure-native:managedidentity:UserAssignedIdentity":
            return { ...base, principalId: guidFor(`principal/${physical}`), clientId: guidFor(`client/${physical}`), tenantId: MOCK_TENANT };
        case "azure-native:keyvault:Key": {
            const vault = str(inputs.vaultName, "kv");
            const keyUri = `https://${vault}.vault.azure.net/keys/${physical}`;
            return { ...base, keyUri, keyUriWithVersion: `${keyUri}/0123456789abcdef0123456789abcdef` };
        }
        case "azure-native:storage:StorageAccount":
            return {
                ...base,
                primaryEndpoints: {
                    blob: `https://${physical}.blob.core.windows.net/`,
                    dfs: `https://${physical}.dfs.core.windows.net/`,
                    file: `https://${physical}.file.core.windows.net/`,
                    queue: `https://${physical}.queue.core.windows.net/`,
                    table: `https://${physical}.table.core.windows.net/`,
                    web: `https://${physical}.z13.web.core.windows.net/`,
                },
            };
        case "azure-native:compute:DiskEncryptionSet":
            return { ...base, identity: { type: "SystemAssigned", principalId: guidFor(`principal/${physical}`), tenantId: MOCK_TENANT } };
        case "azure-native:compute:VirtualMachineScaleSet":
            return { ...base, uniqueId: guidFor(`vmss/${physical}`) };
        case "azure-native:servicebus:Namespace":
            return { ...base, serviceBusEndpoint: `https://${physical}.servicebus.windows.net:443/` };
        case "azure-native:dns:Zone":
            return { ...base, nameServers: ["ns1-01.azure-dns.com.", "ns2-01.azure-dns.net.", "ns3-01.azure-dns.org.", "ns4-01.azure-dns.info."] };
        case "azure-native:dbforpostgresql:Server":
            return { ...base, fullyQualifiedDomainName: `${physical}.postgres.database.azure.com` };
        case "azure-native:operationalinsights:Workspace":
            return { ...base, customerId: guidFor(`workspace/${physical}`) };
        case "azure-native:applicationinsights:Component": {
            const key = guidFor(`insights/${physical}`);
            return { ...base, appId: guidFor(`app/${physical}`), instrumentationKey: key, connectionString: `InstrumentationKey=${key};IngestionEndpoint=https://${region}.in.applicationinsights.azure.com/` };
        }
        case "azure-native:containerinstance:ContainerGroup":
            return { ...base, provisioningState: "Succeeded" };
        case "azure-native:redis:Redis":
            return { ...base, hostName: `${physical}.redis.cache.windows.net`, port: 6379, sslPort: 6380 };
        default:
            return base;
    }
}

export const AZURE_INVOKES: Record<string, (inputs: State, region: string) => State> = {
    "azure-native:authorization:getClientConfig": () => ({
        clientId: guidFor("client/plan"),
        objectId: MOCK_DEPLOYER,
        subscriptionId: MOCK_SUBSCRIPTION,
        tenantId: MOCK_TENANT,
    }),
    // A kubeconfig as AKS returns it for an Entra ID cluster (exec format: kubelogin).
    "azure-native:containerservice:listManagedClusterUserCredentials": (inputs) => ({
        kubeconfigs: [
            {
                name: "clusterUser",
                value: Buffer.from(
                    [
                        "apiVersion: v1",
                        "kind: Config",
                        `clusters: [{name: ${str(inputs.resourceName, "aks")}, cluster: {server: "https://${str(inputs.resourceName, "aks")}.privatelink.eastus.azmk8s.io:443"}}]`,
                        `contexts: [{name: ${str(inputs.resourceName, "aks")}, context: {cluster: ${str(inputs.resourceName, "aks")}, user: clusterUser}}]`,
                        `current-context: ${str(inputs.resourceName, "aks")}`,
                        "users: [{name: clusterUser, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]}}}]",
                    ].join("\n"),
                ).toString("base64"),
            },
        ],
    }),
    "azure-native:redis:listRedisKeys": (inputs) => ({
        primaryKey: `mock-primary-key-${str(inputs.name, "redis")}`,
        secondaryKey: `mock-secondary-key-${str(inputs.name, "redis")}`,
    }),
};
