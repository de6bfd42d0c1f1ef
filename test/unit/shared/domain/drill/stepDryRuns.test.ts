// What a dry-run records of each step type: the request it would send with every secret masked, the
// instructions, and how long the step is expected to take.
import { longestWithRetries } from '../../../../../shared/domain/drill/dryRun/longestWithRetries';
import { describeDryRun, STEP_DRY_RUNS } from '../../../../../shared/domain/drill/dryRun/stepDryRuns';
import { LEAF_STEP_TYPES, leafStepSchema } from '../../../../../shared/domain/runbook/runbookStepSchema';

const context = {
  idempotencyKey: 'lifeboat:drill-orders-api-20261122-030000:the-step',
  healthChecks: {
    primary: [],
    secondary: [
      { name: 'web', url: 'https://orders-neu.example.com/health', expectStatus: 200, consecutivePasses: 3 },
      { name: 'api', url: 'https://api-neu.example.com/health', expectStatus: 200, consecutivePasses: 3 },
    ],
  },
};
const step = (input: Record<string, unknown>) =>
  leafStepSchema.parse({ id: 'the-step', name: 'The step', ...input });

describe('dry-run descriptions', () => {
  it('has one for every step type', () => {
    expect(Object.keys(STEP_DRY_RUNS).sort()).toEqual([...LEAF_STEP_TYPES].sort());
  });

  it('shows an http request as it would go out, every secret by its app setting and never its value', () => {
    const described = describeDryRun(
      step({
        type: 'http',
        instructions: 'Check the portal.',
        retry: { preset: 'standard', maxAttempts: 3, firstInterval: '10s' },
        timeout: '20s',
        request: {
          method: 'PUT',
          url: { secret: 'FAILOVER_WEBHOOK_URL' },
          headers: { Authorization: { secret: 'AUTOMATION_TOKEN' }, 'X-Region': 'northeurope' },
          body: {
            account: 'cosmos-orders',
            key: { secret: 'ACCOUNT_KEY' },
            regions: [{ secret: 'REGION_LIST' }],
          },
        },
      }),
      context,
    );
    expect(described).toEqual({
      summary: 'would PUT ***(app setting FAILOVER_WEBHOOK_URL) (3 attempt(s) at most, 20s each)',
      requests: [
        {
          method: 'PUT',
          url: '***(app setting FAILOVER_WEBHOOK_URL)',
          headers: {
            Authorization: '***(app setting AUTOMATION_TOKEN)',
            'X-Region': 'northeurope',
            'Idempotency-Key': context.idempotencyKey,
          },
          body: {
            account: 'cosmos-orders',
            key: '***(app setting ACCOUNT_KEY)',
            regions: ['***(app setting REGION_LIST)'],
          },
        },
      ],
      instructions: 'Check the portal.',
      // Three attempts of 20s, and the backoffs of 10s and 20s between them.
      expectedSeconds: { min: 0, max: 90 },
    });
  });

  it('says what an operator would be asked, how long a wait takes and what a health check would probe', () => {
    expect(
      describeDryRun(step({ type: 'manual', instructions: 'Place a test order.', timeout: '10m' }), context),
    ).toEqual({
      summary: 'would ask an operator to confirm "The step" within 10m',
      requests: [],
      instructions: 'Place a test order.',
      expectedSeconds: { min: 0, max: 600 },
    });
    expect(describeDryRun(step({ type: 'wait', duration: '2m' }), context)).toMatchObject({
      summary: 'would wait 2m',
      expectedSeconds: { min: 120, max: 120 },
    });
    expect(
      describeDryRun(
        step({
          type: 'healthCheck',
          target: 'secondary',
          consecutivePasses: 3,
          interval: '10s',
          deadline: '5m',
        }),
        context,
      ),
    ).toEqual({
      summary: 'would probe the secondary health checks until 3 pass(es) in a row, every 10s, for up to 5m',
      requests: [
        { method: 'GET', url: 'https://orders-neu.example.com/health', headers: {} },
        { method: 'GET', url: 'https://api-neu.example.com/health', headers: {} },
      ],
      expectedSeconds: { min: 20, max: 300 },
    });
  });

  it('adds up the longest run of a retried step: every attempt timing out and each backoff', () => {
    const retry = {
      preset: 'patient' as const,
      maxAttempts: 4,
      firstIntervalSeconds: 30,
      backoffCoefficient: 2,
      maxIntervalSeconds: 60,
    };
    expect(longestWithRetries(120, retry)).toBe(4 * 120 + 30 + 60 + 60);
    expect(longestWithRetries(30, { ...retry, maxAttempts: 1 })).toBe(30);
  });

  it('shows an Azure step as the Resource Manager requests it would send, with the identity token named, not sent', () => {
    const failoverGroup =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-pay/providers/Microsoft.Sql/servers/sql-b/failoverGroups/fg-pay';
    const described = describeDryRun(
      step({ type: 'azure.sql.failoverGroup', failoverGroup, instructions: 'Watch the portal.' }),
      context,
    );
    expect(described).toEqual({
      summary: expect.stringMatching(/^would /),
      requests: [
        {
          method: 'GET',
          url: `https://management.azure.com${failoverGroup}?api-version=2020-11-01-preview`,
          headers: { Authorization: "Bearer <a token of the app's managed identity>" },
        },
        {
          method: 'POST',
          url: `https://management.azure.com${failoverGroup}/failover?api-version=2020-11-01-preview`,
          headers: { Authorization: "Bearer <a token of the app's managed identity>" },
        },
      ],
      instructions: 'Watch the portal.',
      expectedSeconds: { min: 0, max: expect.any(Number) },
    });
    expect(described.expectedSeconds.max).toBeGreaterThanOrEqual(300);
  });
});
