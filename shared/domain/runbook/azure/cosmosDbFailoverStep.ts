// `azure.cosmosdb.failover`: move the write region of a Cosmos DB account (a failover priority change).
import { z } from 'zod';
import { armResourceIdSchema, type ArmResourceKind } from './armResourceId';
import { armPath, type AzureStepDryRun } from './armRequestDescription';
import type { AzureRoleRequirement } from './azureStepDefinition';
import { lastName } from './armResourceId';

/** The api-version @azure/arm-cosmosdb (pinned in package.json) sends. */
export const COSMOS_DB_API_VERSION = '2025-10-15';

export const COSMOS_DB_ACCOUNT_KIND: ArmResourceKind = {
  namespace: 'Microsoft.DocumentDB',
  types: ['databaseAccounts'],
  label: 'a Cosmos DB account',
};

const region = z.string().trim().min(1).max(64);

export const cosmosDbFailoverShape = {
  account: armResourceIdSchema(COSMOS_DB_ACCOUNT_KIND, 'The Cosmos DB account.'),
  writeRegion: region.describe(
    'The region to write to after the step, e.g. "West US 3" (one of the account\'s regions).',
  ),
  failoverPriorities: z
    .array(region)
    .min(2)
    .max(32)
    .optional()
    .describe(
      'Every region of the account in the wanted order, write region first. Default: the write region first, the others in their current order.',
    ),
};

export interface CosmosDbFailoverFields {
  readonly account: string;
  readonly writeRegion: string;
  readonly failoverPriorities?: readonly string[] | undefined;
}

export function checkCosmosDbFailover(
  step: CosmosDbFailoverFields,
  issue: (message: string, path: string) => void,
) {
  const order = step.failoverPriorities;
  if (order === undefined) return;
  if (regionKey(order[0] ?? '') !== regionKey(step.writeRegion)) {
    issue(`failoverPriorities must start with the write region ${step.writeRegion}`, 'failoverPriorities');
  }
  if (new Set(order.map(regionKey)).size !== order.length) {
    issue('failoverPriorities names a region twice', 'failoverPriorities');
  }
}

/** ARM answers "West US 3"; authors write "westus3" as often: both name the same region. */
export function regionKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** The wanted order, given the account's regions in their current order (write region first). */
export function cosmosDbWantedOrder(step: CosmosDbFailoverFields, current: readonly string[]): string[] {
  if (step.failoverPriorities !== undefined) return [...step.failoverPriorities];
  const write = current.find((name) => regionKey(name) === regionKey(step.writeRegion)) ?? step.writeRegion;
  return [write, ...current.filter((name) => regionKey(name) !== regionKey(step.writeRegion))];
}

export function cosmosDbFailoverBody(order: readonly string[]) {
  return {
    failoverPolicies: order.map((locationName, failoverPriority) => ({ locationName, failoverPriority })),
  };
}

export const COSMOS_DB_FAILOVER_ROLE: AzureRoleRequirement = {
  role: 'DocumentDB Account Contributor',
  actions: [
    'Microsoft.DocumentDB/databaseAccounts/read',
    'Microsoft.DocumentDB/databaseAccounts/failoverPriorityChange/action',
  ],
};

export function cosmosDbFailoverDryRun(step: CosmosDbFailoverFields): AzureStepDryRun {
  return {
    summary: `Make ${step.writeRegion} the write region of Cosmos DB account ${lastName(step.account)} (long-running: polled until done)`,
    requests: [
      { method: 'GET', path: armPath(step.account, COSMOS_DB_API_VERSION) },
      {
        method: 'POST',
        path: armPath(`${step.account}/failoverPriorityChange`, COSMOS_DB_API_VERSION),
        body: cosmosDbFailoverBody(step.failoverPriorities ?? [step.writeRegion]),
        ...(step.failoverPriorities === undefined
          ? { note: "the account's other regions follow the write region, in their current order" }
          : {}),
      },
    ],
  };
}

/**
 * No default: the region that was writing before is read at run time, not written in the step. Declare
 * `rollback:` with `writeRegion` set to the primary region.
 */
export function cosmosDbFailoverRollback(): undefined {
  return undefined;
}
