// azure.siteRecovery.recoveryPlan through @azure/arm-recoveryservices-siterecovery: the failover's POST is a
// long-running operation that ends with the recovery plan's job.
import { checkedId, nameOf } from '../../../domain/runbook/azure/armResourceId';
import {
  RECOVERY_OPERATIONS,
  siteRecoveryFailoverBody,
} from '../../../domain/runbook/azure/siteRecoveryRecoveryPlanStep';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import { NonRetryableError } from '../../../errors';
import type { AzureStepHandler } from './AzureStepHandler';

type Step = AzureStepOf<'azure.siteRecovery.recoveryPlan'>;

function names(step: Step) {
  const id = checkedId(step.recoveryPlan);
  return { id, vault: nameOf(id, 'vaults'), plan: nameOf(id, 'replicationRecoveryPlans') };
}

export const siteRecoveryRecoveryPlanHandler: AzureStepHandler<Step> = {
  doing: (step) => `run a ${step.failover} failover of recovery plan ${names(step).plan}`,
  async run(step, { clients, abortSignal, pollIntervalMs }) {
    const { id, vault, plan } = names(step);
    const client = clients.siteRecovery(id.subscriptionId).replicationRecoveryPlans;
    const before = (await client.get(vault, id.resourceGroup, plan, { abortSignal })).properties ?? {};
    const operation = RECOVERY_OPERATIONS[step.failover];
    const allowed = before.allowedOperations ?? [];
    if (!allowed.includes(operation.allowed)) {
      if (allowed.includes(operation.done)) {
        return {
          alreadyInWantedState: true,
          detail: `recovery plan ${plan} has already failed over (${before.currentScenarioStatus ?? 'its next operation is ' + operation.done})`,
        };
      }
      throw new NonRetryableError(
        `recovery plan ${plan} does not allow ${operation.allowed} now (allowed: ${allowed.join(', ') || 'none'}; ${before.currentScenarioStatusDescription ?? 'no scenario running'})`,
      );
    }
    const options = { abortSignal, updateIntervalInMs: pollIntervalMs };
    const { properties } = siteRecoveryFailoverBody(step);
    const { failoverDirection } = properties;
    const after =
      step.failover === 'test'
        ? await client.beginTestFailoverAndWait(
            vault,
            id.resourceGroup,
            plan,
            {
              properties: {
                failoverDirection,
                networkType: 'VmNetworkAsInput',
                networkId: step.testNetworkId,
              },
            },
            options,
          )
        : step.failover === 'planned'
          ? await client.beginPlannedFailoverAndWait(
              vault,
              id.resourceGroup,
              plan,
              { properties: { failoverDirection } },
              options,
            )
          : await client.beginUnplannedFailoverAndWait(
              vault,
              id.resourceGroup,
              plan,
              {
                properties: {
                  failoverDirection,
                  sourceSiteOperations: step.shutDownSource ? 'Required' : 'NotRequired',
                },
              },
              options,
            );
    const job = after.properties?.currentScenario?.jobId;
    return {
      alreadyInWantedState: false,
      detail: `recovery plan ${plan}: ${step.failover} failover ${step.direction} done${job ? ` (job ${job.slice(job.lastIndexOf('/') + 1)})` : ''}`,
    };
  },
  async check(step, { clients, abortSignal }) {
    const { id, vault, plan } = names(step);
    const read = await clients
      .siteRecovery(id.subscriptionId)
      .replicationRecoveryPlans.get(vault, id.resourceGroup, plan, { abortSignal });
    return `recovery plan ${plan} is readable; allowed now: ${(read.properties?.allowedOperations ?? []).join(', ') || 'none'}`;
  },
};
