// `azure.sql.failoverGroup`: make the named server the primary of an Azure SQL failover group. Planned
// (no data loss) unless the step says `allowDataLoss: true` in so many words.
import { z } from 'zod';
import { armResourceIdSchema, checkedId, nameOf, type ArmResourceKind } from './armResourceId';
import { armPath, type AzureStepDryRun } from './armRequestDescription';
import type { AzureRoleRequirement } from './azureStepDefinition';

/** The api-version @azure/arm-sql (pinned in package.json) sends for failover groups. */
export const SQL_FAILOVER_GROUP_API_VERSION = '2020-11-01-preview';

export const SQL_FAILOVER_GROUP_KIND: ArmResourceKind = {
  namespace: 'Microsoft.Sql',
  types: ['servers', 'failoverGroups'],
  label: 'an Azure SQL failover group on the server that is to become primary',
};

export const sqlFailoverGroupShape = {
  failoverGroup: armResourceIdSchema(
    SQL_FAILOVER_GROUP_KIND,
    'The failover group as seen from the server that is to become primary (today its secondary).',
  ),
  allowDataLoss: z
    .literal(true)
    .optional()
    .describe(
      'Forced failover that may lose the writes not yet replicated. Only when the primary is gone; leave out for a planned failover (default).',
    ),
};

export interface SqlFailoverGroupFields {
  readonly failoverGroup: string;
  readonly allowDataLoss?: true | undefined;
}

export const SQL_FAILOVER_GROUP_ROLE: AzureRoleRequirement = {
  role: 'SQL Server Contributor',
  actions: [
    'Microsoft.Sql/servers/failoverGroups/read',
    'Microsoft.Sql/servers/failoverGroups/failover/action',
    'Microsoft.Sql/servers/failoverGroups/forceFailoverAllowDataLoss/action',
  ],
};

export function sqlFailoverAction(step: SqlFailoverGroupFields): 'failover' | 'forceFailoverAllowDataLoss' {
  return step.allowDataLoss === true ? 'forceFailoverAllowDataLoss' : 'failover';
}

export function sqlFailoverGroupDryRun(step: SqlFailoverGroupFields): AzureStepDryRun {
  const id = checkedId(step.failoverGroup);
  const how =
    step.allowDataLoss === true ? 'forced failover ALLOWING DATA LOSS' : 'planned failover (no data loss)';
  return {
    summary: `Make server ${nameOf(id, 'servers')} primary of failover group ${nameOf(id, 'failoverGroups')}: ${how}`,
    requests: [
      { method: 'GET', path: armPath(step.failoverGroup, SQL_FAILOVER_GROUP_API_VERSION) },
      {
        method: 'POST',
        path: armPath(`${step.failoverGroup}/${sqlFailoverAction(step)}`, SQL_FAILOVER_GROUP_API_VERSION),
      },
    ],
  };
}

/**
 * No default: failing back is a failover on the partner server, whose id is in the failover group (read at
 * run time), not in the step. Declare `rollback:` with the partner's failover group id.
 */
export function sqlFailoverGroupRollback(): undefined {
  return undefined;
}
