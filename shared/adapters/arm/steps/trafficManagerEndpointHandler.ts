// azure.trafficManager.endpoint through @azure/arm-trafficmanager: a PATCH of the properties the step sets
// (synchronous in the REST API: no long-running operation).
import type { EndpointType } from '@azure/arm-trafficmanager';
import { checkedId } from '../../../domain/runbook/azure/armResourceId';
import { trafficManagerEndpointPatch } from '../../../domain/runbook/azure/trafficManagerEndpointStep';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import type { AzureStepHandler } from './AzureStepHandler';
import { propertyChanges } from './propertyChanges';

type Step = AzureStepOf<'azure.trafficManager.endpoint'>;

const ENDPOINT_TYPES: Record<string, EndpointType> = {
  azureendpoints: 'AzureEndpoints',
  externalendpoints: 'ExternalEndpoints',
  nestedendpoints: 'NestedEndpoints',
};

function names(step: Step) {
  const id = checkedId(step.endpoint);
  const [profile, endpoint] = id.segments;
  return {
    id,
    profile: profile?.name ?? '',
    type: ENDPOINT_TYPES[endpoint?.type.toLowerCase() ?? ''] ?? 'AzureEndpoints',
    endpoint: endpoint?.name ?? '',
  };
}

export const trafficManagerEndpointHandler: AzureStepHandler<Step> = {
  doing: (step) => {
    const { profile, endpoint } = names(step);
    return `update Traffic Manager endpoint ${endpoint} of profile ${profile}`;
  },
  async run(step, { clients, abortSignal }) {
    const { id, profile, type, endpoint } = names(step);
    const client = clients.trafficManager(id.subscriptionId).endpoints;
    const before = await client.get(id.resourceGroup, profile, type, endpoint, { abortSignal });
    const wanted = trafficManagerEndpointPatch(step).properties;
    const current: Record<string, unknown> = {
      endpointStatus: before.endpointStatus,
      priority: before.priority,
      weight: before.weight,
    };
    const changes = propertyChanges(wanted, current);
    if (!changes.needed) {
      return {
        alreadyInWantedState: true,
        detail: `endpoint ${endpoint} already has ${changes.wanted}`,
      };
    }
    await client.update(id.resourceGroup, profile, type, endpoint, changes.patch, {
      abortSignal,
    });
    return {
      alreadyInWantedState: false,
      detail: `endpoint ${endpoint} now has ${changes.changed} (was ${changes.was})`,
    };
  },
  async check(step, { clients, abortSignal }) {
    const { id, profile, type, endpoint } = names(step);
    const read = await clients
      .trafficManager(id.subscriptionId)
      .endpoints.get(id.resourceGroup, profile, type, endpoint, { abortSignal });
    return `Traffic Manager endpoint ${endpoint} is readable; it is ${read.endpointStatus ?? 'of unknown status'}`;
  },
};
