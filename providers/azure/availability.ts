// The public endpoint's availability test (Application Insights standard test from five regions)
// and its alert: Azure's counterpart of the AWS column's Route 53 health check.

import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as monitor from "@pulumi/azure-native/monitor";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../adapter";
import { AVAILABILITY_FAILED_LOCATIONS, AVAILABILITY_FREQUENCY_SECONDS, AVAILABILITY_LOCATIONS } from "./alertRules";
import { childName, childOpts, tagsFor } from "./common";

/**
 * A standard availability test on the public health URL, and its alert. Like the AWS column's
 * health check it needs the domain: without one the gateway serves a self-signed certificate
 * that a test from the internet cannot verify.
 */
export function availabilityTest(
    ctx: AdapterContext,
    resourceGroupName: pulumi.Input<string>,
    location: string,
    insights: applicationinsights.Component,
    actionGroup: monitor.ActionGroup,
): { test: applicationinsights.WebTest; alert: monitor.MetricAlert } | undefined {
    const fleetSpec = ctx.platform.appFleet;
    const primary = fleetSpec.services.find((service) => service.kind === "web" && service.public);
    if (!fleetSpec.domain || !primary) {
        return undefined;
    }
    const name = `${ctx.platform.name}-availability`;
    const test = new applicationinsights.WebTest(
        childName(ctx, "availability"),
        {
            webTestName: name,
            syntheticMonitorId: name,
            resourceGroupName,
            location,
            kind: "standard",
            webTestKind: "standard",
            description: `HTTPS health of ${fleetSpec.domain}${primary.healthPath}`,
            enabled: true,
            frequency: AVAILABILITY_FREQUENCY_SECONDS,
            timeout: 30,
            retryEnabled: true,
            locations: AVAILABILITY_LOCATIONS.map((id) => ({ location: id })),
            request: { requestUrl: `https://${fleetSpec.domain}${primary.healthPath}`, httpVerb: "GET", followRedirects: false, parseDependentRequests: false },
            validationRules: { expectedHttpStatusCode: 200, sSLCheck: true, sSLCertRemainingLifetimeCheck: 7 },
            // Azure links a test to its component through this tag only.
            tags: insights.id.apply((id) => ({ ...tagsFor(ctx), [`hidden-link:${id}`]: "Resource" })),
        },
        childOpts(ctx),
    );
    const alert = new monitor.MetricAlert(
        childName(ctx, "availability-alert"),
        {
            ruleName: childName(ctx, "availability-alert"),
            resourceGroupName,
            location: "global",
            description: `Public endpoint failing its health check from ${AVAILABILITY_FAILED_LOCATIONS} of ${AVAILABILITY_LOCATIONS.length} locations.`,
            severity: 1,
            enabled: true,
            scopes: [test.id, insights.id],
            windowSize: "PT5M",
            evaluationFrequency: "PT1M",
            autoMitigate: true,
            criteria: {
                odataType: "Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria",
                webTestId: test.id,
                componentId: insights.id,
                failedLocationCount: AVAILABILITY_FAILED_LOCATIONS,
            },
            actions: [{ actionGroupId: actionGroup.id }],
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    return { test, alert };
}
