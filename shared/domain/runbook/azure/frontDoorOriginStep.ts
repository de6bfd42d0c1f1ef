// `azure.frontDoor.origin`: enable, disable or re-weight an origin of an Azure Front Door (Standard /
// Premium) origin group.
import { z } from 'zod';
import { armResourceIdSchema, type ArmResourceKind } from './armResourceId';
import { armPath, type AzureStepDryRun } from './armRequestDescription';
import { rollbackIdentity, type AzureRoleRequirement, type StepIdentity } from './azureStepDefinition';
import { lastName } from './armResourceId';

/** The api-version @azure/arm-cdn (pinned in package.json) sends. */
export const FRONT_DOOR_API_VERSION = '2024-02-01';
export const ORIGIN_STATES = ['Enabled', 'Disabled'] as const;

export const FRONT_DOOR_ORIGIN_KIND: ArmResourceKind = {
  namespace: 'Microsoft.Cdn',
  types: ['profiles', 'originGroups', 'origins'],
  label: 'a Front Door (Standard/Premium) origin',
};

export const frontDoorOriginShape = {
  origin: armResourceIdSchema(FRONT_DOOR_ORIGIN_KIND, 'The origin to change.'),
  enabledState: z
    .enum(ORIGIN_STATES)
    .optional()
    .describe('Enabled or Disabled: whether Front Door sends it traffic.'),
  priority: z.int().min(1).max(5).optional().describe('1 is used first; higher numbers are fallbacks.'),
  weight: z
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe('Share of traffic among origins of the same priority.'),
};

export interface FrontDoorOriginFields {
  readonly origin: string;
  readonly enabledState?: (typeof ORIGIN_STATES)[number] | undefined;
  readonly priority?: number | undefined;
  readonly weight?: number | undefined;
}

export function checkFrontDoorOrigin(step: FrontDoorOriginFields, issue: (message: string) => void) {
  if (step.enabledState === undefined && step.priority === undefined && step.weight === undefined) {
    issue('Say what to change: enabledState, priority or weight (at least one)');
  }
}

export const FRONT_DOOR_ORIGIN_ROLE: AzureRoleRequirement = {
  role: 'CDN Profile Contributor',
  actions: [
    'Microsoft.Cdn/profiles/originGroups/origins/read',
    'Microsoft.Cdn/profiles/originGroups/origins/write',
  ],
};

export function frontDoorOriginPatch(step: FrontDoorOriginFields) {
  return {
    properties: {
      ...(step.enabledState === undefined ? {} : { enabledState: step.enabledState }),
      ...(step.priority === undefined ? {} : { priority: step.priority }),
      ...(step.weight === undefined ? {} : { weight: step.weight }),
    },
  };
}

export function frontDoorOriginDryRun(step: FrontDoorOriginFields): AzureStepDryRun {
  const changes = Object.entries(frontDoorOriginPatch(step).properties)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
  return {
    summary: `Set Front Door origin ${lastName(step.origin)} to ${changes} (long-running: polled until done)`,
    requests: [
      { method: 'GET', path: armPath(step.origin, FRONT_DOOR_API_VERSION) },
      {
        method: 'PATCH',
        path: armPath(step.origin, FRONT_DOOR_API_VERSION),
        body: frontDoorOriginPatch(step),
      },
    ],
  };
}

/** The opposite enabled state; a new priority or weight has no default (the old value is not in the step). */
export function frontDoorOriginRollback<S extends FrontDoorOriginFields & StepIdentity>(
  step: S,
): S | undefined {
  if (step.enabledState === undefined || step.priority !== undefined || step.weight !== undefined)
    return undefined;
  return {
    ...step,
    ...rollbackIdentity(step),
    enabledState: step.enabledState === 'Enabled' ? 'Disabled' : 'Enabled',
  };
}
