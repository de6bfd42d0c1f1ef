// A runbook of Azure steps through the local runtime, driven over HTTP as operators would, with the real
// @azure/arm-* SDKs talking to the ARM stand-in: a parallel group of a SQL failover group (a long-running
// operation) and an App Service start, a Front Door origin change, and a Traffic Manager endpoint whose first
// write is refused (403, naming the role): the runbook pauses, an operator retries, and it recovers. Under
// double execution every change still reaches the stand-in once: the repeat reads the wanted state.
// Also: the sample catalog's payments-api without an Azure credential fails with a reason that says so.
import { ManualClock } from '../../local/clock/Clock';
import { ArmStepExecutor } from '../../shared/adapters/arm/ArmStepExecutor';
import { ArmStandIn } from '../standins/arm/ArmStandIn';
import { TestCredential } from '../standins/arm/testCredential';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  operator: 'operator-key-0123456789abcdef',
  alice: 'alice-approver-key-0123456789',
};
const OPERATOR_KEYS = JSON.stringify([
  { key: KEYS.viewer, name: 'vera', roles: ['viewer'] },
  { key: KEYS.operator, name: 'oscar', roles: ['operator'] },
  { key: KEYS.alice, name: 'alice', roles: ['approver'] },
]);
const SUB = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-pay/providers';
const SQL = `${SUB}/Microsoft.Sql/servers/sql-west/failoverGroups/fg-pay`;
const SITE = `${SUB}/Microsoft.Web/sites/app-west`;
const ORIGIN = `${SUB}/Microsoft.Cdn/profiles/fd-pay/originGroups/app/origins/west`;
const ENDPOINT = `${SUB}/Microsoft.Network/trafficManagerProfiles/tm-pay/azureEndpoints/east`;

interface IncidentView {
  id: string;
  status: string;
  steps: { id: string; status: string; attempts: number }[];
  timeline: { type: string; message: string }[];
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}

function seed(standIn: ArmStandIn): void {
  standIn.put(SQL, { properties: { replicationRole: 'Secondary' } });
  standIn.onAction(/\/failoverGroups\/[^/]+\/failover$/, ({ resourcePath, standIn: s }) => {
    s.put(resourcePath, { properties: { replicationRole: 'Primary' } });
    return s.get(resourcePath);
  });
  standIn.makeLongRunning(/\/failoverGroups\/fg-pay\/failover$/, 3);
  standIn.put(SITE, { properties: { state: 'Stopped' } });
  standIn.onAction(/\/sites\/[^/]+\/start$/, ({ resourcePath, standIn: s }) => {
    s.put(resourcePath, { properties: { state: 'Running' } });
    return undefined;
  });
  standIn.put(ORIGIN, { properties: { enabledState: 'Disabled', priority: 2 } });
  standIn.makeLongRunning(/\/origins\/west$/, 2);
  standIn.put(ENDPOINT, { properties: { endpointStatus: 'Enabled', priority: 1 } });
}

describe.each([
  ['Azure steps', false],
  ['Azure steps under double execution', true],
])('%s', (_name, doubleExecution) => {
  let standIn: ArmStandIn;
  let app: Awaited<ReturnType<typeof startAppRuntime>>;

  beforeAll(async () => {
    standIn = await ArmStandIn.start();
    seed(standIn);
    // Each execution of the refused write meets the 403 (double execution runs the activity twice).
    standIn.fault('PATCH', /\/azureEndpoints\/east$/i, {
      status: 403,
      code: 'AuthorizationFailed',
      message: `The client 'lifeboat-mi' with object id 'abc' does not have authorization to perform action 'Microsoft.Network/trafficManagerProfiles/azureEndpoints/write' over scope '${ENDPOINT}' or the scope is invalid.`,
      times: doubleExecution ? 2 : 1,
    });
    const catalogDir = writeRunbookCatalog([
      {
        id: 'pay',
        steps: [
          {
            id: 'prepare',
            name: 'Database and app',
            type: 'parallel',
            branches: [
              {
                name: 'database',
                steps: [
                  { id: 'sql', name: 'SQL primary', type: 'azure.sql.failoverGroup', failoverGroup: SQL },
                ],
              },
              {
                name: 'app',
                steps: [
                  { id: 'app', name: 'Start app', type: 'azure.appService', resource: SITE, action: 'start' },
                ],
              },
            ],
          },
          {
            id: 'origin',
            name: 'Front Door to west',
            type: 'azure.frontDoor.origin',
            origin: ORIGIN,
            enabledState: 'Enabled',
            priority: 1,
          },
          {
            id: 'endpoint',
            name: 'Disable east',
            type: 'azure.trafficManager.endpoint',
            endpoint: ENDPOINT,
            status: 'Disabled',
            retry: 'none',
          },
        ],
      },
    ]);
    app = await startAppRuntime({
      catalogDir,
      doubleExecution,
      settings: { LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS },
      azureStepExecutor: new ArmStepExecutor({
        credential: new TestCredential(),
        endpoint: standIn.endpoint,
        credentialScope: 'https://management.azure.com/.default',
        tlsOptions: { ca: standIn.certificate },
        pollIntervalMs: 10,
      }),
    });
  });
  afterAll(async () => {
    await app.stop();
    await standIn.stop();
  });

  const call = (route: string, key: string, init: RequestInit = {}) =>
    fetch(app.api(route), {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
  const incident = async (id: string) =>
    (await (await call(`incidents/${id}`, KEYS.viewer)).json()) as IncidentView;
  const act = async (id: string, action: string, key: string, body?: unknown) => {
    const res = await call(`incidents/${id}/actions/${action}`, key, {
      method: 'POST',
      body: body === undefined ? '' : JSON.stringify(body),
    });
    await app.runtime.idle();
    return res;
  };
  const writes = (method: string, path: RegExp) =>
    standIn.requests.filter((r) => r.method === method && path.test(r.path));

  it('fails over through ARM, pauses on a 403 that names the role, and recovers after a retry', async () => {
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: `azure-alert-${doubleExecution ? 2 : 1}`,
          status: 'fired',
          severity: 'Sev0',
          summary: 'pay is down',
          firedAt: new Date().toISOString(),
          labels: { service: 'pay' },
        },
      ],
    });
    expect(res.status).toBe(202);
    await app.runtime.idle();
    const list = (await (await call('incidents?workload=pay', KEYS.viewer)).json()) as {
      items: { id: string; status: string }[];
    };
    const id = list.items.find((i) => i.status === 'awaiting-approval')?.id ?? '';
    expect((await act(id, 'approve', KEYS.alice)).status).toBe(202);

    const paused = await waitFor(
      () => incident(id),
      (i) => i.status === 'paused',
    );
    expect(paused.status).toBe('paused');
    expect(Object.fromEntries(paused.steps.map((s) => [s.id, s.status]))).toMatchObject({
      sql: 'succeeded',
      app: 'succeeded',
      origin: 'succeeded',
      endpoint: 'failed',
    });
    const refused = paused.timeline.find((t) => t.type === 'step-failed' && t.message.includes('endpoint'));
    expect(refused?.message).toContain('assign it Traffic Manager Contributor on that scope');
    expect(refused?.message).toContain(
      `may not perform Microsoft.Network/trafficManagerProfiles/azureEndpoints/write on ${ENDPOINT}`,
    );
    expect(standIn.get(SQL)?.properties).toEqual({ replicationRole: 'Primary' });
    expect(standIn.polls()).toBeGreaterThanOrEqual(5); // 3 + 2 InProgress polls, then each Succeeded

    expect(
      (await act(id, 'retry-step', KEYS.operator, { stepId: 'endpoint', comment: 'role granted' })).status,
    ).toBe(202);
    const done = await waitFor(
      () => incident(id),
      (i) => i.status === 'recovered',
    );
    expect(done.status).toBe('recovered');
    expect(standIn.get(ENDPOINT)?.properties).toMatchObject({ endpointStatus: 'Disabled', priority: 1 });
    expect(standIn.get(ORIGIN)?.properties).toMatchObject({ enabledState: 'Enabled', priority: 1 });
    expect(standIn.get(SITE)?.properties).toEqual({ state: 'Running' });

    // Each change reached Azure once: a repeated activity read the wanted state and sent nothing.
    expect(writes('POST', /\/fg-pay\/failover$/)).toHaveLength(1);
    expect(writes('POST', /\/app-west\/start$/)).toHaveLength(1);
    expect(writes('PATCH', /\/origins\/west$/)).toHaveLength(1);
    expect(writes('PATCH', /\/azureEndpoints\/east$/i)).toHaveLength(doubleExecution ? 3 : 2); // 403s + the one that worked
  });
});

describe('the sample catalog without an Azure credential', () => {
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  beforeAll(async () => {
    app = await startAppRuntime({ clock, settings: { LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS } });
  });
  afterAll(() => app.stop());

  it("prints the ARM requests of payments-api's Azure steps in its printable runbook", async () => {
    const res = await fetch(app.api('workloads/payments-api/runbook?format=md'), {
      headers: { authorization: `Bearer ${KEYS.viewer}` },
    });
    expect(res.status).toBe(200);
    const md = await res.text();
    expect(md).toContain(
      'Make server sql-payments-centralus primary of failover group fg-payments: planned failover (no data loss)',
    );
    expect(md).toContain(
      "az rest --method post --url '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-payments-centralus/providers/Microsoft.Sql/servers/sql-payments-centralus/failoverGroups/fg-payments/failover?api-version=2020-11-01-preview'",
    );
  });

  it('rehearses payments-api in a dry-run without a credential: every Azure step says what it would send', async () => {
    const call = (route: string, key: string, init: RequestInit = {}) =>
      fetch(app.api(route), {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });
    const started = await call('drills', KEYS.operator, {
      method: 'POST',
      body: JSON.stringify({ workloadId: 'payments-api', mode: 'dry-run' }),
    });
    expect(started.status).toBe(202);
    const { incidentId } = (await started.json()) as { incidentId: string };
    await app.runtime.idle();
    const asked = (await (await call(`incidents/${incidentId}`, KEYS.viewer)).json()) as IncidentView;
    if (asked.status === 'awaiting-approval') {
      await call(`incidents/${incidentId}/actions/approve`, KEYS.alice, { method: 'POST', body: '' });
      await app.runtime.idle();
    }
    type DryRunView = Omit<IncidentView, 'steps'> & {
      steps: { id: string; dryRun?: { summary: string; requests: { url: string }[] } }[];
    };
    const done = await waitFor(
      async () => (await (await call(`incidents/${incidentId}`, KEYS.viewer)).json()) as DryRunView,
      (i) => i.status === 'recovered' || i.status === 'failed',
    );
    expect(done.status).toBe('recovered');
    expect(done.timeline.some((t) => t.type === 'step-failed')).toBe(false);
    const sqlStep = done.steps.find((s) =>
      s.dryRun?.requests.some((r) => r.url.includes('/failoverGroups/')),
    );
    expect(sqlStep?.dryRun?.summary).toMatch(/^would make server sql-payments-centralus primary/);
    expect(sqlStep?.dryRun?.requests.map((r) => r.url)).toContain(
      'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-payments-centralus/providers/Microsoft.Sql/servers/sql-payments-centralus/failoverGroups/fg-payments/failover?api-version=2020-11-01-preview',
    );
  });

  it('loads payments-api and fails its first Azure step saying there is no credential', async () => {
    const call = (route: string, key: string, init: RequestInit = {}) =>
      fetch(app.api(route), {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: 'payments-down',
          status: 'fired',
          severity: 'Sev0',
          summary: 'payments-api is down',
          firedAt: new Date(clock.now()).toISOString(),
          labels: { service: 'payments-api' },
        },
      ],
    });
    expect(res.status).toBe(202);
    await app.runtime.idle();
    for (let minute = 0; minute < 10; minute++) {
      clock.advance(60_000); // tier 0's observation window
      await app.runtime.idle();
    }
    const list = (await (await call('incidents?workload=payments-api', KEYS.viewer)).json()) as {
      items: { id: string; status: string }[];
    };
    const id = list.items[0]?.id ?? '';
    expect(list.items[0]?.status).toBe('awaiting-approval');
    await call(`incidents/${id}/actions/approve`, KEYS.alice, { method: 'POST', body: '' });
    await app.runtime.idle();
    const view = await waitFor(
      async () => (await (await call(`incidents/${id}`, KEYS.viewer)).json()) as IncidentView,
      (i) => i.timeline.some((t) => t.type === 'step-failed'),
    );
    const failed = view.timeline.find((t) => t.type === 'step-failed');
    expect(failed?.message).toContain('Lifeboat has no Azure credential');
    // Whichever branch of the parallel group asked first: each names the role its identity will need.
    expect(failed?.message).toMatch(/SQL Server Contributor|Web Plan Contributor/);
  });
});
