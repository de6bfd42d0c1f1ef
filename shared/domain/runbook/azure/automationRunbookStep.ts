// `azure.automation.runbook`: start an Azure Automation runbook job with parameters and wait for it to end.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { armResourceIdSchema, checkedId, nameOf, type ArmResourceKind } from './armResourceId';
import { armPath, type AzureStepDryRun } from './armRequestDescription';
import type { AzureRoleRequirement } from './azureStepDefinition';

/** The Automation REST api-version the executor sends (jobs: create, get). */
export const AUTOMATION_API_VERSION = '2023-11-01';
/** Job statuses after which a job does nothing more. */
export const AUTOMATION_JOB_END_STATES = ['Completed', 'Failed', 'Stopped', 'Suspended'] as const;

export const AUTOMATION_ACCOUNT_KIND: ArmResourceKind = {
  namespace: 'Microsoft.Automation',
  types: ['automationAccounts'],
  label: 'an Automation account',
};

const parameterName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'a PowerShell / Python parameter name');

export const automationRunbookShape = {
  automationAccount: armResourceIdSchema(
    AUTOMATION_ACCOUNT_KIND,
    'The Automation account that holds the runbook.',
  ),
  runbook: z.string().trim().min(1).max(63).describe("The runbook's name in the account."),
  parameters: z
    .record(parameterName, z.string().max(4096))
    .optional()
    .describe(
      'Runbook parameters by name (strings; no secrets: use Automation credentials or Key Vault in the runbook).',
    ),
  runOn: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .optional()
    .describe('A Hybrid Runbook Worker group; default: Azure.'),
};

export interface AutomationRunbookFields {
  readonly automationAccount: string;
  readonly runbook: string;
  readonly parameters?: Readonly<Record<string, string>> | undefined;
  readonly runOn?: string | undefined;
}

export const AUTOMATION_RUNBOOK_ROLE: AzureRoleRequirement = {
  role: 'Automation Job Operator',
  actions: [
    'Microsoft.Automation/automationAccounts/jobs/write',
    'Microsoft.Automation/automationAccounts/jobs/read',
  ],
};

export function automationJobBody(step: AutomationRunbookFields) {
  return {
    properties: {
      runbook: { name: step.runbook },
      ...(step.parameters === undefined ? {} : { parameters: step.parameters }),
      ...(step.runOn === undefined ? {} : { runOn: step.runOn }),
    },
  };
}

/** The job's name: a GUID from the step round's idempotency key, so a repeat finds the job it started. */
export function automationJobName(idempotencyKey: string): string {
  const hex = createHash('sha256').update(idempotencyKey).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The job's path: one job per step round, so a repeat finds the job it started instead of starting another. */
export function automationJobPath(step: AutomationRunbookFields, jobName: string): string {
  return `${step.automationAccount}/jobs/${jobName}`;
}

export function automationRunbookDryRun(step: AutomationRunbookFields, jobName = '{job}'): AzureStepDryRun {
  const path = armPath(automationJobPath(step, jobName), AUTOMATION_API_VERSION);
  const note =
    jobName === '{job}' ? "the job name is a GUID derived from the step's idempotency key" : undefined;
  return {
    summary: `Start runbook ${step.runbook} in Automation account ${nameOf(checkedId(step.automationAccount), 'automationAccounts')} and wait for the job to end`,
    requests: [
      { method: 'GET', path, ...(note ? { note } : {}) },
      { method: 'PUT', path, body: automationJobBody(step) },
      { method: 'GET', path, note: 'repeated until the job ends' },
    ],
  };
}

/** No default: what a runbook did is its own; declare `rollback:` with the runbook that undoes it. */
export function automationRunbookRollback(): undefined {
  return undefined;
}
