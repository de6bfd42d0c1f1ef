// `azure.siteRecovery.recoveryPlan`: run an Azure Site Recovery recovery plan failover (test, planned or
// unplanned) and wait for its job.
import { z } from 'zod';
import { armResourceIdSchema, checkedId, nameOf, type ArmResourceKind } from './armResourceId';
import { armPath, type AzureStepDryRun } from './armRequestDescription';
import type { AzureRoleRequirement } from './azureStepDefinition';

/** The api-version @azure/arm-recoveryservices-siterecovery (pinned in package.json) sends. */
export const SITE_RECOVERY_API_VERSION = '2023-06-01';
export const RECOVERY_FAILOVER_KINDS = ['test', 'planned', 'unplanned'] as const;
export type RecoveryFailoverKind = (typeof RECOVERY_FAILOVER_KINDS)[number];
export const FAILOVER_DIRECTIONS = ['PrimaryToRecovery', 'RecoveryToPrimary'] as const;

export const RECOVERY_PLAN_KIND: ArmResourceKind = {
  namespace: 'Microsoft.RecoveryServices',
  types: ['vaults', 'replicationRecoveryPlans'],
  label: 'a Site Recovery recovery plan',
};

export const siteRecoveryRecoveryPlanShape = {
  recoveryPlan: armResourceIdSchema(RECOVERY_PLAN_KIND, 'The recovery plan.'),
  failover: z
    .enum(RECOVERY_FAILOVER_KINDS)
    .describe(
      'test (into an isolated network), planned (source shut down first, no data loss) or unplanned.',
    ),
  direction: z.enum(FAILOVER_DIRECTIONS).default('PrimaryToRecovery').describe('Default PrimaryToRecovery.'),
  testNetworkId: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('With test: the resource id of the virtual network the test failover uses.'),
  shutDownSource: z
    .boolean()
    .default(false)
    .describe(
      'With unplanned: try to shut the source machines down first (default false: the source is gone).',
    ),
};

export interface SiteRecoveryRecoveryPlanFields {
  readonly recoveryPlan: string;
  readonly failover: RecoveryFailoverKind;
  readonly direction: (typeof FAILOVER_DIRECTIONS)[number];
  readonly testNetworkId?: string | undefined;
  readonly shutDownSource: boolean;
}

export function checkSiteRecoveryRecoveryPlan(
  step: SiteRecoveryRecoveryPlanFields,
  issue: (message: string, path: string) => void,
) {
  if ((step.failover === 'test') !== (step.testNetworkId !== undefined)) {
    issue(
      step.failover === 'test'
        ? 'A test failover needs testNetworkId'
        : 'testNetworkId belongs to a test failover',
      'testNetworkId',
    );
  }
}

export const SITE_RECOVERY_ROLE: AzureRoleRequirement = {
  role: 'Site Recovery Operator',
  actions: [
    'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/read',
    'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/plannedFailover/action',
    'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/unplannedFailover/action',
    'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/testFailover/action',
  ],
};

/** The recovery plan operation, as ASR names it in `allowedOperations` and in its REST path. */
export const RECOVERY_OPERATIONS = {
  test: { path: 'testFailover', allowed: 'TestFailover', done: 'TestFailoverCleanup' },
  planned: { path: 'plannedFailover', allowed: 'PlannedFailover', done: 'Commit' },
  unplanned: { path: 'unplannedFailover', allowed: 'UnplannedFailover', done: 'Commit' },
} as const;

export function siteRecoveryFailoverBody(step: SiteRecoveryRecoveryPlanFields) {
  const properties =
    step.failover === 'test'
      ? { failoverDirection: step.direction, networkType: 'VmNetworkAsInput', networkId: step.testNetworkId }
      : step.failover === 'unplanned'
        ? {
            failoverDirection: step.direction,
            sourceSiteOperations: step.shutDownSource ? 'Required' : 'NotRequired',
          }
        : { failoverDirection: step.direction };
  return { properties };
}

export function siteRecoveryRecoveryPlanDryRun(step: SiteRecoveryRecoveryPlanFields): AzureStepDryRun {
  const id = checkedId(step.recoveryPlan);
  return {
    summary: `Run a ${step.failover} failover (${step.direction}) of recovery plan ${nameOf(id, 'replicationRecoveryPlans')} in vault ${nameOf(id, 'vaults')} and wait for its job`,
    requests: [
      { method: 'GET', path: armPath(step.recoveryPlan, SITE_RECOVERY_API_VERSION) },
      {
        method: 'POST',
        path: armPath(
          `${step.recoveryPlan}/${RECOVERY_OPERATIONS[step.failover].path}`,
          SITE_RECOVERY_API_VERSION,
        ),
        body: siteRecoveryFailoverBody(step),
      },
    ],
  };
}

/**
 * No default: after a failover ASR needs commit and re-protect before it can fail back, which is a
 * runbook of its own (the failback runbook), not the reverse of one call.
 */
export function siteRecoveryRecoveryPlanRollback(): undefined {
  return undefined;
}
