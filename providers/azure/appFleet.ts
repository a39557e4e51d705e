// The app tier of both documents on Azure: one virtual machine scale set per service running its
// container on Ubuntu LTS, behind an Application Gateway with HTTPS only (TLS 1.2+) and the LMS
// document's WAF (the public edge: loadBalancer.ts), each service with its own managed identity,
// Celery-style workers on Service Bus queues scaled on queue depth (serviceBus.ts), and the
// idea-management document's DNS records.
//
// Uniform orchestration, as the LMS document's ARM template: it is the mode whose rolling
// upgrades, automatic repairs and Application Gateway backend pools work from the scale set
// model alone, with no per-VM resources to manage.

import * as compute from "@pulumi/azure-native/compute";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import * as inputs from "@pulumi/azure-native/types/input";
import { AdapterContext, AdapterResult, AppFleetDeps, AppFleetOutputs, ServiceEndpoint } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { boundedName, childName, childOpts, locationOf, tagsFor } from "./common";
import { AzureAppFleetNative, AzureNetworkNative, AzureObjectStoreNative, AzureServiceFleet, nativeOf } from "./native";
import type { AzureSearchNative } from "./search";
import { createApplicationCredentials } from "./credentials";
import { createClusterFleet } from "./clusterFleet";
import { cpuAutoscale, autoscaleSetting, scaleRule } from "./cpuScaling";
import { environmentFor, secretNamesFor } from "./environment";
import { customerKey, grant, instanceIdentity, keyScope, metricsPublisher } from "./instanceRole";
import { FleetScope, PublicEdge, publicEdge } from "./loadBalancer";
import { internalPaths } from "./internalLoadBalancer";
import { WorkerQueues, workerQueues } from "./serviceBus";
import { vmSizeFor } from "./sizes";
import { ubuntuImageFor } from "./capacity";
import { buildBootScript, encodeCustomData, WORKER_HEALTH_PATH, WORKER_HEALTH_PORT } from "./userData";
import { vmTelemetry, VmTelemetry } from "./fleetTelemetry";
import { AzureTelemetryNative } from "./telemetry";

/** The LMS document's image family: Ubuntu LTS, here 24.04 (Gen2, Trusted Launch capable). */
export const UBUNTU_IMAGE = ubuntuImageFor("x86_64");
/** The LMS document's admin user. */
const ADMIN_USER = "azureuser";
/** Queue depth above which workers grow by two at a time instead of one. */
const SURGE_QUEUE_DEPTH = 500;
/**
 * Automatic repairs wait this long after a VM is created or changed: a first boot installs
 * Docker, pulls the image and may wait for role assignments to propagate. Azure accepts 10 to
 * 90 minutes; the documents' 300 s grace is the health extension's own (below).
 */
export const REPAIR_GRACE = "PT30M";
/** The documents' instance refresh: at most 10% of a set at a time (one VM up to ten), new VMs first. */
export const ROLLING_UPGRADE = {
    maxBatchInstancePercent: 10,
    maxUnhealthyInstancePercent: 20,
    maxUnhealthyUpgradedInstancePercent: 20,
    prioritizeUnhealthyInstances: true,
    rollbackFailedInstancesOnPolicyBreach: true,
    maxSurge: true,
    enableCrossZoneUpgrade: true,
};

/** Fixed names: alerts and dashboards look them up before the set or queue exists. Linux scale sets take 1-64 characters. */
function scaleSetNameFor(ctx: AdapterContext, service: ServiceSpec): string {
    return boundedName(childName(ctx, service.name), 64);
}

/** Customer-managed encryption of every OS disk, through a disk encryption set with its own identity. */
export function diskEncryption(s: FleetScope): { set: compute.DiskEncryptionSet; ready: pulumi.Resource[] } {
    const { ctx, net } = s;
    const keyName = "app-disks";
    const key = customerKey(s, "disk-key", keyName);
    // encryptionAtHost would also cover temp disks and caches, but needs the EncryptionAtHost
    // feature registered on the subscription; a disk encryption set works everywhere.
    const set = new compute.DiskEncryptionSet(
        childName(ctx, "disk-encryption"),
        {
            // Letters, digits, "_" and "-" only, up to 80.
            diskEncryptionSetName: boundedName(childName(ctx, "disk-encryption").replace(/[^A-Za-z0-9_-]/g, "-"), 80),
            resourceGroupName: net.resourceGroup.name,
            location: s.location,
            encryptionType: "EncryptionAtRestWithCustomerKey",
            // New disk encryption sets only take a system-assigned identity.
            identity: { type: "SystemAssigned" },
            activeKey: { keyUrl: key.keyUriWithVersion, sourceVault: { id: net.keyVault.id } },
            rotationToLatestKeyVersionEnabled: true,
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    const principal = set.identity.apply((identity) => identity?.principalId ?? "");
    return { set, ready: [grant(s, "disk-encryption-uses-key", principal, "keyVaultCryptoServiceEncryptionUser", keyScope(s, keyName), { dependsOn: [key] })] };
}

/**
 * The VMs' SSH key: Azure wants one when password logins are off. Its private half lives in Key
 * Vault, where Azure Bastion reads it for an operator: no key on a laptop, no port 22 outside.
 */
function sshKey(s: FleetScope): tls.PrivateKey {
    const { ctx, net } = s;
    const key = new tls.PrivateKey(childName(ctx, "ssh-key"), { algorithm: "RSA", rsaBits: 4096 }, childOpts(ctx));
    new keyvault.Secret(
        childName(ctx, "ssh-key-secret"),
        {
            resourceGroupName: net.resourceGroup.name,
            vaultName: net.keyVault.name,
            secretName: "vm-ssh-private-key",
            properties: { contentType: "application/x-pem-file", value: pulumi.secret(key.privateKeyOpenssh) },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: net.keyVaultAccess }),
    );
    return key;
}

interface ServiceWiring {
    service: ServiceSpec;
    environment: pulumi.Output<ServiceEnvironmentConfig>;
    identity: ReturnType<typeof instanceIdentity>;
    backendPool?: pulumi.Output<string>;
    gatewayCidr?: string;
    /** Services that call others: the CA of the internal URLs. */
    servicesCaPem?: pulumi.Output<string>;
    telemetry: VmTelemetry;
    searchCaPem?: pulumi.Output<string>;
}

/** The Application Health extension: the health path for web services, the local worker endpoint otherwise. */
function healthExtension(s: FleetScope, svc: ServiceSpec): inputs.compute.VirtualMachineScaleSetExtensionArgs {
    const web = svc.kind === "web" && svc.port !== undefined;
    return {
        name: "health",
        publisher: "Microsoft.ManagedServices",
        type: "ApplicationHealthLinux",
        typeHandlerVersion: "2.0",
        autoUpgradeMinorVersion: true,
        settings: {
            protocol: "http",
            port: web ? svc.port : WORKER_HEALTH_PORT,
            requestPath: web ? svc.healthPath : WORKER_HEALTH_PATH,
            intervalInSeconds: 10,
            numberOfProbes: 3,
            // The documents' 300 s before a new VM's health counts.
            gracePeriod: s.spec.healthCheckGraceSeconds,
        },
    };
}

/** Which scale set of a service: its regular one, or the Spot one of a spot worker, with its replica range. */
interface SetPart {
    spot: boolean;
    replicas: Pick<ServiceSpec, "minReplicas" | "maxReplicas">;
}

/**
 * Spot Priority Mix (a regular base inside one set) exists only in Flexible orchestration, and the
 * fleet is Uniform (see above), so a spot worker is two sets: regular VMs of its on-demand base,
 * and Spot VMs for the rest, deleted on eviction (no disk left to pay for) and never evicted
 * for price (-1: up to the pay-as-you-go price), only for capacity.
 */
function setParts(svc: ServiceSpec): SetPart[] {
    if (!svc.capacity.spot) {
        return [{ spot: false, replicas: svc }];
    }
    const base = svc.capacity.onDemandBase;
    const spot: SetPart = { spot: true, replicas: { minReplicas: svc.minReplicas - base, maxReplicas: svc.maxReplicas - base } };
    return base > 0 ? [{ spot: false, replicas: { minReplicas: base, maxReplicas: base } }, spot] : [spot];
}

const SPOT_PROFILE = { priority: "Spot", evictionPolicy: "Delete", billingProfile: { maxPrice: -1 } } as const;

function scaleSet(s: FleetScope, w: ServiceWiring, disks: compute.DiskEncryptionSet, ssh: tls.PrivateKey, dependsOn: pulumi.Input<pulumi.Resource>[], part: SetPart): compute.VirtualMachineScaleSet {
    const { ctx, spec, net } = s;
    const svc = w.service;
    const id = part.spot ? { ...svc, name: `${svc.name}-spot` } : svc;
    const customData = pulumi.all([w.environment, w.identity.identity.clientId, w.servicesCaPem, w.telemetry.params, w.searchCaPem]).apply(([environment, clientId, servicesCaPem, telemetry, searchCaPem]) =>
        encodeCustomData(
            buildBootScript({
                service: svc.name,
                kind: svc.kind,
                image: svc.image,
                command: svc.command,
                port: svc.port,
                healthPath: svc.healthPath,
                readyPath: svc.readyPath,
                environment,
                identityClientId: clientId,
                gatewayCidr: w.gatewayCidr,
                servicesCaPem,
                telemetry,
                searchCaPem,
            }),
        ),
    );
    return new compute.VirtualMachineScaleSet(
        childName(ctx, `${id.name}-scale-set`),
        {
            vmScaleSetName: scaleSetNameFor(ctx, id),
            resourceGroupName: net.resourceGroup.name,
            location: s.location,
            orchestrationMode: "Uniform",
            sku: { name: vmSizeFor(svc.shape, svc.capacity.architecture), tier: "Standard", capacity: part.replicas.minReplicas },
            zones: net.zones,
            // One fault domain per zone: Azure spreads the VMs of each zone as widely as it can.
            platformFaultDomainCount: 1,
            // Extra VMs created and deleted during scale-out would boot, read secrets and vanish.
            overprovision: false,
            identity: { type: "UserAssigned", userAssignedIdentities: [w.identity.identity.id] },
            upgradePolicy: {
                mode: "Rolling",
                rollingUpgradePolicy: { ...ROLLING_UPGRADE, pauseTimeBetweenBatches: `PT${spec.healthCheckGraceSeconds}S` },
                // New Ubuntu images roll through the set under the same policy, health-checked.
                automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true, useRollingUpgradePolicy: true, disableAutomaticRollback: false },
            },
            automaticRepairsPolicy: { enabled: true, gracePeriod: REPAIR_GRACE, repairAction: "Replace" },
            scaleInPolicy: { rules: ["Default"], forceDeletion: false },
            virtualMachineProfile: {
                ...(part.spot ? SPOT_PROFILE : {}),
                osProfile: {
                    computerNamePrefix: id.name.replace(/[^a-z0-9-]/gi, "").slice(0, 15),
                    adminUsername: ADMIN_USER,
                    customData,
                    linuxConfiguration: {
                        disablePasswordAuthentication: true,
                        ssh: { publicKeys: [{ path: `/home/${ADMIN_USER}/.ssh/authorized_keys`, keyData: ssh.publicKeyOpenssh }] },
                        provisionVMAgent: true,
                    },
                },
                storageProfile: {
                    imageReference: ubuntuImageFor(svc.capacity.architecture),
                    osDisk: {
                        createOption: "FromImage",
                        caching: "ReadWrite",
                        diskSizeGB: svc.rootVolumeGb,
                        managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: disks.id } },
                    },
                },
                securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
                networkProfile: {
                    networkInterfaceConfigurations: [
                        {
                            name: "nic",
                            primary: true,
                            enableAcceleratedNetworking: true,
                            // No public IP configuration: the VMs are reached through the gateway only.
                            ipConfigurations: [
                                {
                                    name: "ip",
                                    primary: true,
                                    subnet: { id: net.appSubnet.id },
                                    applicationGatewayBackendAddressPools: w.backendPool ? [{ id: w.backendPool }] : [],
                                },
                            ],
                        },
                    ],
                },
                extensionProfile: {
                    extensions: [
                        healthExtension(s, svc),
                        {
                            // Ships the journal (the containers' logs) and guest metrics as its data collection rules say.
                            name: "monitor",
                            publisher: "Microsoft.Azure.Monitor",
                            type: "AzureMonitorLinuxAgent",
                            typeHandlerVersion: "1.0",
                            autoUpgradeMinorVersion: true,
                            enableAutomaticUpgrade: true,
                            settings: { authentication: { managedIdentity: { "identifier-name": "mi_res_id", "identifier-value": w.identity.identity.id } } },
                        },
                    ],
                },
                diagnosticsProfile: { bootDiagnostics: { enabled: true } },
            },
            tags: tagsFor(ctx),
        },
        // Autoscale owns the capacity after creation; a deploy must not reset it to the minimum.
        childOpts(ctx, { dependsOn, ignoreChanges: ["sku.capacity"] }),
    );
}

/** The idea-management document's worker rule: out above 100 queued messages, in below 10. */
function workerScaling(s: FleetScope, svc: ServiceSpec, set: compute.VirtualMachineScaleSet, bus: WorkerQueues, queue: string): void {
    const { spec } = s;
    const depth = {
        metricName: "ActiveMessages",
        metricNamespace: "microsoft.servicebus/namespaces",
        metricResourceUri: bus.namespace.id,
        dimensions: [{ dimensionName: "EntityName", operator: "Equals", values: [queue] }],
    };
    const out = (threshold: number, change: number) => scaleRule(depth, { operator: "GreaterThan", threshold, windowMinutes: 5, aggregation: "Maximum" }, change);
    autoscaleSetting(s, svc, set.id, [
        out(spec.scaleOutQueueDepth, 1),
        ...(SURGE_QUEUE_DEPTH > spec.scaleOutQueueDepth ? [out(SURGE_QUEUE_DEPTH, 2)] : []),
        scaleRule(depth, { operator: "LessThan", threshold: spec.scaleInQueueDepth, windowMinutes: 10, aggregation: "Maximum" }, -1),
    ]);
}

export function endpoints(spec: AppFleetSpec, publicWeb: ServiceSpec[], host: string): ServiceEndpoint[] {
    return spec.services.map((service) => {
        const endpoint: ServiceEndpoint = { name: service.name, kind: service.kind, minReplicas: service.minReplicas, maxReplicas: service.maxReplicas };
        const index = publicWeb.indexOf(service);
        if (index >= 0) {
            const base = spec.domain ? `https://${spec.domain}` : `https://${host}`;
            endpoint.url = index === 0 ? base : spec.domain ? `https://${service.name}.${spec.domain}` : `${base}/${service.name}/`;
        }
        return endpoint;
    });
}

export function createAppFleet(ctx: AdapterContext, spec: AppFleetSpec, deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    if (ctx.platform.runtime === "kubernetes") {
        return createClusterFleet(ctx, spec, deps);
    }
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const s: FleetScope = { ctx, spec, location: locationOf(ctx), net };
    const credentials = createApplicationCredentials(ctx, deps);
    const workers = spec.services.filter((service) => service.kind === "worker");
    const bus = workers.length > 0 ? workerQueues(s, workers) : undefined;
    const publicWeb = spec.services.filter((service) => service.kind === "web" && service.public);
    const paths = internalPaths(s, spec.services);
    if (paths && publicWeb.length === 0) {
        throw new pulumi.RunError(
            `services[].calls: on cloud azure the called services (${paths.called.map((service) => service.name).join(", ")}) are reached through the Application Gateway's private frontend, which exists only with a public web service; make one service public or remove calls.`,
        );
    }
    const edge: PublicEdge | undefined = publicWeb.length > 0 ? publicEdge(s, deps, publicWeb, paths) : undefined;
    const disks = diskEncryption(s);
    const ssh = sshKey(s);
    const storage = nativeOf<AzureObjectStoreNative>(deps.objectStore);
    const queueIds = Object.fromEntries(Object.entries(bus?.queues ?? {}).map(([name, queue]) => [name, queue.id]));
    const telemetry = deps.telemetry ? nativeOf<AzureTelemetryNative>(deps.telemetry) : undefined;

    const fleets: Record<string, AzureServiceFleet> = {};
    for (const service of spec.services) {
        const identity = instanceIdentity(s, service.name, { containerId: storage.container.id, secretNames: secretNamesFor(deps, credentials), queueIds });
        const environment = environmentFor(s, deps, { credentials, namespaceHost: bus?.host, queues: workers.map((worker) => worker.name), serviceUrls: paths?.urls ?? {} }, service);
        const wiring: ServiceWiring = {
            service,
            environment,
            identity,
            backendPool: edge?.backendPools[service.name],
            gatewayCidr: edge?.backendPools[service.name] ? edge.gatewayCidr : undefined,
            servicesCaPem: service.calls.length > 0 ? paths?.caPem : undefined,
            telemetry: vmTelemetry(s, service, identity.identity, telemetry),
            searchCaPem: deps.search ? nativeOf<AzureSearchNative>(deps.search).caPem : undefined,
        };
        // VMs boot once their identity holds its roles, their secrets are written, their disk key
        // is usable, the NAT route (packages, images) and the private names of Key Vault and the
        // data services resolve, and the gateway's pool is there.
        const ready = [
            ...identity.grants,
            ...wiring.telemetry.grants,
            ...credentials.ready,
            ...disks.ready,
            ...net.appEgress,
            ...net.privateDnsLinks,
            ...(bus?.ready ?? []),
            ...(wiring.backendPool && edge ? [edge.gateway] : []),
        ];
        const sets = setParts(service).map((part) => {
            const set = scaleSet(s, wiring, disks.set, ssh, ready, part);
            const sized: ServiceSpec = { ...service, ...part.replicas, name: part.spot ? `${service.name}-spot` : service.name };
            metricsPublisher(s, sized.name, identity.identity, set.id);
            if (bus?.queues[service.name]) {
                workerScaling(s, sized, set, bus, service.name);
            } else {
                cpuAutoscale(s, sized, set.id);
            }
            return set;
        });
        // Alerts and the dashboard follow the regular set (a spot worker's base).
        const set = sets[0];
        fleets[service.name] = {
            scaleSet: set,
            scaleSetName: scaleSetNameFor(ctx, service.capacity.spot && service.capacity.onDemandBase === 0 ? { ...service, name: `${service.name}-spot` } : service),
            identity: identity.identity,
            queue: bus?.queues[service.name],
            queueName: bus?.queues[service.name] ? service.name : undefined,
        };
    }

    const host = edge?.host ?? "";
    const url = !edge ? "" : spec.domain ? `https://${spec.domain}` : `https://${host}`;
    const native: AzureAppFleetNative = {
        gateway: edge?.gateway,
        gatewayName: edge?.gatewayName,
        publicIp: edge?.publicIp,
        wafPolicy: edge?.wafPolicy,
        fleets,
        serviceBusNamespace: bus?.namespace,
        serviceUrls: paths?.urls ?? {},
        internalCaPem: paths?.caPem,
    };
    return {
        outputs: { url: pulumi.output(url), loadBalancerHost: pulumi.output(host), services: pulumi.output(endpoints(spec, publicWeb, host)) },
        native,
    };
}
