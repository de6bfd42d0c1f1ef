// azure.arm: one ARM request, polled to its end when it is a long-running operation; skipped when
// `alreadyWhen` finds the wanted state.
import { armPath } from '../../../domain/runbook/azure/armRequestDescription';
import { containsSubset } from '../../../domain/runbook/azure/armRequestStep';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import type { AzureStepHandler } from './AzureStepHandler';

type Step = AzureStepOf<'azure.arm'>;

export const armRequestHandler: AzureStepHandler<Step> = {
  doing: (step) => `${step.method} ${step.resource}`,
  async run(step, { clients, abortSignal }) {
    const arm = clients.requests();
    if (step.alreadyWhen !== undefined) {
      const current = await arm.read(
        armPath(step.alreadyWhen.resource ?? step.resource, step.apiVersion),
        abortSignal,
      );
      if (current !== undefined && containsSubset(current, step.alreadyWhen.matches)) {
        return { alreadyInWantedState: true, detail: `${step.resource} already matches; nothing sent` };
      }
    }
    const path = armPath(step.resource, step.apiVersion);
    if (step.method === 'GET') {
      await arm.send('GET', path, undefined, abortSignal);
      return { alreadyInWantedState: false, detail: `GET ${step.resource} answered` };
    }
    await arm.sendAndWait(step.method, path, step.body, abortSignal);
    return { alreadyInWantedState: false, detail: `${step.method} ${step.resource} done` };
  },
  async check(step, { clients, abortSignal }) {
    // The resource the request acts on (for a POST action, the resource before the action's name).
    const target =
      step.alreadyWhen?.resource ??
      (step.method === 'POST' ? step.resource.slice(0, step.resource.lastIndexOf('/')) : step.resource);
    await clients.requests().send('GET', armPath(target, step.apiVersion), undefined, abortSignal);
    return `${target} is readable`;
  },
};
