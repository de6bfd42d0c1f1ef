// azure.cosmosdb.failover through @azure/arm-cosmosdb: a failover priority change, write region first.
import { checkedId, nameOf } from '../../../domain/runbook/azure/armResourceId';
import {
  cosmosDbFailoverBody,
  cosmosDbWantedOrder,
  regionKey,
} from '../../../domain/runbook/azure/cosmosDbFailoverStep';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import { NonRetryableError } from '../../../errors';
import type { AzureStepHandler } from './AzureStepHandler';

type Step = AzureStepOf<'azure.cosmosdb.failover'>;

function names(step: Step) {
  const id = checkedId(step.account);
  return { id, account: nameOf(id, 'databaseAccounts') };
}

/** The account's regions by failover priority (0 is the write region). */
function currentOrder(account: {
  failoverPolicies?: { locationName?: string; failoverPriority?: number }[];
}) {
  return [...(account.failoverPolicies ?? [])]
    .sort((a, b) => (a.failoverPriority ?? 0) - (b.failoverPriority ?? 0))
    .map((policy) => policy.locationName ?? '');
}

export const cosmosDbFailoverHandler: AzureStepHandler<Step> = {
  doing: (step) => `make ${step.writeRegion} the write region of Cosmos DB account ${names(step).account}`,
  async run(step, { clients, abortSignal, pollIntervalMs }) {
    const { id, account } = names(step);
    const client = clients.cosmos(id.subscriptionId).databaseAccounts;
    const before = await client.get(id.resourceGroup, account, { abortSignal });
    const order = currentOrder(before);
    const missing = [step.writeRegion, ...(step.failoverPriorities ?? [])].filter(
      (name) => !order.some((region) => regionKey(region) === regionKey(name)),
    );
    if (missing.length > 0) {
      throw new NonRetryableError(
        `account ${account} has no region ${missing.join(', ')} (it has ${order.join(', ')}): fix the step's regions`,
      );
    }
    const wanted = cosmosDbWantedOrder(step, order);
    if (wanted.map(regionKey).join() === order.map(regionKey).join()) {
      return {
        alreadyInWantedState: true,
        detail: `${order[0] ?? step.writeRegion} is already the write region of ${account}`,
      };
    }
    await client.beginFailoverPriorityChangeAndWait(id.resourceGroup, account, cosmosDbFailoverBody(wanted), {
      abortSignal,
      updateIntervalInMs: pollIntervalMs,
    });
    return {
      alreadyInWantedState: false,
      detail: `${account} writes to ${wanted[0] ?? step.writeRegion} now (was ${order[0] ?? 'unknown'}); priorities ${wanted.join(' > ')}`,
    };
  },
  async check(step, { clients, abortSignal }) {
    const { id, account } = names(step);
    const read = await clients
      .cosmos(id.subscriptionId)
      .databaseAccounts.get(id.resourceGroup, account, { abortSignal });
    return `Cosmos DB account ${account} is readable; it writes to ${currentOrder(read)[0] ?? 'an unknown region'}`;
  },
};
