// azure.frontDoor.origin through @azure/arm-cdn (Front Door Standard/Premium origins): a PATCH, polled as the
// long-running operation it is.
import { checkedId, nameOf } from '../../../domain/runbook/azure/armResourceId';
import { frontDoorOriginPatch } from '../../../domain/runbook/azure/frontDoorOriginStep';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import type { AzureStepHandler } from './AzureStepHandler';
import { propertyChanges } from './propertyChanges';

type Step = AzureStepOf<'azure.frontDoor.origin'>;

function names(step: Step) {
  const id = checkedId(step.origin);
  return {
    id,
    profile: nameOf(id, 'profiles'),
    group: nameOf(id, 'originGroups'),
    origin: nameOf(id, 'origins'),
  };
}

export const frontDoorOriginHandler: AzureStepHandler<Step> = {
  doing: (step) => {
    const { origin, group } = names(step);
    return `update Front Door origin ${origin} of origin group ${group}`;
  },
  async run(step, { clients, abortSignal, pollIntervalMs }) {
    const { id, profile, group, origin } = names(step);
    const client = clients.cdn(id.subscriptionId).afdOrigins;
    const before = await client.get(id.resourceGroup, profile, group, origin, { abortSignal });
    const wanted = frontDoorOriginPatch(step).properties;
    const current: Record<string, unknown> = {
      enabledState: before.enabledState,
      priority: before.priority,
      weight: before.weight,
    };
    const changes = propertyChanges(wanted, current);
    if (!changes.needed) {
      return {
        alreadyInWantedState: true,
        detail: `origin ${origin} already has ${changes.wanted}`,
      };
    }
    await client.beginUpdateAndWait(id.resourceGroup, profile, group, origin, changes.patch, {
      abortSignal,
      updateIntervalInMs: pollIntervalMs,
    });
    return {
      alreadyInWantedState: false,
      detail: `origin ${origin} now has ${changes.changed} (was ${changes.was})`,
    };
  },
  async check(step, { clients, abortSignal }) {
    const { id, profile, group, origin } = names(step);
    const read = await clients
      .cdn(id.subscriptionId)
      .afdOrigins.get(id.resourceGroup, profile, group, origin, { abortSignal });
    return `Front Door origin ${origin} is readable; it is ${read.enabledState ?? 'of unknown state'}`;
  },
};
