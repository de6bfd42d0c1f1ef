// `azure.arm`: any Azure Resource Manager request, for what the typed steps do not cover; long-running
// operations are polled until done. Idempotent when it says what state makes the request unnecessary.
import { z } from 'zod';
import { anyArmPathSchema } from './armResourceId';
import { armPath, type ArmMethod, type AzureStepDryRun } from './armRequestDescription';
import type { AzureRoleRequirement } from './azureStepDefinition';

export const ARM_METHODS = ['GET', 'PUT', 'PATCH', 'POST', 'DELETE'] as const satisfies readonly ArmMethod[];

export const armRequestShape = {
  resource: anyArmPathSchema.describe(
    'The path of the request: a resource id, with an action after it for POST (…/sites/app1/restart).',
  ),
  apiVersion: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'an api-version like 2024-03-01 or 2024-03-01-preview')
    .describe("The resource provider's api-version."),
  method: z.enum(ARM_METHODS).describe('GET, PUT, PATCH, POST or DELETE.'),
  body: z.record(z.string(), z.unknown()).optional().describe('JSON body (PUT, PATCH, POST).'),
  alreadyWhen: z
    .object({
      resource: anyArmPathSchema.optional().describe('What to read (default: `resource`).'),
      matches: z
        .record(z.string(), z.unknown())
        .describe('A JSON subset: when the resource read contains it, nothing is sent.'),
    })
    .optional()
    .describe('Makes the step idempotent: read first and skip the request when the wanted state is there.'),
};

export interface ArmRequestFields {
  readonly resource: string;
  readonly apiVersion: string;
  readonly method: (typeof ARM_METHODS)[number];
  readonly body?: Readonly<Record<string, unknown>> | undefined;
  readonly alreadyWhen?:
    | { readonly resource?: string | undefined; readonly matches: Readonly<Record<string, unknown>> }
    | undefined;
}

export function checkArmRequest(step: ArmRequestFields, issue: (message: string, path: string) => void) {
  if (step.body !== undefined && (step.method === 'GET' || step.method === 'DELETE')) {
    issue(`A ${step.method} request has no body`, 'body');
  }
}

export const ARM_REQUEST_ROLE: AzureRoleRequirement = {
  role: 'a role that allows the request (the error names the action and scope)',
  actions: [],
};

/** Whether `actual` holds every field of `subset` with the same value (arrays compare whole). */
export function containsSubset(actual: unknown, subset: unknown): boolean {
  if (subset !== null && typeof subset === 'object' && !Array.isArray(subset)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(subset as Record<string, unknown>).every(([key, value]) =>
      containsSubset(record[key], value),
    );
  }
  return JSON.stringify(actual) === JSON.stringify(subset);
}

export function armRequestDryRun(step: ArmRequestFields): AzureStepDryRun {
  const read =
    step.alreadyWhen === undefined
      ? []
      : [
          {
            method: 'GET' as const,
            path: armPath(step.alreadyWhen.resource ?? step.resource, step.apiVersion),
          },
        ];
  return {
    summary: `${step.method} ${step.resource}${step.alreadyWhen ? ' unless the resource already matches' : ''} (long-running operations polled until done)`,
    requests: [
      ...read,
      {
        method: step.method,
        path: armPath(step.resource, step.apiVersion),
        ...(step.body === undefined ? {} : { body: step.body }),
      },
    ],
  };
}

/** No default: the previous state of an arbitrary resource is not in the step. */
export function armRequestRollback(): undefined {
  return undefined;
}
