// `azure.appService`: start or stop a web app, or scale out its App Service plan.
import { z } from 'zod';
import { checkedId, matchesKind, parseArmResourceId, type ArmResourceKind } from './armResourceId';
import { armPath, type AzureStepDryRun } from './armRequestDescription';
import { rollbackIdentity, type AzureRoleRequirement, type StepIdentity } from './azureStepDefinition';
import { lastName } from './armResourceId';

/** The api-version @azure/arm-appservice (pinned in package.json) sends. */
export const APP_SERVICE_API_VERSION = '2025-03-01';
export const APP_SERVICE_ACTIONS = ['start', 'stop', 'scale'] as const;
export type AppServiceAction = (typeof APP_SERVICE_ACTIONS)[number];

export const WEB_APP_KIND: ArmResourceKind = {
  namespace: 'Microsoft.Web',
  types: ['sites'],
  label: 'a web app',
};
export const APP_SERVICE_PLAN_KIND: ArmResourceKind = {
  namespace: 'Microsoft.Web',
  types: ['serverfarms'],
  label: 'an App Service plan',
};

export const appServiceShape = {
  resource: z
    .string()
    .trim()
    .describe(
      'A web app (/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Web/sites/{name}) to start or stop, or an App Service plan (…/Microsoft.Web/serverfarms/{name}) to scale.',
    ),
  action: z.enum(APP_SERVICE_ACTIONS).describe('start or stop a web app; scale a plan to `instances`.'),
  instances: z.int().min(1).max(100).optional().describe("With scale: the plan's instance count."),
};

export interface AppServiceFields {
  readonly resource: string;
  readonly action: AppServiceAction;
  readonly instances?: number | undefined;
}

export function checkAppService(step: AppServiceFields, issue: (message: string, path: string) => void) {
  const id = parseArmResourceId(step.resource);
  const wanted = step.action === 'scale' ? APP_SERVICE_PLAN_KIND : WEB_APP_KIND;
  if (id === undefined || !matchesKind(id, wanted)) {
    issue(
      step.action === 'scale'
        ? 'scale acts on an App Service plan: …/providers/Microsoft.Web/serverfarms/{name}'
        : `${step.action} acts on a web app: …/providers/Microsoft.Web/sites/{name}`,
      'resource',
    );
  }
  if ((step.action === 'scale') !== (step.instances !== undefined)) {
    issue(
      step.action === 'scale' ? 'scale needs instances' : `instances belongs to scale, not ${step.action}`,
      'instances',
    );
  }
}

export const APP_SERVICE_ROLE: AzureRoleRequirement = {
  role: 'Website Contributor (start / stop a web app) or Web Plan Contributor (scale a plan)',
  actions: [
    'Microsoft.Web/sites/read',
    'Microsoft.Web/sites/start/action',
    'Microsoft.Web/sites/stop/action',
    'Microsoft.Web/serverfarms/read',
    'Microsoft.Web/serverfarms/write',
  ],
};

export function appServiceDryRun(step: AppServiceFields): AzureStepDryRun {
  const name = lastName(checkedId(step.resource).id);
  if (step.action === 'scale') {
    return {
      summary: `Scale App Service plan ${name} to ${step.instances ?? 0} instance(s) (long-running: polled until done)`,
      requests: [
        { method: 'GET', path: armPath(step.resource, APP_SERVICE_API_VERSION) },
        {
          method: 'PUT',
          path: armPath(step.resource, APP_SERVICE_API_VERSION),
          body: { sku: { capacity: step.instances } },
          note: 'the plan as read, with sku.capacity changed',
        },
      ],
    };
  }
  return {
    summary: `${step.action === 'start' ? 'Start' : 'Stop'} web app ${name}`,
    requests: [
      { method: 'GET', path: armPath(step.resource, APP_SERVICE_API_VERSION) },
      { method: 'POST', path: armPath(`${step.resource}/${step.action}`, APP_SERVICE_API_VERSION) },
    ],
  };
}

/** start ↔ stop; scaling has no default (the instance count it replaced is not in the step). */
export function appServiceRollback<S extends AppServiceFields & StepIdentity>(step: S): S | undefined {
  if (step.action === 'scale') return undefined;
  return { ...step, ...rollbackIdentity(step), action: step.action === 'start' ? 'stop' : 'start' };
}
