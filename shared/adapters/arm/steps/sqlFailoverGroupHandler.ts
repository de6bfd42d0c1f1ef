// azure.sql.failoverGroup through @azure/arm-sql: a failover is asked of the server that is to become primary.
import { checkedId, nameOf } from '../../../domain/runbook/azure/armResourceId';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import type { AzureStepHandler } from './AzureStepHandler';

type Step = AzureStepOf<'azure.sql.failoverGroup'>;

function names(step: Step) {
  const id = checkedId(step.failoverGroup);
  return { id, server: nameOf(id, 'servers'), group: nameOf(id, 'failoverGroups') };
}

export const sqlFailoverGroupHandler: AzureStepHandler<Step> = {
  doing: (step) => {
    const { server, group } = names(step);
    return `make server ${server} primary of failover group ${group}${step.allowDataLoss ? ' (forced, allowing data loss)' : ''}`;
  },
  async run(step, { clients, abortSignal, pollIntervalMs }) {
    const { id, server, group } = names(step);
    const client = clients.sql(id.subscriptionId).failoverGroups;
    const before = await client.get(id.resourceGroup, server, group, { abortSignal });
    if (before.replicationRole === 'Primary') {
      return { alreadyInWantedState: true, detail: `server ${server} is already primary of ${group}` };
    }
    const options = { abortSignal, updateIntervalInMs: pollIntervalMs };
    const after = step.allowDataLoss
      ? await client.beginForceFailoverAllowDataLossAndWait(id.resourceGroup, server, group, options)
      : await client.beginFailoverAndWait(id.resourceGroup, server, group, options);
    const how = step.allowDataLoss ? 'forced failover (data loss allowed)' : 'planned failover';
    return {
      alreadyInWantedState: false,
      detail: `server ${server} is now ${after.replicationRole ?? 'primary'} of ${group} after a ${how}`,
    };
  },
  async check(step, { clients, abortSignal }) {
    const { id, server, group } = names(step);
    const fg = await clients
      .sql(id.subscriptionId)
      .failoverGroups.get(id.resourceGroup, server, group, { abortSignal });
    return `failover group ${group} on server ${server} is readable; the server is ${fg.replicationRole ?? 'of unknown role'}`;
  },
};
