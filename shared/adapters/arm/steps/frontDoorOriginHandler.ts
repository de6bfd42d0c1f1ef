// azure.frontDoor.origin through @azure/arm-cdn (Front Door Standard/Premium origins): a PATCH, polled as the
// long-running operation it is.
import { checkedId, nameOf } from '../../../domain/runbook/azure/armResourceId';
import { frontDoorOriginPatch } from '../../../domain/runbook/azure/frontDoorOriginStep';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import type { AzureStepHandler } from './AzureStepHandler';

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
    const changes = Object.entries(wanted).filter(([key, value]) => current[key] !== value);
    const describe = (entries: [string, unknown][]) =>
      entries.map(([k, v]) => `${k} ${String(v)}`).join(', ');
    if (changes.length === 0) {
      return {
        alreadyInWantedState: true,
        detail: `origin ${origin} already has ${describe(Object.entries(wanted))}`,
      };
    }
    await client.beginUpdateAndWait(id.resourceGroup, profile, group, origin, Object.fromEntries(changes), {
      abortSignal,
      updateIntervalInMs: pollIntervalMs,
    });
    const was = changes.map(([key]) => `${key} ${String(current[key])}`).join(', ');
    return {
      alreadyInWantedState: false,
      detail: `origin ${origin} now has ${describe(changes)} (was ${was})`,
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
