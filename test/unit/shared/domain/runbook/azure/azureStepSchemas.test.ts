// The Azure step types in the catalog schema: what parses, what is refused with a message that says what to
// write, the dry-run descriptions and the rollback defaults.
import {
  azureStepDryRun,
  azureStepRollback,
} from '../../../../../../shared/domain/runbook/azure/azureStepPlans';
import { leafStepSchema, type AzureStep } from '../../../../../../shared/domain/runbook/runbookStepSchema';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-pay/providers';
const SQL = `${SUB}/Microsoft.Sql/servers/sql-b/failoverGroups/fg-pay`;
const TM = `${SUB}/Microsoft.Network/trafficManagerProfiles/tm/externalEndpoints/east`;
const SITE = `${SUB}/Microsoft.Web/sites/app-b`;

const parse = (input: Record<string, unknown>) =>
  leafStepSchema.safeParse({ id: 'the-step', name: 'The step', ...input });
const step = (input: Record<string, unknown>) =>
  leafStepSchema.parse({ id: 'the-step', name: 'The step', ...input }) as AzureStep;
const messages = (input: Record<string, unknown>) => {
  const result = parse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('Azure step schemas', () => {
  it("fills the common defaults per type and keeps the type's own fields flat", () => {
    expect(step({ type: 'azure.sql.failoverGroup', failoverGroup: SQL })).toEqual({
      id: 'the-step',
      name: 'The step',
      type: 'azure.sql.failoverGroup',
      timeoutSeconds: 300,
      retry: expect.objectContaining({ preset: 'patient' }) as unknown,
      onFailure: 'pause',
      failoverGroup: SQL,
    });
  });

  it('refuses a resource id of another kind, saying which form it expects', () => {
    expect(messages({ type: 'azure.sql.failoverGroup', failoverGroup: SITE })).toEqual([
      'failoverGroup: Expected the resource id of an Azure SQL failover group on the server that is to become primary: /subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Sql/servers/{name}/failoverGroups/{name}',
    ]);
  });

  it('allows data loss only when the step says true in so many words', () => {
    expect(
      messages({ type: 'azure.sql.failoverGroup', failoverGroup: SQL, allowDataLoss: false })[0],
    ).toMatch(/^allowDataLoss: /);
    expect(
      messages({ type: 'azure.sql.failoverGroup', failoverGroup: SQL, allowDataLoss: 'yes' })[0],
    ).toMatch(/^allowDataLoss: /);
    expect(
      azureStepDryRun(step({ type: 'azure.sql.failoverGroup', failoverGroup: SQL })).requests[1]?.path,
    ).toBe(`${SQL}/failover?api-version=2020-11-01-preview`);
    expect(
      azureStepDryRun(step({ type: 'azure.sql.failoverGroup', failoverGroup: SQL, allowDataLoss: true }))
        .summary,
    ).toContain('ALLOWING DATA LOSS');
  });

  it('refuses a step that would change nothing, and rules that span fields', () => {
    expect(messages({ type: 'azure.trafficManager.endpoint', endpoint: TM })).toEqual([
      ': Say what to change: status, priority or weight (at least one)',
    ]);
    expect(messages({ type: 'azure.appService', resource: SITE, action: 'scale', instances: 2 })).toEqual([
      'resource: scale acts on an App Service plan: …/providers/Microsoft.Web/serverfarms/{name}',
    ]);
    expect(
      messages({
        type: 'azure.siteRecovery.recoveryPlan',
        recoveryPlan: `${SUB}/Microsoft.RecoveryServices/vaults/v/replicationRecoveryPlans/p`,
        failover: 'test',
      }),
    ).toEqual(['testNetworkId: A test failover needs testNetworkId']);
    expect(
      messages({
        type: 'azure.cosmosdb.failover',
        account: `${SUB}/Microsoft.DocumentDB/databaseAccounts/c`,
        writeRegion: 'West US',
        failoverPriorities: ['East US', 'West US'],
      }),
    ).toEqual(['failoverPriorities: failoverPriorities must start with the write region West US']);
    expect(
      messages({
        type: 'azure.arm',
        resource: SITE,
        apiVersion: '2024-04-01',
        method: 'GET',
        body: { a: 1 },
      }),
    ).toEqual(['body: A GET request has no body']);
  });

  it("keeps an attempt within the activity's time limit", () => {
    expect(
      messages({
        type: 'azure.trafficManager.endpoint',
        endpoint: TM,
        status: 'Disabled',
        timeout: '10m',
      })[0],
    ).toMatch(/^timeout: An Azure step's attempt must end within 540s/);
  });

  it('refuses fields the type does not have', () => {
    expect(messages({ type: 'azure.appService', resource: SITE, action: 'start', region: 'x' })[0]).toMatch(
      /region/,
    );
  });
});

describe('dry-run descriptions', () => {
  it('lists the read, then the change with its api-version and body', () => {
    expect(
      azureStepDryRun(
        step({ type: 'azure.trafficManager.endpoint', endpoint: TM, status: 'Disabled', weight: 5 }),
      ),
    ).toEqual({
      summary: 'Set Traffic Manager endpoint east to endpointStatus Disabled, weight 5',
      requests: [
        { method: 'GET', path: `${TM}?api-version=2022-04-01` },
        {
          method: 'PATCH',
          path: `${TM}?api-version=2022-04-01`,
          body: { properties: { endpointStatus: 'Disabled', weight: 5 } },
        },
      ],
    });
  });
});

describe('rollback defaults', () => {
  it('turns a status change back, under its own id', () => {
    const undo = azureStepRollback(
      step({ type: 'azure.trafficManager.endpoint', endpoint: TM, status: 'Disabled' }),
    );
    expect(undo).toMatchObject({
      id: 'undo-the-step',
      name: 'Undo: The step',
      status: 'Enabled',
      endpoint: TM,
    });
    expect(
      azureStepRollback(step({ type: 'azure.appService', resource: SITE, action: 'start' })),
    ).toMatchObject({ action: 'stop' });
    expect(
      azureStepRollback(
        step({
          type: 'azure.frontDoor.origin',
          origin: `${SUB}/Microsoft.Cdn/profiles/p/originGroups/g/origins/o`,
          enabledState: 'Enabled',
        }),
      ),
    ).toMatchObject({ enabledState: 'Disabled' });
  });

  it('has none where the step does not hold the state it replaced', () => {
    expect(
      azureStepRollback(step({ type: 'azure.trafficManager.endpoint', endpoint: TM, weight: 10 })),
    ).toBeUndefined();
    expect(azureStepRollback(step({ type: 'azure.sql.failoverGroup', failoverGroup: SQL }))).toBeUndefined();
  });

  it('parses again as a step of its type', () => {
    const undo = azureStepRollback(step({ type: 'azure.appService', resource: SITE, action: 'stop' }));
    expect(undo).toBeDefined();
    const { timeoutSeconds: _t, retry: _r, ...input } = undo as AzureStep;
    expect(parse(input).success).toBe(true);
  });
});
