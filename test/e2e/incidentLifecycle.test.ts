// The incident lifecycle through the local runtime, driven over HTTP as operators and monitoring would:
// a blip dismissed, severity escalating during observation into activation, approval through the actions
// API with 401 / 403 / 409, rejection, expiry, abort, and resolutions after activation.
import { ManualClock } from '../../local/clock/Clock';
import { waitFor } from '../local/support/testRuntime';
import { startAppRuntime } from './support/appRuntime';

const MINUTE = 60_000;
const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  operator: 'operator-key-0123456789abcdef',
  alice: 'alice-approver-key-0123456789',
  bob: 'bob-approver-key-0123456789ab',
};
const OPERATOR_KEYS = JSON.stringify([
  { key: KEYS.viewer, name: 'vera', roles: ['viewer'] },
  { key: KEYS.operator, name: 'oscar', roles: ['operator'] },
  { key: KEYS.alice, name: 'alice', roles: ['approver'] },
  { key: KEYS.bob, name: 'bob', roles: ['approver'] },
]);

interface IncidentView {
  id: string;
  status: string;
  severity: string | null;
  activation: { decision: string; reasons: string[] };
  approval: {
    status: string;
    quorum: { required: number; approvals: number };
    decisions: { approver: string }[];
  };
  rto: { targetSeconds: number; elapsedSeconds: number; remainingSeconds?: number };
  alerts: { count: number };
  timeline: { type: string; actor?: string; message: string }[];
}

// The second run executes every activity twice and replays every episode twice, as production may.
describe.each([
  ['incident lifecycle', false],
  ['incident lifecycle under double execution', true],
])('%s', (_name, doubleExecution) => {
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  let sequence = 0;

  beforeAll(async () => {
    app = await startAppRuntime({
      clock,
      doubleExecution,
      settings: { LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS },
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  const iso = (offsetMs: number) => new Date(clock.now() + offsetMs).toISOString();

  /** Posts one generic alert for orders-api, fired `agoMs` before the runtime's clock. */
  async function alert(options: {
    severity: string;
    resource: string;
    agoMs: number;
    id?: string;
    resolved?: boolean;
  }) {
    const id = options.id ?? `alert-${++sequence}`;
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id,
          status: options.resolved ? 'resolved' : 'fired',
          severity: options.severity,
          summary: `${options.severity} on ${options.resource}`,
          firedAt: iso(-options.agoMs),
          ...(options.resolved ? { resolvedAt: iso(0) } : {}),
          resources: [
            `/subscriptions/s/resourceGroups/rg-orders-weu/providers/Microsoft.Web/sites/${options.resource}`,
          ],
        },
      ],
    });
    expect(res.status).toBe(202);
    await app.runtime.idle();
    // The incident assesses at most every 5 seconds (alert storms): let that pass.
    clock.advance(5_000);
    await app.runtime.idle();
    return id;
  }

  async function advance(ms: number) {
    clock.advance(ms);
    await app.runtime.idle();
  }

  const call = (route: string, key?: string, init: RequestInit = {}) =>
    fetch(app.api(route), {
      ...init,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
    });
  const act = (id: string, action: string, key?: string, body?: unknown) =>
    call(`incidents/${id}/actions/${action}`, key, {
      method: 'POST',
      body: body === undefined ? '' : JSON.stringify(body),
    });
  const incident = async (id: string) =>
    (await (await call(`incidents/${id}`, KEYS.viewer)).json()) as IncidentView;

  async function openIncidentId(): Promise<string> {
    const res = await call(
      'incidents?status=detected,observing,awaiting-approval,failing-over,paused,validating',
      KEYS.viewer,
    );
    const body = (await res.json()) as { items: { id: string }[] };
    const [first] = body.items;
    if (first === undefined) throw new Error('no open incident');
    return first.id;
  }

  async function settleOpenIncidents() {
    const res = await call(
      'incidents?status=detected,observing,awaiting-approval,failing-over,paused,validating',
      KEYS.viewer,
    );
    for (const item of ((await res.json()) as { items: { id: string }[] }).items) {
      await act(item.id, 'abort', KEYS.operator, { comment: 'test cleanup' });
    }
    await app.runtime.idle();
  }

  afterEach(async () => {
    await settleOpenIncidents();
    await advance(60 * MINUTE);
  });

  it('dismisses a blip: observed, resolved, quiet for the grouping window', async () => {
    const fired = await alert({ severity: 'Sev1', resource: 'orders-api-weu', agoMs: MINUTE, id: 'blip' });
    const id = await openIncidentId();
    expect(await incident(id)).toMatchObject({ status: 'observing', activation: { decision: 'observe' } });

    await alert({ severity: 'Sev1', resource: 'orders-api-weu', agoMs: MINUTE, id: fired, resolved: true });
    expect((await incident(id)).activation.decision).toBe('dismiss');
    await advance(10 * MINUTE);

    const dismissed = await incident(id);
    expect(dismissed.status).toBe('dismissed');
    expect(dismissed.timeline.map((t) => t.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Incident detected/),
        expect.stringMatching(/^Incident dismissed/),
      ]),
    );
  });

  it('activates when severity escalates during observation, and approval moves it to failing-over', async () => {
    await alert({ severity: 'Sev2', resource: 'orders-api-weu', agoMs: 3 * MINUTE });
    await alert({ severity: 'Sev2', resource: 'orders-cosmos', agoMs: 2 * MINUTE });
    const id = await openIncidentId();
    expect((await incident(id)).activation.reasons.join(' ')).toMatch(/Sev1/);

    await advance(5 * MINUTE);
    expect((await incident(id)).status).toBe('observing');
    await alert({ severity: 'Sev0', resource: 'orders-api-weu', agoMs: 0 });

    const waiting = await waitFor('awaiting approval', async () => {
      const view = await incident(id);
      return view.approval.status === 'pending' ? view : undefined;
    });
    expect(waiting).toMatchObject({
      status: 'awaiting-approval',
      severity: 'Sev0',
      activation: { decision: 'activate' },
    });
    expect(waiting.approval.quorum.required).toBe(1);

    expect((await act(id, 'approve')).status).toBe(401);
    const forbidden = await act(id, 'approve', KEYS.operator);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await act(id, 'resume', KEYS.operator)).status).toBe(409);

    expect((await act(id, 'approve', KEYS.alice, { comment: 'primary is gone' })).status).toBe(202);
    await app.runtime.idle();
    const failingOver = await incident(id);
    expect(failingOver).toMatchObject({
      status: 'failing-over',
      approval: { status: 'approved', decisions: [{ approver: 'alice' }] },
    });
    expect(failingOver.timeline.some((t) => t.actor === 'alice' && /primary is gone/.test(t.message))).toBe(
      true,
    );

    // A second decision after the matter is settled is refused with the current state.
    const late = await act(id, 'reject', KEYS.bob);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ current: { status: 'failing-over' } });

    // Resolutions after activation are recorded but do not undo the failover.
    await alert({
      severity: 'Sev0',
      resource: 'orders-api-weu',
      agoMs: 0,
      resolved: true,
      id: `alert-${sequence}`,
    });
    expect((await incident(id)).status).toBe('failing-over');
  });

  async function incidentAwaitingApproval(): Promise<string> {
    // Broad and serious at once; sustained for five minutes once the observation window has passed.
    await alert({ severity: 'Sev0', resource: 'orders-api-weu', agoMs: MINUTE });
    await alert({ severity: 'Sev0', resource: 'orders-cosmos', agoMs: MINUTE });
    const id = await openIncidentId();
    await advance(5 * MINUTE);
    await waitFor('awaiting approval', async () =>
      (await incident(id)).approval.status === 'pending' ? true : undefined,
    );
    return id;
  }

  it('ends as rejected when an approver rejects', async () => {
    const id = await incidentAwaitingApproval();
    expect((await act(id, 'reject', KEYS.bob, { comment: 'secondary not ready' })).status).toBe(202);
    await app.runtime.idle();
    expect(await incident(id)).toMatchObject({ status: 'rejected', approval: { status: 'rejected' } });
  });

  it('expires when nobody decides before the deadline (tier 1: 30 minutes over three levels)', async () => {
    const id = await incidentAwaitingApproval();
    await advance(29 * MINUTE);
    expect((await incident(id)).status).toBe('awaiting-approval');
    await advance(2 * MINUTE);
    expect(await incident(id)).toMatchObject({ status: 'expired', approval: { status: 'expired' } });
  });

  it('aborts on an operator action while approval is pending, and the next alert opens a new incident', async () => {
    const id = await incidentAwaitingApproval();
    expect((await act(id, 'abort', KEYS.alice)).status).toBe(403);
    expect(
      (await act(id, 'abort', KEYS.operator, { comment: 'false alarm: synthetic probe broken' })).status,
    ).toBe(202);
    await app.runtime.idle();

    const aborted = await incident(id);
    expect(aborted).toMatchObject({ status: 'aborted', approval: { status: 'cancelled' } });
    expect(aborted.timeline.some((t) => t.actor === 'oscar' && /false alarm/.test(t.message))).toBe(true);
    expect((await act(id, 'abort', KEYS.operator)).status).toBe(409);

    await alert({ severity: 'Sev1', resource: 'orders-api-weu', agoMs: 0 });
    expect(await openIncidentId()).not.toBe(id);
  });

  it('pages through every incident of the earlier tests over HTTP, newest first, filtered by status', async () => {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const query = `incidents?limit=2${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
      const page = (await (await call(query, KEYS.viewer)).json()) as {
        items: { id: string }[];
        continuationToken?: string;
      };
      ids.push(...page.items.map((i) => i.id));
      token = page.continuationToken;
    } while (token !== undefined);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort().reverse()).toEqual(ids);
    const aborted = (await (await call('incidents?status=aborted', KEYS.viewer)).json()) as {
      items: { status: string }[];
    };
    expect(aborted.items.length).toBeGreaterThan(0);
    expect(aborted.items.every((i) => i.status === 'aborted')).toBe(true);
  });

  it('validates requests: unknown action 404, bad body 400, unknown incident 404', async () => {
    expect((await act('nope', 'launch', KEYS.operator)).status).toBe(404);
    expect((await act('nope', 'abort', KEYS.operator)).status).toBe(404);
    const bad = await act('nope', 'abort', KEYS.operator, { comment: 42 });
    expect(bad.status).toBe(400);
    expect((await call('incidents?status=sideways', KEYS.viewer)).status).toBe(400);
    expect((await call('incidents')).status).toBe(401);
    const workloads = (await (await call('workloads', KEYS.viewer)).json()) as {
      items: Record<string, unknown>[];
    };
    expect(workloads.items.map((w) => w.id)).toEqual(['orders-api', 'payments-api']);
    expect(JSON.stringify(workloads)).not.toMatch(/@example\.com/);
  });
});
