// Operator controls that land exactly when an orchestration hands over to its next execution. In Azure the
// Durable extension continues an out-of-process orchestration as new without the events of the batch that
// made it continue, and the local runtime does the same (runtimeConformance pins it). Each test holds the
// orchestration (suspended) until the work that ends its execution and the control are both waiting, so
// they are processed in one batch: the control's event is dropped, and only what the actions API recorded
// on the incident (the abort request, the runbook's control log) can make it take effect.
// The same holding shows the other way an event goes missing in durable-functions: one raised while the
// orchestration runs an activity lands on the open wait of a race that already ended (EventWaits).
import { ManualClock } from '../../local/clock/Clock';
import { approvalInstanceId, FIRST_APPROVAL_ROUND } from '../../shared/domain/contracts/approvalContracts';
import { runbookInstanceId } from '../../shared/domain/contracts/runbookContracts';
import { HttpTarget } from '../support/httpTarget';
import { waitFor } from '../local/support/testRuntime';
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

/** The runbook's first execution runs 25 steps (STEPS_PER_EXECUTION); step 25 is the one before the hand-over. */
const STEPS = 27;
const stepId = (index: number) => `s${String(index + 1).padStart(2, '0')}`;

/** History event types (DurableTask's HistoryEventType). */
const TASK_COMPLETED = 5;
const TIMER_FIRED = 11;
const EVENT_RAISED = 15;

interface IncidentView {
  id: string;
  status: string;
  runbook: { paused?: { reason: string; stepId?: string; actor?: string } } | null;
  steps: { id: string; status: string }[];
  outcome?: { status: string; reason: string };
  timeline: { type: string; actor?: string; message: string }[];
}

describe.each([
  ['controls at a hand-over', false],
  ['controls at a hand-over under double execution', true],
])('%s', (_name, doubleExecution) => {
  const target = new HttpTarget();
  /** While set, the next call of this path is held until the test releases it. */
  const holds = new Map<string, { until: Promise<void>; release: () => void }>();
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  let sequence = 0;

  beforeAll(async () => {
    target.respondWith((request) => {
      const path = request.url.split('?')[0] ?? '';
      const hold = holds.get(path);
      holds.delete(path);
      return { status: 200, body: '{}', ...(hold ? { heldUntil: hold.until } : {}) };
    });
    const base = await target.start();
    const runbookOf = (workload: string, last: (id: string) => Record<string, unknown>) =>
      Array.from({ length: STEPS }, (_, i) =>
        i === 24
          ? last(stepId(i))
          : {
              id: stepId(i),
              name: `Step ${i + 1}`,
              type: 'http',
              request: { method: 'POST', url: `${base}/${workload}/${stepId(i)}` },
              retry: 'none',
            },
      );
    const httpStep = (workload: string) => (id: string) => ({
      id,
      name: 'Last of the first share',
      type: 'http',
      request: { method: 'POST', url: `${base}/${workload}/${id}` },
      retry: 'none',
    });
    const manualStep = (id: string) => ({
      id,
      name: 'Look',
      type: 'manual',
      instructions: 'Look at the dashboards.',
      timeout: '10m',
    });
    const checks = [{ name: 'app', url: `${base}/health`, consecutivePasses: 1, deadline: '1m' }];
    const catalogDir = writeRunbookCatalog([
      { id: 'pausing', secondaryChecks: checks, steps: runbookOf('pausing', httpStep('pausing')) },
      { id: 'aborting', secondaryChecks: checks, steps: runbookOf('aborting', httpStep('aborting')) },
      { id: 'confirming', secondaryChecks: checks, steps: runbookOf('confirming', manualStep) },
      {
        // Asks alice for 5 minutes, then dave as well.
        id: 'escalating',
        approval: { approvalTimeout: '5m', escalation: [{ roles: ['deputy'], timeout: '10m' }] },
        steps: [{ id: 'noop', name: 'Nothing', type: 'wait', duration: '1s' }],
      },
      {
        // Never activates (nothing is Sev0): the incident observes, and hands over every 100 wake-ups.
        id: 'watched',
        activation: { activateWhen: { minSeverity: 'Sev0' } },
        steps: [{ id: 'noop', name: 'Nothing', type: 'wait', duration: '1s' }],
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
    for (const hold of holds.values()) hold.release();
    await app.stop();
    await target.stop();
  });

  const call = (route: string, key: string, init: RequestInit = {}) =>
    fetch(app.api(route), {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
  /** An operator action, without waiting for the runtime to go idle (a held call would keep it busy). */
  const act = (id: string, action: string, key: string, body?: unknown) =>
    call(`incidents/${id}/actions/${action}`, key, {
      method: 'POST',
      body: body === undefined ? '' : JSON.stringify(body),
    });
  const incident = async (id: string) =>
    (await (await call(`incidents/${id}`, KEYS.viewer)).json()) as IncidentView;
  const paths = (workload: string) =>
    target.requests.map((r) => r.url).filter((u) => u.startsWith(`/${workload}/`));

  function hold(path: string): () => void {
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    holds.set(path, { until, release });
    return release;
  }

  /** What waits in the current execution's inbox (the local engine's store). */
  function inboxTypes(instanceId: string): number[] {
    const instance = app.runtime.store.getInstance(instanceId);
    if (instance === undefined) return [];
    return app.runtime.store.inbox(instanceId, instance.executionId).map(({ event }) => event.EventType);
  }

  async function alert(workload: string, severity: string): Promise<string> {
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: `handover-alert-${++sequence}`,
          status: 'fired',
          severity,
          summary: `${workload} is down`,
          firedAt: new Date(clock.now() - 60 * SECOND).toISOString(),
          labels: { service: workload },
        },
      ],
    });
    expect(res.status).toBe(202);
    await app.runtime.idle();
    const list = (await (await call(`incidents?workload=${workload}`, KEYS.viewer)).json()) as {
      items: { id: string }[];
    };
    const [first] = list.items;
    if (first === undefined) throw new Error(`no incident of ${workload}`);
    return first.id;
  }

  /**
   * Runs the runbook to its 25th step, then lets that step's call end while the runbook is suspended: its
   * completion waits in the inbox, to be processed in one batch with what the test raises next.
   */
  async function heldAtHandOver(
    workload: string,
  ): Promise<{ id: string; runbook: string; resume: () => Promise<void> }> {
    const release = hold(`/${workload}/s25`);
    const id = await alert(workload, 'Sev1');
    expect((await act(id, 'approve', KEYS.alice)).status).toBe(202);
    await waitFor('step 25 to call its target', () =>
      Promise.resolve(paths(workload).includes(`/${workload}/s25`) || undefined),
    );
    const runbook = runbookInstanceId(id, 'failover');
    expect(app.runtime.engine.suspend(runbook, 'test: hold the hand-over')).toBe('accepted');
    release();
    await waitFor('step 25 to complete into the inbox', () =>
      Promise.resolve(inboxTypes(runbook).includes(TASK_COMPLETED) || undefined),
    );
    return {
      id,
      runbook,
      resume: async () => {
        expect(app.runtime.engine.resume(runbook, 'test: release the hand-over')).toBe('accepted');
        await app.runtime.idle();
      },
    };
  }

  it('a pause asked in the batch that hands the runbook over takes effect before the next step', async () => {
    const { id, runbook, resume } = await heldAtHandOver('pausing');
    expect((await act(id, 'pause', KEYS.operator, { comment: 'check the standby' })).status).toBe(202);
    expect(inboxTypes(runbook)).toEqual([TASK_COMPLETED, EVENT_RAISED]);
    await resume();

    const paused = await incident(id);
    expect(paused.status).toBe('paused');
    expect(paused.runbook?.paused).toMatchObject({ reason: 'operator', stepId: 's26', actor: 'oscar' });
    expect(paths('pausing')).not.toContain('/pausing/s26');
    // The pause's event was dropped with the first execution: the second took it from the control log.
    const history = app.runtime.store.getHistory(runbook);
    expect(history.filter((e) => e.EventType === EVENT_RAISED)).toHaveLength(0);

    expect((await act(id, 'resume', KEYS.operator)).status).toBe(202);
    await app.runtime.idle();
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.timeline.filter((t) => t.type === 'operator-action-ignored')).toEqual([]);
    expect(done.timeline.filter((t) => t.type === 'runbook-paused')).toHaveLength(1);
  });

  it('an abort in the batch that hands the runbook over ends it before the next step', async () => {
    const { id, runbook, resume } = await heldAtHandOver('aborting');
    expect((await act(id, 'abort', KEYS.operator, { comment: 'the primary is back' })).status).toBe(202);
    // The incident passes the abort on to its runbook; it waits behind step 25's completion.
    await waitFor('the abort to reach the runbook', async () => {
      await app.runtime.idle();
      return inboxTypes(runbook).includes(EVENT_RAISED) || undefined;
    });
    // Under double execution the activity that passes it on raises it twice: the runbook takes one.
    const [first, ...raised] = inboxTypes(runbook);
    expect(first).toBe(TASK_COMPLETED);
    expect(raised).toEqual(doubleExecution ? [EVENT_RAISED, EVENT_RAISED] : [EVENT_RAISED]);
    await resume();

    // Held twice: the next execution ends at once on the incident's abort request, and step 26's activity
    // would refuse to call its target on it besides.
    const aborted = await incident(id);
    expect(aborted.status).toBe('aborted');
    expect(aborted.outcome?.reason).toMatch(/the primary is back/);
    expect(paths('aborting')).not.toContain('/aborting/s26');
    expect(aborted.steps.find((s) => s.id === 's25')?.status).toBe('succeeded');
    expect(aborted.steps.filter((s) => s.status === 'pending').map((s) => s.id)).toEqual(['s26', 's27']);
  });

  it('a second confirmation of a step that no longer waits is recorded as ignored, once, across the hand-over', async () => {
    const id = await alert('confirming', 'Sev1');
    expect((await act(id, 'approve', KEYS.alice)).status).toBe(202);
    await app.runtime.idle();
    expect((await incident(id)).steps.find((s) => s.id === 's25')?.status).toBe('waiting');
    const runbook = runbookInstanceId(id, 'failover');
    expect(app.runtime.engine.suspend(runbook, 'test: two confirmations in one batch')).toBe('accepted');
    // An operator confirms twice (a double click, or two operators at once); both are admitted, since step 25 waits when each asks.
    expect((await act(id, 'confirm-step', KEYS.operator, { stepId: 's25' })).status).toBe(202);
    expect((await act(id, 'confirm-step', KEYS.operator, { stepId: 's25', comment: 'me too' })).status).toBe(
      202,
    );
    expect(inboxTypes(runbook)).toEqual([EVENT_RAISED, EVENT_RAISED]);
    expect(app.runtime.engine.resume(runbook, 'test')).toBe('accepted');
    await app.runtime.idle();
    clock.advance(10 * SECOND);
    await app.runtime.idle();

    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.steps.every((s) => s.status === 'succeeded')).toBe(true);
    const ignored = done.timeline.filter((t) => t.type === 'operator-action-ignored');
    expect(ignored.map((t) => t.message)).toEqual([
      'confirm-step of step s25 by oscar arrived when it no longer applied and was ignored',
    ]);
    expect(done.timeline.filter((t) => t.type === 'step-confirmed')).toHaveLength(1);
  });

  // durable-functions hands an event to the newest open wait of its name, also to one whose race has ended:
  // here the wait of the wake-up the timer just won, while the incident assesses its alerts.
  it('an abort that arrives while the observing incident assesses its alerts ends it aborted', async () => {
    const id = await alert('watched', 'Sev2');
    await waitFor('the incident to observe', async () => {
      await app.runtime.idle();
      return (await incident(id)).status === 'observing' || undefined;
    });
    expect(app.runtime.engine.suspend(id, 'test: an abort behind a wake-up')).toBe('accepted');
    clock.advance(60 * SECOND);
    await waitFor('the timer to fire into the inbox', async () => {
      await app.runtime.idle();
      return inboxTypes(id).includes(TIMER_FIRED) || undefined;
    });
    expect((await act(id, 'abort', KEYS.operator, { comment: 'false alarm' })).status).toBe(202);
    expect(inboxTypes(id)).toEqual([TIMER_FIRED, EVENT_RAISED]);
    expect(app.runtime.engine.resume(id, 'test')).toBe('accepted');
    await app.runtime.idle();

    const aborted = await incident(id);
    expect(aborted.status).toBe('aborted');
    expect(aborted.outcome?.reason).toMatch(/false alarm/);
    // The same execution heard it: no hand-over happened.
    expect(app.runtime.store.getHistory(id).filter((e) => e.EventType === 0)).toHaveLength(1);
  });

  it('a decision that arrives while the approval escalates counts', async () => {
    const id = await alert('escalating', 'Sev1');
    expect((await incident(id)).status).toBe('awaiting-approval');
    const approval = approvalInstanceId(id, FIRST_APPROVAL_ROUND);
    expect(app.runtime.engine.suspend(approval, 'test: a decision behind the escalation')).toBe('accepted');
    clock.advance(5 * 60 * SECOND);
    await waitFor('the first level to run out into the inbox', async () => {
      await app.runtime.idle();
      return inboxTypes(approval).includes(TIMER_FIRED) || undefined;
    });
    expect((await act(id, 'approve', KEYS.alice, { comment: 'go' })).status).toBe(202);
    expect(inboxTypes(approval)).toEqual([TIMER_FIRED, EVENT_RAISED]);
    expect(app.runtime.engine.resume(approval, 'test')).toBe('accepted');
    await app.runtime.idle();
    clock.advance(2 * SECOND);
    await app.runtime.idle();

    const decided = (await (await call(`incidents/${id}`, KEYS.viewer)).json()) as {
      status: string;
      approval: { status: string; decisions: { decision: string }[] };
      timeline: { type: string }[];
    };
    expect(decided.timeline.some((t) => t.type === 'approval-escalated')).toBe(true);
    expect(decided.approval).toMatchObject({ status: 'approved', decisions: [{ decision: 'approve' }] });
    expect(decided.status).toBe('recovered');
  });

  it('an abort in the batch that hands the observing incident over ends it aborted', async () => {
    const id = await alert('watched', 'Sev2');
    const waits = () => {
      const history = app.runtime.store.getHistory(id);
      return history.filter((e) => e.EventType === TIMER_FIRED || e.EventType === EVENT_RAISED).length;
    };
    // 100 wake-ups per execution: let it wake 99 times, then hold it for the 100th.
    await waitFor('the incident to observe', async () => {
      await app.runtime.idle();
      return (await incident(id)).status === 'observing' || undefined;
    });
    while (waits() < 99) {
      clock.advance(60 * SECOND);
      await app.runtime.idle();
    }
    expect(app.runtime.store.getHistory(id).filter((e) => e.EventType === 0)).toHaveLength(1);
    expect(app.runtime.engine.suspend(id, 'test: hold the hand-over')).toBe('accepted');
    clock.advance(60 * SECOND);
    await waitFor('the 100th timer to fire into the inbox', async () => {
      await app.runtime.idle();
      return inboxTypes(id).includes(TIMER_FIRED) || undefined;
    });
    expect((await act(id, 'abort', KEYS.operator, { comment: 'not a real outage' })).status).toBe(202);
    expect(inboxTypes(id)).toEqual([TIMER_FIRED, EVENT_RAISED]);
    expect(app.runtime.engine.resume(id, 'test')).toBe('accepted');
    await app.runtime.idle();

    const aborted = await incident(id);
    expect(aborted.status).toBe('aborted');
    expect(aborted.outcome?.reason).toMatch(/not a real outage/);
    // It was the next execution that ended it, from what the actions API recorded.
    const history = app.runtime.store.getHistory(id);
    expect(history.filter((e) => e.EventType === EVENT_RAISED)).toHaveLength(0);
    expect(aborted.timeline.filter((t) => /asked to abort/.test(t.message))).toHaveLength(1);
  });
});
