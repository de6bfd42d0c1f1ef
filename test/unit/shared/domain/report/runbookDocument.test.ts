import path from 'node:path';
import { findWorkload } from '../../../../../shared/domain/catalog/Catalog';
import { loadCatalog } from '../../../../../shared/domain/catalog/loadCatalog';
import { renderRunbookMarkdown } from '../../../../../shared/domain/report/renderRunbookMarkdown';
import { buildRunbookDocument } from '../../../../../shared/domain/report/runbookDocument';
import { nonNullValue } from '../../../../../shared/nonNull';

const catalog = loadCatalog(path.join(__dirname, '../../../../../catalog'));
const workload = nonNullValue(findWorkload(catalog, 'orders-api'), 'orders-api');

describe('buildRunbookDocument (the sample orders-api catalog)', () => {
  const doc = buildRunbookDocument(workload, catalog);

  it('carries the contact matrix with the addresses needed to reach people by hand', () => {
    expect(doc.contacts.find((c) => c.role === 'approver')?.people).toEqual([
      { name: 'Alice Jansen', email: 'alice.jansen@example.com', teams: 'alice.jansen@example.com' },
      { name: 'Bram de Vries', email: 'bram.devries@example.com' },
    ]);
  });

  it('writes the activation criteria and the approval policy in words', () => {
    expect(doc.activateWhen).toEqual([
      { depth: 0, text: 'All of these (3):' },
      { depth: 1, text: 'Sev1 or worse' },
      { depth: 1, text: 'Any one of these (3):' },
      { depth: 2, text: 'At least 2 distinct resources within 10m' },
      { depth: 2, text: 'Service Health alert in the primary region' },
      { depth: 2, text: 'All primary probes failing 3 checks in a row' },
      { depth: 1, text: 'Sustained for 5m' },
    ]);
    expect(doc.approval[0]).toBe('Observe for 5m before asking (a blip resolves itself).');
    expect(doc.approval[1]).toMatch(/^Ask approver \(Alice Jansen, Bram de Vries\): 1 approval\(s\)/);
    expect(doc.approval).toContain('Failback always needs approval.');
  });

  it('gives every step with the exact request, naming secrets and never showing them', () => {
    const steps = nonNullValue(doc.runbooks[0], 'failover').steps;
    expect(steps.map((s) => s.id)).toEqual([
      'freeze-writes',
      'failover-cosmos',
      'wait-for-replication',
      'switch-traffic',
      'validate-secondary',
      'smoke-test',
    ]);
    const cosmos = nonNullValue(steps[1], 'step 2');
    expect(cosmos.action).toBe('POST http://127.0.0.1:7090/cosmos/failover, expecting 200 or 202');
    expect(cosmos.secrets).toEqual(['LIFEBOAT_DEMO_AUTOMATION_TOKEN']);
    expect(cosmos.command).toBe(
      [
        'curl -sS -X POST',
        '-H "Idempotency-Key: \\"lifeboat:${INCIDENT_ID}:failover-cosmos\\""',
        '-H "Authorization: $LIFEBOAT_DEMO_AUTOMATION_TOKEN"',
        "-H 'content-type: application/json'",
        `--data '{"account":"cosmos-orders","writeRegion":"northeurope"}'`,
        "'http://127.0.0.1:7090/cosmos/failover'",
      ].join(' \\\n  '),
    );
    expect(cosmos.limits).toMatch(/^Timeout 2m per attempt, up to 4 attempts/);
    expect(nonNullValue(steps[5], 'step 6').instructions).toMatch(/Sign in and open \*\*My orders\*\*/);
    expect(doc.secrets).toEqual(['LIFEBOAT_DEMO_AUTOMATION_TOKEN']);
    expect(doc.healthChecks.map((h) => [h.region, h.check])).toEqual([
      [
        'primary (westeurope)',
        'GET http://127.0.0.1:7081/health answers 200 within 2000 ms 3 times in a row (give up after 5m)',
      ],
      [
        'secondary (northeurope)',
        'GET http://127.0.0.1:7082/health answers 200 within 2000 ms 3 times in a row (give up after 5m)',
      ],
    ]);
  });

  it('builds a body with secrets in double quotes so the shell fills them in (as JSON strings)', () => {
    const withSecretBody = {
      ...catalog,
      runbooks: catalog.runbooks.map((r) => ({
        ...r,
        steps: r.steps.map((s) =>
          s.type === 'http' && s.id === 'switch-traffic'
            ? {
                ...s,
                request: {
                  ...s.request,
                  body: { to: 'northeurope', token: { secret: 'TRAFFIC_TOKEN' } },
                  secretNames: ['TRAFFIC_TOKEN'],
                },
              }
            : s,
        ),
      })),
    };
    const step = nonNullValue(buildRunbookDocument(workload, withSecretBody).runbooks[0]?.steps[3], 'step 4');
    expect(step.command).toContain('--data "{\\"to\\":\\"northeurope\\",\\"token\\":\\"$TRAFFIC_TOKEN\\"}"');
  });

  it('lists a parallel group, then each branch step named after its branch, in the order to work through', () => {
    const failover = catalog.runbooks.findIndex((r) => r.id === 'orders-api-failover');
    const [freeze, failoverCosmos, ...rest] = catalog.runbooks[failover]?.steps ?? [];
    if (freeze?.type !== 'http' || failoverCosmos?.type !== 'http')
      throw new Error('unexpected sample runbook');
    const grouped = {
      ...catalog,
      runbooks: catalog.runbooks.map((r, i) =>
        i === failover
          ? {
              ...r,
              steps: [
                {
                  id: 'side-by-side',
                  name: 'Move data and traffic',
                  type: 'parallel' as const,
                  branches: [
                    { name: 'database', steps: [freeze] },
                    { name: 'cosmos', steps: [failoverCosmos] },
                  ],
                },
                ...rest,
              ],
            }
          : r,
      ),
    };
    const steps = nonNullValue(buildRunbookDocument(workload, grouped).runbooks[0], 'failover').steps;
    expect(steps.slice(0, 3).map((s) => [s.number, s.id, s.name])).toEqual([
      [1, 'side-by-side', 'Move data and traffic'],
      [2, 'freeze-writes', `[database] ${freeze.name}`],
      [3, 'failover-cosmos', `[cosmos] ${failoverCosmos.name}`],
    ]);
    expect(steps[0]?.action).toBe(
      'Run these 2 branches at the same time: database (freeze-writes); cosmos (failover-cosmos). The group ends when every branch has.',
    );
    expect(steps[1]?.command).toContain('Idempotency-Key');
  });

  it('renders Markdown that works as a checklist on paper', () => {
    const md = renderRunbookMarkdown(doc);
    expect(md).toContain('| approver | Alice Jansen | alice.jansen@example.com | alice.jansen@example.com |');
    expect(md).toContain('### 2. Fail over the Cosmos DB write region (`failover-cosmos`, http)');
    expect(md).toContain('- [ ] POST http://127.0.0.1:7090/cosmos/failover, expecting 200 or 202');
    expect(md).toContain('~~~sh\ncurl -sS -X POST');
    expect(md).toContain('- `LIFEBOAT_DEMO_AUTOMATION_TOKEN`');
    expect(md).not.toMatch(/Bearer /);
  });
});
