// DR readiness end to end in the local runtime against the two-region demo app, a real SMTP server and a
// local endpoint standing in for the Teams webhook, on the controllable clock: the readiness timer
// evaluates each workload at its cadence; the secondary going down turns the workload not-ready and the
// owners are told once (not at every evaluation), and told again when it recovers; replication lag above
// the RPO is on the approval card, the email and the link page; and a tier that auto-activates on final
// timeout asks the executives instead of auto-activating onto a not-ready secondary.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ManualClock } from '../../local/clock/Clock';
import { startTwoRegionDemoApp, type RunningDemoApp } from '../../local/demo/TwoRegionDemoApp';
import { container } from '../../shared/container';
import { EmbeddedQueue } from '../../shared/adapters/sqlite/EmbeddedQueue';
import { openEmbeddedDatabase } from '../../shared/adapters/sqlite/openEmbeddedDatabase';
import { WORKLOAD_EVENTS_TOPIC } from '../../shared/domain/contracts/queues';
import { READINESS_EVENT_TYPE } from '../../shared/domain/events/ReadinessEvent';
import { removeDir, waitFor } from '../local/support/testRuntime';
import { HttpTarget, type RecordedRequest } from '../support/httpTarget';
import { readCapturedEmail, type ReadEmail } from '../support/readCapturedEmail';
import { SmtpCapture } from '../support/SmtpCapture';
import { startAppRuntime } from './support/appRuntime';

const MINUTE = 60_000;
const OPERATOR = 'operator-key-0123456789abcdef';
const OWNER = 'team-orders@example.com';
const PAYMENTS_OWNER = 'team-payments@example.com';
const EXECUTIVE = 'erin@example.com';
const TOKEN = 'Bearer demo-automation-token-0123';
const SUBSCRIPTION = 'readiness-test';

interface ReadinessBody {
  state: string;
  reasons: string[];
  rpoExposure?: { text: string; withinRpo: boolean; lagSeconds: number };
  history: { state: string; trigger: string }[];
}
interface IncidentView {
  status: string;
  approval: { status: string };
  timeline: { type: string; message: string }[];
}

function writeCatalog(demo: RunningDemoApp): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lifeboat-readiness-'));
  mkdirSync(path.join(dir, 'workloads'));
  mkdirSync(path.join(dir, 'runbooks'));
  const workload = (id: string, tier: number, owner: string, extra: Record<string, unknown>) => ({
    kind: 'Workload',
    id,
    name: `Workload ${id}`,
    tier,
    rto: '15m',
    rpo: '5m',
    strategy: 'warm-standby',
    regions: { primary: 'westeurope', secondary: 'northeurope' },
    services: ['App Service'],
    match: { labels: { service: id } },
    contacts: {
      approver: [{ name: 'Alice', email: 'alice@example.com' }],
      deputy: [{ name: 'Dave', email: 'dave@example.com' }],
      executive: [{ name: 'Erin', email: EXECUTIVE }],
      owner: [{ name: `Team ${id}`, email: owner }],
    },
    approval: { observationWindow: '0s' },
    activation: { activateWhen: { minSeverity: 'Sev1' } },
    healthChecks: { secondary: [{ name: 'standby', url: `${demo.urls.secondary}/ready` }] },
    replication: [
      { name: 'orders-db', http: { url: `${demo.urls.secondary}/replication`, path: 'lagSeconds' } },
    ],
    runbooks: { failover: `${id}-failover` },
    ...extra,
  });
  const files: [string, unknown][] = [
    ['workloads/orders-api.yaml', workload('orders-api', 1, OWNER, { readiness: { owners: 'owner' } })],
    // Tier 0 auto-activates when nobody decides (3 + 3 + 4 minutes); evaluated every 5 minutes.
    ['workloads/payments-api.yaml', workload('payments-api', 0, PAYMENTS_OWNER, {})],
  ];
  for (const id of ['orders-api', 'payments-api']) {
    files.push([
      `runbooks/${id}-failover.yaml`,
      {
        kind: 'Runbook',
        id: `${id}-failover`,
        name: `Fail ${id} over`,
        workload: id,
        steps: [
          {
            id: 'switch-traffic',
            name: 'Switch traffic',
            type: 'http',
            request: { url: `${demo.urls.automation}/traffic/switch`, body: { to: 'northeurope' } },
          },
        ],
      },
    ]);
  }
  for (const [file, doc] of files) writeFileSync(path.join(dir, file), stringify(doc));
  return dir;
}

describe('DR readiness', () => {
  const smtp = new SmtpCapture({ user: 'lifeboat', password: 'smtp-password-0123' });
  const teams = new HttpTarget(() => ({ status: 202, body: '' }));
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:30.000Z'));
  let demo: RunningDemoApp;
  let catalogDir: string;
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  let sequence = 0;

  beforeAll(async () => {
    await smtp.start();
    await teams.start();
    demo = await startTwoRegionDemoApp({
      primaryPort: 0,
      secondaryPort: 0,
      automationPort: 0,
      automationToken: TOKEN,
      now: () => new Date(clock.now()),
    });
    catalogDir = writeCatalog(demo);
    app = await startAppRuntime({
      clock,
      catalogDir,
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([
          { key: OPERATOR, name: 'oscar', roles: ['viewer', 'operator', 'approver'] },
        ]),
        LIFEBOAT_SMTP_URL: smtp.url,
        LIFEBOAT_MAIL_FROM: 'Lifeboat <lifeboat@example.com>',
        LIFEBOAT_TEAMS_WEBHOOK_URL: `${teams.url}/workflows/teams-webhook?sig=secret-signature`,
      },
    });
    // A subscriber of the events topic, to read the readiness events as a consumer would.
    const db = openEmbeddedDatabase(app.dataDir);
    new EmbeddedQueue(db).declareSubscription(WORKLOAD_EVENTS_TOPIC, SUBSCRIPTION);
    db.close();
    // orders-api was drilled last week, so only its secondary and its lag decide its readiness.
    await container()
      .incidentStore()
      .create({
        id: 'orders-api-drill-20261115',
        workloadId: 'orders-api',
        workloadName: 'Workload orders-api',
        tier: 1,
        mode: 'drill',
        status: 'recovered',
        detectedAt: '2026-11-15T10:00:00.000Z',
        endedAt: '2026-11-15T10:20:00.000Z',
        rtoTargetSeconds: 900,
        steps: [],
        alerts: { count: 0, latest: [] },
      });
  });
  afterAll(async () => {
    await app.stop();
    await demo.close();
    await teams.stop();
    await smtp.stop();
    removeDir(catalogDir);
  });

  const emails = (): ReadEmail[] => smtp.messages.map(readCapturedEmail);
  const readinessEmailsTo = (to: string) =>
    emails().filter((e) => e.to.includes(to) && e.subject.includes('DR readiness of'));
  const authed = { authorization: `Bearer ${OPERATOR}` };
  const getJson = async <T>(route: string): Promise<T> => {
    const res = await fetch(app.api(route), { headers: authed });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  async function advance(ms: number) {
    clock.advance(ms);
    await app.runtime.idle();
  }
  async function setDemo(route: string, body: unknown) {
    const res = await fetch(`${demo.urls.automation}/demo/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  }
  async function postSev1(service: string) {
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: `readiness-alert-${++sequence}`,
          status: 'fired',
          severity: 'Sev1',
          summary: `${service} is failing`,
          firedAt: new Date(clock.now() - MINUTE).toISOString(),
          labels: { service },
        },
      ],
    });
    expect(res.status).toBe(202);
    await app.runtime.idle();
    await advance(5_000);
  }
  async function incidentOf(workload: string): Promise<string> {
    return waitFor(`an incident of ${workload}`, async () => {
      const list = await getJson<{ items: { id: string; workloadId: string }[] }>(
        `incidents?workload=${workload}`,
      );
      return list.items[0]?.id;
    });
  }

  it('turns orders-api not-ready when its secondary goes down, tells the owners once, and again when it recovers', async () => {
    await advance(MINUTE); // 03:01:30: the timer's first occurrence evaluates both workloads
    const first = await getJson<ReadinessBody>('workloads/orders-api/readiness');
    expect(first.state).toBe('ready');
    expect(first.rpoExposure).toMatchObject({ lagSeconds: 4, withinRpo: true });
    expect(readinessEmailsTo(OWNER)).toEqual([]); // ready from the start: nothing to tell

    await setDemo('outage', { region: 'northeurope', down: true });
    await advance(15 * MINUTE); // the tier-1 cadence
    const down = await getJson<ReadinessBody>('workloads/orders-api/readiness');
    expect(down.state).toBe('not-ready');
    expect(down.reasons[0]).toMatch(/^secondary health check standby fails: GET .*\/ready answered 503/);
    const told = readinessEmailsTo(OWNER);
    expect(told).toHaveLength(1);
    expect(told[0]?.subject).toBe('[Lifeboat] DR readiness of Workload orders-api: NOT READY (was READY)');
    expect(told[0]?.text).toContain('secondary health check standby fails');

    // Still down at the next two evaluations: recorded, not told again.
    await advance(15 * MINUTE);
    await advance(15 * MINUTE);
    const still = await getJson<ReadinessBody>('workloads/orders-api/readiness');
    expect(still.history.slice(0, 3).map((h) => h.state)).toEqual(['not-ready', 'not-ready', 'not-ready']);
    expect(readinessEmailsTo(OWNER)).toHaveLength(1);

    await setDemo('outage', { region: 'northeurope', down: false });
    await advance(15 * MINUTE);
    expect((await getJson<ReadinessBody>('workloads/orders-api/readiness')).state).toBe('ready');
    expect(readinessEmailsTo(OWNER).map((e) => e.subject)).toEqual([
      '[Lifeboat] DR readiness of Workload orders-api: NOT READY (was READY)',
      '[Lifeboat] DR readiness of Workload orders-api: READY (was NOT READY)',
    ]);
    // And as events on the topic, one per change.
    const db = openEmbeddedDatabase(app.dataDir);
    try {
      const queue = new EmbeddedQueue(db, () => clock.now());
      const received = await queue.receiveInGroupCommit(
        `${WORKLOAD_EVENTS_TOPIC}/Subscriptions/${SUBSCRIPTION}`,
        50,
        MINUTE,
      );
      const changes = received
        .map((m) => m.body as { type: string; data: { workloadId: string; state: string } })
        .filter((e) => e.type === READINESS_EVENT_TYPE && e.data.workloadId === 'orders-api')
        .map((e) => e.data.state);
      expect(changes).toEqual(['not-ready', 'ready']);
    } finally {
      db.close();
    }
    // GET /api/workloads carries it too.
    const list = await getJson<{ items: { id: string; readiness: { state: string } }[] }>('workloads');
    expect(list.items.find((w) => w.id === 'orders-api')?.readiness.state).toBe('ready');
  });

  it('shows replication lag above the RPO on the approval card, the email and the link page', async () => {
    await setDemo('replication', { lagSeconds: 420 });
    await postSev1('orders-api');
    const id = await incidentOf('orders-api');
    const email = await waitFor('the approval email', () =>
      emails().find((e) => e.subject.includes('Approve DR activation') && e.text.includes(id)),
    );
    const exposure =
      'North Europe is 7 m behind; RPO 5 m: EXCEEDED by 2 m; failing over now may lose up to about 7 m of writes';
    expect(email.text).toContain(`RPO exposure: ${exposure}`);
    expect(email.text).toContain('Secondary:   North Europe: NOT READY');
    expect(email.text).toContain('replication orders-db is 7 m behind (fails at 5 m)');
    const card = await waitFor('the approval card', () =>
      teams.requests.find(
        (r: RecordedRequest) => r.body.includes('Approve DR activation?') && r.body.includes(id),
      ),
    );
    expect(card.body).toContain(`RPO exposure: ${exposure}`);

    const [link] = email.text.match(/http:\/\/127\.0\.0\.1:\d+\/api\/approvals\/[^\s"<]+/) ?? [];
    if (link === undefined) throw new Error('no approval link in the email');
    const page = await (await fetch(link)).text();
    expect(page).toContain(exposure);
    expect(page).toContain('North Europe: NOT READY');

    // The approval asked for a fresh evaluation: it is in the history, marked as the approval's.
    const readiness = await getJson<ReadinessBody>('workloads/orders-api/readiness');
    expect(readiness.history.slice(0, 2)).toContainEqual(
      expect.objectContaining({ trigger: 'approval', state: 'not-ready' }),
    );
    await fetch(app.api(`incidents/${id}/actions/abort`), { method: 'POST', headers: authed });
    await app.runtime.idle();
    await setDemo('replication', { lagSeconds: 4 });
  });

  it('does not auto-activate a tier-0 workload onto a not-ready secondary: it asks the executives and says why', async () => {
    await setDemo('outage', { region: 'northeurope', down: true });
    await postSev1('payments-api');
    const id = await incidentOf('payments-api');
    await advance(3 * MINUTE); // approvers' time
    await advance(3 * MINUTE); // deputies'
    await advance(4 * MINUTE); // executives': the tier would auto-activate now
    const view = await getJson<IncidentView>(`incidents/${id}`);
    expect(view.status).toBe('awaiting-approval');
    const guard = view.timeline.find((e) => e.type === 'approval-guard-rail');
    expect(guard?.message).toMatch(
      /^Not activating automatically: the secondary \(North Europe\) is not ready \(secondary health check standby fails: .*\); asking executive to decide instead/,
    );
    const asked = await waitFor('the executives asked again', () => {
      const requests = emails().filter(
        (e) => e.to.includes(EXECUTIVE) && e.subject.includes('Approve DR activation') && e.text.includes(id),
      );
      return requests.length === 2 ? requests : undefined;
    });
    expect(asked[1]?.text).toContain(
      'Not activating automatically: the secondary (North Europe) is not ready',
    );

    await advance(4 * MINUTE); // nobody decides: it expires, it never activates
    const ended = await getJson<IncidentView>(`incidents/${id}`);
    expect(ended.status).toBe('expired');
    expect(ended.approval.status).toBe('expired');
    expect(ended.timeline.some((e) => e.type === 'step-started')).toBe(false);
    expect(demo.state().trafficRegion).toBe('westeurope');
  });
});
