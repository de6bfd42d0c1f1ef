// `azure.trafficManager.endpoint`: enable, disable or re-prioritise / re-weight one Traffic Manager endpoint.
import { z } from 'zod';
import { armResourceIdSchema, lastName, type ArmResourceKind } from './armResourceId';
import { armPath, type AzureStepDryRun } from './armRequestDescription';
import { rollbackIdentity, type AzureRoleRequirement, type StepIdentity } from './azureStepDefinition';

/** The api-version @azure/arm-trafficmanager (pinned in package.json) sends. */
export const TRAFFIC_MANAGER_API_VERSION = '2022-04-01';
export const ENDPOINT_STATES = ['Enabled', 'Disabled'] as const;

export const TRAFFIC_MANAGER_ENDPOINT_KIND: ArmResourceKind = {
  namespace: 'Microsoft.Network',
  types: ['trafficManagerProfiles', ['azureEndpoints', 'externalEndpoints', 'nestedEndpoints']],
  label: 'a Traffic Manager endpoint',
};

export const trafficManagerEndpointShape = {
  endpoint: armResourceIdSchema(TRAFFIC_MANAGER_ENDPOINT_KIND, 'The endpoint to change.'),
  status: z
    .enum(ENDPOINT_STATES)
    .optional()
    .describe('Enabled or Disabled: whether the profile routes to it.'),
  priority: z.int().min(1).max(1000).optional().describe('Priority routing: 1 is tried first.'),
  weight: z.int().min(1).max(1000).optional().describe('Weighted routing: the share of traffic.'),
};

export interface TrafficManagerEndpointFields {
  readonly endpoint: string;
  readonly status?: (typeof ENDPOINT_STATES)[number] | undefined;
  readonly priority?: number | undefined;
  readonly weight?: number | undefined;
}

export function checkTrafficManagerEndpoint(
  step: TrafficManagerEndpointFields,
  issue: (message: string) => void,
) {
  if (step.status === undefined && step.priority === undefined && step.weight === undefined) {
    issue('Say what to change: status, priority or weight (at least one)');
  }
}

export const TRAFFIC_MANAGER_ENDPOINT_ROLE: AzureRoleRequirement = {
  role: 'Traffic Manager Contributor',
  actions: [
    'Microsoft.Network/trafficManagerProfiles/read',
    'Microsoft.Network/trafficManagerProfiles/{endpointType}/write',
  ],
};

/** The PATCH body: only the properties the step sets. */
export function trafficManagerEndpointPatch(step: TrafficManagerEndpointFields) {
  return {
    properties: {
      ...(step.status === undefined ? {} : { endpointStatus: step.status }),
      ...(step.priority === undefined ? {} : { priority: step.priority }),
      ...(step.weight === undefined ? {} : { weight: step.weight }),
    },
  };
}

export function trafficManagerEndpointDryRun(step: TrafficManagerEndpointFields): AzureStepDryRun {
  const changes = Object.entries(trafficManagerEndpointPatch(step).properties)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
  return {
    summary: `Set Traffic Manager endpoint ${lastName(step.endpoint)} to ${changes}`,
    requests: [
      { method: 'GET', path: armPath(step.endpoint, TRAFFIC_MANAGER_API_VERSION) },
      {
        method: 'PATCH',
        path: armPath(step.endpoint, TRAFFIC_MANAGER_API_VERSION),
        body: trafficManagerEndpointPatch(step),
      },
    ],
  };
}

/**
 * Undoing a status change is the opposite status. A new priority or weight has no default: the value it
 * replaced is not in the step (declare `rollback:` with the old one).
 */
export function trafficManagerEndpointRollback<S extends TrafficManagerEndpointFields & StepIdentity>(
  step: S,
): S | undefined {
  if (step.status === undefined || step.priority !== undefined || step.weight !== undefined) return undefined;
  return { ...step, ...rollbackIdentity(step), status: step.status === 'Enabled' ? 'Disabled' : 'Enabled' };
}
