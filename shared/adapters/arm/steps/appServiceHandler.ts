// azure.appService through @azure/arm-appservice: start / stop a web app (synchronous POSTs), or scale a plan
// (a PUT of the plan as read with a new capacity, polled as a long-running operation).
import { checkedId } from '../../../domain/runbook/azure/armResourceId';
import { lastName } from '../../../domain/runbook/azure/armResourceId';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import type { AzureStepHandler } from './AzureStepHandler';

type Step = AzureStepOf<'azure.appService'>;

export const appServiceHandler: AzureStepHandler<Step> = {
  doing: (step) => {
    const name = lastName(step.resource);
    return step.action === 'scale'
      ? `scale App Service plan ${name} to ${step.instances ?? 0} instance(s)`
      : `${step.action} web app ${name}`;
  },
  async run(step, { clients, abortSignal, pollIntervalMs }) {
    const id = checkedId(step.resource);
    const name = lastName(step.resource);
    const web = clients.web(id.subscriptionId);
    if (step.action === 'scale') {
      const plan = await web.appServicePlans.get(id.resourceGroup, name, { abortSignal });
      const was = plan.sku?.capacity;
      if (was === step.instances) {
        return { alreadyInWantedState: true, detail: `plan ${name} already runs ${was} instance(s)` };
      }
      const after = await web.appServicePlans.beginCreateOrUpdateAndWait(
        id.resourceGroup,
        name,
        { ...plan, sku: { ...plan.sku, capacity: step.instances } },
        { abortSignal, updateIntervalInMs: pollIntervalMs },
      );
      return {
        alreadyInWantedState: false,
        detail: `plan ${name} runs ${after.sku?.capacity ?? step.instances} instance(s) (was ${was ?? 'unknown'})`,
      };
    }
    const site = await web.webApps.get(id.resourceGroup, name, { abortSignal });
    const wanted = step.action === 'start' ? 'Running' : 'Stopped';
    if (site.state === wanted) {
      return { alreadyInWantedState: true, detail: `web app ${name} is already ${wanted}` };
    }
    if (step.action === 'start') await web.webApps.start(id.resourceGroup, name, { abortSignal });
    else await web.webApps.stop(id.resourceGroup, name, { abortSignal });
    const after = await web.webApps.get(id.resourceGroup, name, { abortSignal });
    return {
      alreadyInWantedState: false,
      detail: `web app ${name} is ${after.state ?? wanted} (was ${site.state ?? 'unknown'})`,
    };
  },
  async check(step, { clients, abortSignal }) {
    const id = checkedId(step.resource);
    const name = lastName(step.resource);
    const web = clients.web(id.subscriptionId);
    if (step.action === 'scale') {
      const plan = await web.appServicePlans.get(id.resourceGroup, name, { abortSignal });
      return `App Service plan ${name} is readable; it runs ${plan.sku?.capacity ?? '?'} instance(s)`;
    }
    const site = await web.webApps.get(id.resourceGroup, name, { abortSignal });
    return `web app ${name} is readable; it is ${site.state ?? 'of unknown state'}`;
  },
};
