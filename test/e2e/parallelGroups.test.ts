// Parallel groups through the local runtime, driven over HTTP as operators would: branches run at the same
// time, a failing branch pauses alone while the others go on, an operator retries its step by id and the
// group completes; an abort stops every branch; a branch whose step aborts fails the runbook and stops the
// others; and the RTO of a runbook with a parallel group against the same steps in sequence.
import { ManualClock } from '../../local/clock/Clock';
import { HttpTarget, type RecordedRequest } from '../support/httpTarget';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const SECOND = 1000;
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

interface StepView {
  id: string;
  type: string;
  status: string;
  attempts: number;
  actor?: string;
  group?: { id: string; branch: number; branchName: string };
}
interface IncidentView {
  id: string;
  status: string;
  rto: { elapsedSeconds: number; met?: boolean };
  runbook: { paused?: { reason: string; stepId?: string; steps?: string[] } } | null;
  steps: StepView[];
  outcome?: { status: string; reason: string };
  timeline: { type: string; actor?: string; message: string }[];
}

const http = (id: string, path: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Call ${path}`,
  type: 'http',
  request: { method: 'POST', url: `TARGET${path}` },
  retry: 'none',
  ...extra,
});
const wait = (id: string, duration: string) => ({ id, name: `Wait ${duration}`, type: 'wait', duration });
const parallel = (id: string, branches: Record<string, Record<string, unknown>[]>) => ({
  id,
  name: `Group ${id}`,
  type: 'parallel',
  branches: Object.entries(branches).map(([name, steps]) => ({ name, steps })),
});

describe.each([
  ['parallel groups', false],
  ['parallel groups under double execution', true],
])('%s', (_name, doubleExecution) => {
  const target = new HttpTarget();
  /** Statuses the target answers next, per path (then 200). */
  const scripted = new Map<string, number[]>();
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  let sequence = 0;

  beforeAll(async () => {
    target.respondWith((request) => {
      const path = request.url.split('?')[0] ?? '';
      const status = scripted.get(path)?.shift() ?? 200;
      return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status }) };
    });
    const base = await target.start();
    const withTarget = (steps: Record<string, unknown>[]) =>
      JSON.parse(JSON.stringify(steps).replaceAll('TARGET', base)) as Record<string, unknown>[];
    const catalogDir = writeRunbookCatalog([
      {
        id: 'fanout',
        steps: withTarget([
          http('freeze', '/fanout/freeze'),
          parallel('regions', {
            database: [http('db-failover', '/fanout/db'), http('db-check', '/fanout/db-check')],
            web: [wait('web-drain', '30s'), http('web-switch', '/fanout/web')],
          }),
          http('announce', '/fanout/announce'),
        ]),
      },
      {
        id: 'stopped',
        steps: withTarget([
          parallel('both', {
            look: [{ id: 'look', name: 'Look', type: 'manual', instructions: 'Look.', timeout: '10m' }],
            sleep: [wait('sleep', '10m'), http('after-sleep', '/stopped/after')],
          }),
          http('never', '/stopped/never'),
        ]),
      },
      {
        id: 'strict',
        steps: withTarget([
          parallel('both', {
            fragile: [http('fragile', '/strict/fragile', { onFailure: 'abort' })],
            sleep: [wait('strict-sleep', '10m'), http('strict-after', '/strict/after')],
          }),
          http('strict-never', '/strict/never'),
        ]),
      },
      {
        id: 'side-by-side',
        steps: [parallel('both', { a: [wait('wait-two', '2m')], b: [wait('wait-three', '3m')] })],
      },
      { id: 'in-line', steps: [wait('wait-two', '2m'), wait('wait-three', '3m')] },
    ]);
    app = await startAppRuntime({
      catalogDir,
      clock,
      doubleExecution,
      settings: { LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS },
    });
  });
  afterAll(async () => {
    await app.stop();
    await target.stop();
  });

  async function advance(ms: number) {
    clock.advance(ms);
    await app.runtime.idle();
  }
  const call = (route: string, key: string, init: RequestInit = {}) =>
    fetch(app.api(route), {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
  const act = async (id: string, action: string, key: string, body?: unknown) => {
    const res = await call(`incidents/${id}/actions/${action}`, key, {
      method: 'POST',
      body: body === undefined ? '' : JSON.stringify(body),
    });
    await app.runtime.idle();
    return res;
  };
  const incident = async (id: string) =>
    (await (await call(`incidents/${id}`, KEYS.viewer)).json()) as IncidentView;
  const statuses = async (id: string) =>
    Object.fromEntries((await incident(id)).steps.map((s) => [s.id, s.status]));
  const calls = (path: string): RecordedRequest[] => target.requests.filter((r) => r.url === path);

  async function failOver(workload: string): Promise<string> {
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: `parallel-alert-${++sequence}`,
          status: 'fired',
          severity: 'Sev0',
          summary: `${workload} is down`,
          firedAt: new Date(clock.now()).toISOString(),
          labels: { service: workload },
        },
      ],
    });
    expect(res.status).toBe(202);
    await app.runtime.idle();
    const list = (await (await call(`incidents?workload=${workload}`, KEYS.viewer)).json()) as {
      items: { id: string; status: string }[];
    };
    const open = list.items.find((i) => i.status === 'awaiting-approval');
    if (open === undefined) throw new Error(`no incident of ${workload} awaits approval`);
    expect((await act(open.id, 'approve', KEYS.alice)).status).toBe(202);
    return open.id;
  }

  it('runs branches side by side; a failing branch pauses alone, is retried by step id, and the group completes', async () => {
    scripted.set('/fanout/db', doubleExecution ? [400, 400] : [400]);
    const id = await failOver('fanout');
    const paused = await incident(id);
    // The steps list the group, then each branch's steps with the branch they are in.
    expect(paused.steps.map((s) => [s.id, s.group?.branchName ?? null])).toEqual([
      ['freeze', null],
      ['regions', null],
      ['db-failover', 'database'],
      ['db-check', 'database'],
      ['web-drain', 'web'],
      ['web-switch', 'web'],
      ['announce', null],
    ]);
    expect(paused.status).toBe('paused');
    expect(paused.runbook?.paused).toMatchObject({ reason: 'step-failed', stepId: 'db-failover' });
    expect(await statuses(id)).toMatchObject({
      regions: 'running',
      'db-failover': 'failed',
      'db-check': 'pending',
      'web-drain': 'running',
    });

    await advance(30 * SECOND); // the web branch goes on while the database branch is paused
    expect(await statuses(id)).toMatchObject({ 'web-switch': 'succeeded', 'db-failover': 'failed' });
    expect(calls('/fanout/web')).toHaveLength(doubleExecution ? 2 : 1);
    expect(calls('/fanout/announce')).toHaveLength(0);
    expect((await incident(id)).status).toBe('paused');

    const wrong = await act(id, 'retry-step', KEYS.operator, { stepId: 'web-switch' });
    expect(wrong.status).toBe(409);
    expect(
      (await act(id, 'retry-step', KEYS.operator, { stepId: 'db-failover', comment: 'fixed' })).status,
    ).toBe(202);
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.steps.every((s) => s.status === 'succeeded')).toBe(true);
    expect(done.steps.find((s) => s.id === 'db-failover')).toMatchObject({ actor: 'oscar', attempts: 2 });
    expect(calls('/fanout/announce')).toHaveLength(doubleExecution ? 2 : 1);
    expect(done.timeline.some((t) => t.type === 'group-started' && /database, web/.test(t.message))).toBe(
      true,
    );
    // Each effect reached its target once per idempotency key.
    const keys = (path: string) =>
      new Set(calls(path).map((r) => JSON.parse(String(r.headers['idempotency-key'])) as string));
    expect([...keys('/fanout/web')]).toEqual([`lifeboat:${id}:web-switch`]);
    expect([...keys('/fanout/db')]).toEqual([
      `lifeboat:${id}:db-failover`,
      `lifeboat:${id}:db-failover:round-2`,
    ]);
  });

  it('an abort stops every branch: the waiting manual step, the sleeping branch, and nothing after the group', async () => {
    const id = await failOver('stopped');
    expect(await statuses(id)).toMatchObject({ look: 'waiting', sleep: 'running' });
    expect((await act(id, 'abort', KEYS.operator, { comment: 'false alarm' })).status).toBe(202);
    const aborted = await incident(id);
    expect(aborted.status).toBe('aborted');
    await advance(11 * 60 * SECOND);
    expect(calls('/stopped/after')).toHaveLength(0);
    expect(calls('/stopped/never')).toHaveLength(0);
    expect((await incident(id)).status).toBe('aborted');
  });

  it('a branch step whose on-failure is abort fails the runbook and stops the other branches', async () => {
    scripted.set('/strict/fragile', doubleExecution ? [400, 400] : [400]);
    const id = await failOver('strict');
    const failed = await incident(id);
    expect(failed.status).toBe('failed');
    expect(failed.outcome?.reason ?? failed.timeline.map((t) => t.message).join('\n')).toMatch(/fragile/);
    await advance(11 * 60 * SECOND);
    expect(calls('/strict/after')).toHaveLength(0);
    expect(calls('/strict/never')).toHaveLength(0);
  });

  it('a parallel group saves time: the RTO of two waits side by side against the same waits in sequence', async () => {
    const sideBySide = await failOver('side-by-side');
    const inLine = await failOver('in-line');
    for (let i = 0; i < 6; i++) await advance(60 * SECOND);
    const parallelRto = (await incident(sideBySide)).rto;
    const sequenceRto = (await incident(inLine)).rto;
    expect((await incident(sideBySide)).status).toBe('recovered');
    expect((await incident(inLine)).status).toBe('recovered');
    // The longer branch (3m) against the sum (5m).
    expect(parallelRto.elapsedSeconds).toBe(180);
    expect(sequenceRto.elapsedSeconds).toBe(300);
  });
});
