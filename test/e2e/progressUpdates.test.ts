// Progress updates through the local runtime with a real SMTP server: while a failover runs, everyone in
// the workload's contact matrix hears where it is every notificationCadence (here 5 minutes), with the step
// it is on and the RTO budget left; once it has ended the updates stop and only the final message follows.
import { ManualClock } from '../../local/clock/Clock';
import { HttpTarget } from '../support/httpTarget';
import { readCapturedEmail } from '../support/readCapturedEmail';
import { SmtpCapture } from '../support/SmtpCapture';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const OPERATOR = 'operator-key-0123456789abcdef';
const EVERYONE = ['alice@example.com', 'dave@example.com', 'erin@example.com'];

interface IncidentView {
  id: string;
  status: string;
  timeline: { type: string; message: string }[];
}

describe('progress updates while a failover runs', () => {
  const smtp = new SmtpCapture({ user: 'lifeboat', password: 'smtp-password-0123' });
  const target = new HttpTarget(() => ({ status: 200, body: '{}' }));
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));

  beforeAll(async () => {
    await smtp.start();
    const base = await target.start();
    const catalogDir = writeRunbookCatalog([
      {
        id: 'steady',
        approval: { notificationCadence: '5m' },
        secondaryChecks: [{ name: 'app', url: `${base}/health`, consecutivePasses: 1, deadline: '1m' }],
        steps: [
          {
            id: 'switch',
            name: 'Switch traffic',
            type: 'http',
            request: { method: 'POST', url: `${base}/switch` },
            retry: 'none',
          },
          { id: 'smoke', name: 'Smoke test', type: 'manual', instructions: 'Place an order.', timeout: '1h' },
        ],
      },
    ]);
    app = await startAppRuntime({
      catalogDir,
      clock,
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([
          { key: OPERATOR, name: 'oscar', roles: ['viewer', 'operator', 'approver'] },
        ]),
        LIFEBOAT_SMTP_URL: smtp.url,
        LIFEBOAT_MAIL_FROM: 'Lifeboat <lifeboat@example.com>',
      },
    });
  });
  afterAll(async () => {
    await app.stop();
    await target.stop();
    await smtp.stop();
  });

  const progressEmails = () =>
    smtp.messages.map(readCapturedEmail).filter((email) => email.subject.includes('(update '));
  async function advance(ms: number) {
    clock.advance(ms);
    await app.runtime.idle();
  }
  const call = (route: string, init: RequestInit = {}) =>
    fetch(app.api(route), {
      ...init,
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    });
  const incident = async (id: string) => (await (await call(`incidents/${id}`)).json()) as IncidentView;

  it('tells everyone where the failover is every cadence, and stops once it has ended', async () => {
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: 'progress-1',
          status: 'fired',
          severity: 'Sev0',
          summary: 'steady is down',
          firedAt: new Date(clock.now() - MINUTE).toISOString(),
          labels: { service: 'steady' },
        },
      ],
    });
    expect(res.status).toBe(202);
    await app.runtime.idle();
    const list = (await (await call('incidents?workload=steady')).json()) as { items: { id: string }[] };
    const id = list.items[0]?.id ?? '';
    expect((await call(`incidents/${id}/actions/approve`, { method: 'POST', body: '' })).status).toBe(202);
    await app.runtime.idle();
    expect((await incident(id)).status).toBe('failing-over');
    expect(progressEmails()).toEqual([]);

    await advance(5 * MINUTE);
    const first = progressEmails();
    expect(first.map((e) => e.to[0]).sort()).toEqual(EVERYONE);
    expect(first[0]?.subject).toMatch(
      /^\[Lifeboat\] Failing over: Workload steady, 5m( \d+s)? elapsed, .* of 15m left \(update 1\)$/,
    );
    expect(first[0]?.text).toContain('Where:     step 2 of 2: Smoke test (waiting for an operator)');
    expect(first[0]?.text).toContain('  - [done] Switch traffic (switch)');

    await advance(5 * MINUTE);
    expect(progressEmails().filter((e) => e.subject.includes('(update 2)'))).toHaveLength(3);

    expect((await call(`incidents/${id}/actions/confirm-step`, { method: 'POST', body: '' })).status).toBe(
      202,
    );
    await app.runtime.idle();
    await advance(10 * SECOND);
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    const sent = progressEmails().length;
    await advance(5 * MINUTE);
    await advance(5 * MINUTE);
    expect(progressEmails()).toHaveLength(sent);
    expect((await incident(id)).timeline.filter((t) => t.type === 'notification-failed')).toEqual([]);
    const updates = app.runtime.store.getInstance(`${id}:progress-updates`);
    expect(updates?.runtimeStatus).toBe('Completed');
  });
});
