// The runbook stage through the local runtime, driven over HTTP as operators would, against a real local
// HTTP target: every step in order then validation to `recovered` with the RTO; retries with backoff and
// one idempotency key per round; a failed step paused, retried or skipped by an operator; on-failure
// continue and abort; a manual step confirmed; an operator's pause and resume; abort; validation failing.
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
  error?: string;
  detail?: string;
  actor?: string;
  startedAt?: string;
  endedAt?: string;
}
interface IncidentView {
  id: string;
  status: string;
  rto: { targetSeconds: number; elapsedSeconds: number; met?: boolean; remainingSeconds?: number };
  runbook: {
    id: string;
    currentStepId?: string;
    paused?: { reason: string; stepId?: string; actor?: string };
  } | null;
  steps: StepView[];
  outcome?: { status: string; reason: string };
  timeline: { type: string; actor?: string; message: string }[];
}

const LONG_STEPS = 60;
const longStepId = (index: number) => `s${String(index + 1).padStart(2, '0')}`;

const http = (id: string, path: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Call ${path}`,
  type: 'http',
  request: { method: 'POST', url: `TARGET${path}`, body: { step: id } },
  retry: 'none',
  ...extra,
});

describe.each([
  ['runbook execution', false],
  ['runbook execution under double execution', true],
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
    const checks = (name: string) => [
      { name: 'app', url: `${base}/health/${name}`, consecutivePasses: 2, deadline: '1m' },
    ];
    const catalogDir = writeRunbookCatalog([
      {
        id: 'happy',
        secondaryChecks: checks('happy'),
        steps: withTarget([
          http('freeze', '/happy/freeze'),
          { id: 'settle', name: 'Let replication settle', type: 'wait', duration: '30s' },
          {
            id: 'probe',
            name: 'Secondary answers',
            type: 'healthCheck',
            probe: { url: `TARGET/health/happy` },
            consecutivePasses: 1,
            deadline: '1m',
          },
          http('switch', '/happy/switch'),
        ]),
      },
      {
        id: 'flaky',
        secondaryChecks: checks('flaky'),
        steps: withTarget([
          http('failover-db', '/flaky/db', {
            retry: { preset: 'standard', maxAttempts: 2, firstInterval: '5s' },
          }),
          http('switch', '/flaky/switch'),
        ]),
      },
      {
        id: 'skippy',
        secondaryChecks: checks('skippy'),
        steps: withTarget([http('broken', '/skippy/broken'), http('switch', '/skippy/switch')]),
      },
      {
        id: 'tolerant',
        secondaryChecks: checks('tolerant'),
        steps: withTarget([
          http('freeze', '/tolerant/freeze', { onFailure: 'continue' }),
          http('switch', '/tolerant/switch'),
        ]),
      },
      {
        id: 'strict',
        steps: withTarget([
          http('freeze', '/strict/freeze', { onFailure: 'abort' }),
          http('switch', '/strict/switch'),
        ]),
      },
      {
        id: 'manual',
        secondaryChecks: checks('manual'),
        steps: withTarget([
          http('switch', '/manual/switch'),
          {
            id: 'smoke',
            name: 'Smoke test',
            type: 'manual',
            instructions: 'Place a test order.',
            timeout: '10m',
          },
        ]),
      },
      {
        id: 'pausable',
        secondaryChecks: checks('pausable'),
        steps: withTarget([
          { id: 'settle', name: 'Settle', type: 'wait', duration: '30s' },
          http('switch', '/pausable/switch'),
        ]),
      },
      {
        // Longer than one execution's share (STEPS_PER_EXECUTION = 25): it hands over twice.
        id: 'long',
        secondaryChecks: checks('long'),
        steps: withTarget(
          Array.from({ length: LONG_STEPS }, (_, i) => {
            const stepId = longStepId(i);
            if (i === 24) {
              return { id: stepId, name: 'Look', type: 'manual', instructions: 'Look.', timeout: '10m' };
            }
            return http(stepId, `/long/${stepId}`, i === 1 ? { onFailure: 'continue' } : {});
          }),
        ),
      },
      {
        id: 'unhealthy',
        secondaryChecks: checks('unhealthy'),
        steps: withTarget([http('switch', '/unhealthy/switch')]),
      },
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

  const call = (route: string, key?: string, init: RequestInit = {}) =>
    fetch(app.api(route), {
      ...init,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
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
  const step = async (id: string, stepId: string) => {
    const found = (await incident(id)).steps.find((s) => s.id === stepId);
    if (found === undefined) throw new Error(`incident ${id} has no step ${stepId}`);
    return found;
  };
  const calls = (path: string): RecordedRequest[] => target.requests.filter((r) => r.url === path);
  /** The Idempotency-Key header is a structured-field string: a quoted value. */
  const keysOf = (path: string) => [
    ...new Set(calls(path).map((r) => JSON.parse(String(r.headers['idempotency-key'])) as string)),
  ];

  /** Raises a Sev0 alert for the workload and approves the activation: the runbook starts. */
  async function failOver(workload: string): Promise<string> {
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: `runbook-alert-${++sequence}`,
          status: 'fired',
          severity: 'Sev0',
          summary: `${workload} is down`,
          firedAt: new Date(clock.now() - 60 * SECOND).toISOString(),
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
    if (open === undefined)
      throw new Error(`no incident of ${workload} awaits approval: ${JSON.stringify(list)}`);
    expect((await act(open.id, 'approve', KEYS.alice)).status).toBe(202);
    return open.id;
  }

  it('runs every step in order with one idempotency key each, validates the secondary and recovers with the RTO', async () => {
    const id = await failOver('happy');
    expect(await step(id, 'freeze')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(await step(id, 'settle')).toMatchObject({ status: 'running' });
    const running = await incident(id);
    expect(running.status).toBe('failing-over');
    expect(running.rto.remainingSeconds).toBeGreaterThan(0);
    expect(running.runbook).toMatchObject({ id: 'happy-failover', currentStepId: 'settle' });
    expect(calls('/happy/switch')).toHaveLength(0);

    await advance(30 * SECOND); // the wait step, then the probe step and the switch; validation's first round
    await advance(10 * SECOND); // validation's second passing round
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.steps.map((s) => [s.id, s.status])).toEqual([
      ['freeze', 'succeeded'],
      ['settle', 'succeeded'],
      ['probe', 'succeeded'],
      ['switch', 'succeeded'],
    ]);
    expect(done.rto).toMatchObject({ targetSeconds: 900, met: true });
    expect(done.rto.elapsedSeconds).toBe(40); // detected, then the 30s wait and one 10s validation interval
    expect(done.outcome?.reason).toMatch(/secondary healthy/);
    expect(done.timeline.at(-1)?.message).toMatch(/RTO 15m: recovered in \d+m? ?\d*s?, met with .* to spare/);

    const order = target.requests.map((r) => r.url).filter((u) => u.startsWith('/happy/'));
    expect([...new Set(order)]).toEqual(['/happy/freeze', '/happy/switch']);
    expect(keysOf('/happy/freeze')).toEqual([`lifeboat:${id}:freeze`]);
    expect(keysOf('/happy/switch')).toEqual([`lifeboat:${id}:switch`]);
    // Once per step, or twice with the same key when every activity runs twice.
    expect(calls('/happy/freeze')).toHaveLength(doubleExecution ? 2 : 1);
    expect(JSON.parse(calls('/happy/freeze')[0]?.body ?? '{}')).toEqual({ step: 'freeze' });
  });

  it('retries with backoff under one key, pauses when retries are spent, and an operator retry-step succeeds', async () => {
    scripted.set('/flaky/db', doubleExecution ? [503, 503, 503, 503] : [503, 503]);
    const id = await failOver('flaky');
    expect(await step(id, 'failover-db')).toMatchObject({ status: 'running', attempts: 1 });
    await advance(5 * SECOND); // standard backoff, first interval overridden to 5s
    const paused = await incident(id);
    expect(paused.status).toBe('paused');
    expect(paused.runbook?.paused).toMatchObject({ reason: 'step-failed', stepId: 'failover-db' });
    expect(paused.steps[0]).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: expect.stringMatching(/503/),
    });
    expect(keysOf('/flaky/db')).toEqual([`lifeboat:${id}:failover-db`]);
    expect(calls('/flaky/switch')).toHaveLength(0);

    expect((await act(id, 'retry-step', KEYS.viewer)).status).toBe(403);
    expect((await act(id, 'resume', KEYS.operator)).status).toBe(409);
    const wrongStep = await act(id, 'retry-step', KEYS.operator, { stepId: 'switch' });
    expect(wrongStep.status).toBe(409);
    expect(await wrongStep.json()).toMatchObject({
      error: { message: expect.stringMatching(/failover-db/) },
    });
    expect((await act(id, 'retry-step', KEYS.operator, { comment: 'throttling cleared' })).status).toBe(202);

    await advance(10 * SECOND); // validation's second round
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.steps[0]).toMatchObject({ status: 'succeeded', attempts: 3, actor: 'oscar' });
    // The operator's round uses a new key: the target may have stored the failure under the old one.
    expect(keysOf('/flaky/db')).toEqual([`lifeboat:${id}:failover-db`, `lifeboat:${id}:failover-db:round-2`]);
    expect(done.timeline.some((t) => t.actor === 'oscar' && /throttling cleared/.test(t.message))).toBe(true);
  });

  it('skip-step goes on past a failed step that cannot be retried', async () => {
    scripted.set('/skippy/broken', [400, 400]);
    const id = await failOver('skippy');
    const paused = await incident(id);
    expect(paused.status).toBe('paused');
    expect(paused.steps[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: expect.stringMatching(/400.*not retryable/),
    });

    expect(
      (await act(id, 'skip-step', KEYS.operator, { stepId: 'broken', comment: 'done by hand' })).status,
    ).toBe(202);
    await advance(10 * SECOND);
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.steps.map((s) => [s.id, s.status, s.actor])).toEqual([
      ['broken', 'skipped', 'oscar'],
      ['switch', 'succeeded', undefined],
    ]);
  });

  it('on-failure continue goes on at once; on-failure abort fails the incident without running later steps', async () => {
    scripted.set('/tolerant/freeze', [404, 404]);
    const tolerant = await failOver('tolerant');
    await advance(10 * SECOND);
    const continued = await incident(tolerant);
    expect(continued.status).toBe('recovered');
    expect(continued.steps.map((s) => s.status)).toEqual(['failed', 'succeeded']);
    expect(continued.timeline.some((t) => /failed and continued: freeze/.test(t.message))).toBe(true);

    scripted.set('/strict/freeze', [500, 500]);
    const strict = await failOver('strict');
    const failed = await incident(strict);
    expect(failed.status).toBe('failed');
    expect(failed.outcome?.reason).toMatch(/step freeze failed .*aborts the runbook/);
    expect(failed.timeline.at(-1)?.message).toMatch(/RTO 15m: not recovered/);
    expect(calls('/strict/switch')).toHaveLength(0);
  });

  it('a manual step waits for an operator to confirm it', async () => {
    const id = await failOver('manual');
    const waiting = await step(id, 'smoke');
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 1 });

    expect((await act(id, 'confirm-step', KEYS.operator, { stepId: 'switch' })).status).toBe(409);
    expect((await act(id, 'skip-step', KEYS.operator)).status).toBe(409);
    expect(
      (await act(id, 'confirm-step', KEYS.operator, { stepId: 'smoke', comment: 'order placed' })).status,
    ).toBe(202);
    expect(await step(id, 'smoke')).toMatchObject({
      status: 'succeeded',
      actor: 'oscar',
      detail: 'confirmed by oscar',
    });
    await advance(10 * SECOND);
    expect((await incident(id)).status).toBe('recovered');
    expect((await act(id, 'confirm-step', KEYS.operator)).status).toBe(409);
  });

  it('an operator pauses between steps and resumes; abort while paused runs nothing more', async () => {
    const id = await failOver('pausable');
    const asked = await act(id, 'pause', KEYS.operator, { comment: 'checking the standby first' });
    expect(asked.status).toBe(202);
    expect(((await asked.json()) as { note?: string }).note).toMatch(/takes effect after step \S+ finishes/);
    // Until the step boundary the timeline says the pause was asked for, once, by whom and when it applies.
    const requested = (await incident(id)).timeline.filter((t) => t.type === 'pause-requested');
    expect(requested).toEqual([
      expect.objectContaining({
        actor: 'oscar',
        message: expect.stringMatching(
          /^oscar asked to pause the runbook; it takes effect after step \S+ finishes: checking the standby first$/,
        ),
      }),
    ]);
    await advance(30 * SECOND); // the wait step ends; the pause takes effect before the next step
    const paused = await incident(id);
    expect(paused.status).toBe('paused');
    expect(paused.runbook?.paused).toMatchObject({ reason: 'operator', stepId: 'switch', actor: 'oscar' });
    expect(calls('/pausable/switch')).toHaveLength(0);
    expect((await act(id, 'resume', KEYS.operator)).status).toBe(202);
    await advance(10 * SECOND);
    expect((await incident(id)).status).toBe('recovered');

    scripted.set('/skippy/broken', [400, 400]);
    const second = await failOver('skippy');
    expect((await incident(second)).status).toBe('paused');
    expect((await act(second, 'abort', KEYS.operator, { comment: 'failing back by hand' })).status).toBe(202);
    const aborted = await incident(second);
    expect(aborted.status).toBe('aborted');
    expect(aborted.outcome?.reason).toMatch(/failing back by hand/);
    expect(aborted.steps.map((s) => s.status)).toEqual(['failed', 'pending']);
    expect(calls('/skippy/switch')).toHaveLength(doubleExecution ? 2 : 1); // from the skip-step test only
  });

  it('a wait whose timer fires late (Lifeboat was not running) records how long it really waited', async () => {
    const id = await failOver('pausable');
    // One jump of the clock: the timer fires five minutes in, as after a runtime stopped for that long.
    await advance(5 * 60 * SECOND);
    await advance(10 * SECOND); // validation's second passing round
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.timeline.map((t) => t.message)).toContain(
      'Step settle succeeded: waited 5m (planned 30s; the timer fired late because Lifeboat was not running or was overloaded)',
    );
  });

  it('a runbook longer than one execution hands its steps on, with the pause asked at the hand-over honoured', async () => {
    scripted.set('/long/s02', [404, 404]);
    const id = await failOver('long');
    expect(await step(id, 's25')).toMatchObject({ status: 'waiting' });
    // Asked while step 25, the first execution's last, waits: the pause lands at the hand-over boundary.
    expect((await act(id, 'pause', KEYS.operator, { comment: 'breathe' })).status).toBe(202);
    expect((await act(id, 'confirm-step', KEYS.operator, { stepId: 's25' })).status).toBe(202);
    const paused = await incident(id);
    expect(paused.status).toBe('paused');
    expect(paused.runbook?.paused).toMatchObject({ reason: 'operator', stepId: 's26', actor: 'oscar' });
    expect(calls('/long/s26')).toHaveLength(0);
    expect((await act(id, 'resume', KEYS.operator)).status).toBe(202);

    await advance(10 * SECOND); // validation's second round
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.steps).toHaveLength(LONG_STEPS);
    expect(done.steps.filter((s) => s.status !== 'succeeded').map((s) => [s.id, s.status])).toEqual([
      ['s02', 'failed'],
    ]);
    expect(
      done.timeline.some((t) => /completed \(60 steps; failed and continued: s02\)/.test(t.message)),
    ).toBe(true);
    const httpSteps = Array.from({ length: LONG_STEPS }, (_, i) => longStepId(i)).filter((s) => s !== 's25');
    const order = target.requests.map((r) => r.url).filter((u) => u.startsWith('/long/'));
    expect([...new Set(order)]).toEqual(httpSteps.map((s) => `/long/${s}`));
    for (const stepId of httpSteps) {
      expect(keysOf(`/long/${stepId}`)).toEqual([`lifeboat:${id}:${stepId}`]);
      expect(calls(`/long/${stepId}`)).toHaveLength(doubleExecution ? 2 : 1);
    }
    // The last execution started at step 51 and its history holds only its own share of the runbook.
    const history = app.runtime.store.getHistory(`${id}:runbook:failover`);
    const started = history.find((e) => e.EventType === 0) as { Input?: string } | undefined;
    const input = JSON.parse(started?.Input ?? '{}') as { continuation?: { from: number } };
    expect(input.continuation?.from).toBe(50);
    const text = JSON.stringify(history);
    expect(text).toContain('/long/s51');
    expect(text).toContain('/long/s60');
    expect(text).not.toContain('/long/s50');
    expect(text).not.toContain('/long/s01');
  });

  it('fails the incident with the reasons when the secondary does not become healthy', async () => {
    scripted.set(
      '/health/unhealthy',
      Array.from({ length: 40 }, () => 503),
    );
    const id = await failOver('unhealthy');
    expect((await incident(id)).status).toBe('validating');
    for (let i = 0; i < 6; i++) {
      await advance(10 * SECOND);
    }
    const failed = await incident(id);
    expect(failed.status).toBe('failed');
    expect(failed.outcome?.reason).toMatch(/validation failed: not healthy within 60s .*app: .*503/);
    expect(failed.timeline.filter((t) => t.type === 'health-probe').length).toBeGreaterThanOrEqual(6);
  });
});
