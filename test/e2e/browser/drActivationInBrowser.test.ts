// A whole DR activation as people live it, in headless Chromium: a fixture alert from Azure Monitor,
// the approval email captured by a real SMTP server, its Approve link opened in the browser, the
// confirmation page clicked, then the failover runbook against the two-region demo app in order,
// validation of the secondary, and `recovered` with the RTO measured, all read through GET /api/incidents/{id}.
import { chromium, type Browser } from 'playwright-core';
import { ManualClock } from '../../../local/clock/Clock';
import { startTwoRegionDemoApp, type RunningDemoApp } from '../../../local/demo/TwoRegionDemoApp';
import { waitFor } from '../../local/support/testRuntime';
import { readCapturedEmail } from '../../support/readCapturedEmail';
import { SmtpCapture } from '../../support/SmtpCapture';
import { chromiumLaunchOptions } from '../../support/chromium';
import { alertFixture, startAppRuntime } from '../support/appRuntime';
import { writeDemoFailoverCatalog } from '../support/demoFailoverCatalog';

const SECOND = 1000;
const OPERATOR = 'operator-key-0123456789abcdef';
const AUTOMATION_TOKEN = 'Bearer demo-automation-token-for-the-browser-test';

interface IncidentView {
  id: string;
  status: string;
  rto: { targetSeconds: number; elapsedSeconds: number; met?: boolean; remainingSeconds?: number };
  approval: { status: string; decisions: { approver: string; channel: string; comment?: string }[] };
  steps: { id: string; status: string; attempts: number }[];
  timeline: { type: string; message: string }[];
}

describe('a DR activation approved in the browser', () => {
  const smtp = new SmtpCapture({ user: 'lifeboat', password: 'smtp-password-0123' });
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  let demo: RunningDemoApp;
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startAppRuntime>>;

  beforeAll(async () => {
    await smtp.start();
    demo = await startTwoRegionDemoApp({
      primaryPort: 0,
      secondaryPort: 0,
      automationPort: 0,
      automationToken: AUTOMATION_TOKEN,
    });
    await fetch(`${demo.urls.automation}/demo/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ region: 'westeurope', down: true }),
    });
    const catalogDir = writeDemoFailoverCatalog(demo);
    app = await startAppRuntime({
      catalogDir,
      clock,
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([{ key: OPERATOR, name: 'oscar', roles: ['viewer'] }]),
        LIFEBOAT_SMTP_URL: smtp.url,
        LIFEBOAT_MAIL_FROM: 'Lifeboat <lifeboat@example.com>',
        LIFEBOAT_DEMO_AUTOMATION_TOKEN: AUTOMATION_TOKEN,
      },
    });
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await demo?.close();
    await smtp.stop();
  });

  async function advance(ms: number) {
    clock.advance(ms);
    await app.runtime.idle();
  }
  const incident = async (id: string) =>
    (await (
      await fetch(app.api(`incidents/${id}`), { headers: { authorization: `Bearer ${OPERATOR}` } })
    ).json()) as IncidentView;

  it('goes from an Azure Monitor alert to recovered, approved by clicking the emailed link', async () => {
    expect((await app.postAlerts(alertFixture('azure-monitor-metric-fired.json'))).status).toBe(202);
    await app.runtime.idle();
    const list = (await (
      await fetch(app.api('incidents?workload=orders-api'), {
        headers: { authorization: `Bearer ${OPERATOR}` },
      })
    ).json()) as { items: { id: string }[] };
    const id = list.items[0]?.id;
    if (id === undefined) throw new Error('no incident opened');
    expect((await incident(id)).status).toBe('awaiting-approval');

    const message = await waitFor('the approval email to Alice', () =>
      smtp.messages.find((m) => m.to.includes('alice@example.com')),
    );
    const { text } = readCapturedEmail(message);
    const approveLink = /Approve as Alice:\s*(\S+)/.exec(text)?.[1];
    if (approveLink === undefined) throw new Error(`no approve link in:\n${text}`);

    const page = await browser.newPage();
    await page.goto(approveLink);
    expect(await page.locator('h1').textContent()).toMatch(/Approve/);
    expect((await incident(id)).approval.status).toBe('pending'); // the page alone decides nothing
    await page.locator('textarea[name="comment"]').fill('West Europe is down; go');
    await Promise.all([page.waitForLoadState('load'), page.locator('button[type="submit"]').click()]);
    await page.waitForSelector('h1:has-text("Decision recorded")');
    await page.close();

    await app.runtime.idle();
    const approved = await incident(id);
    expect(approved.approval).toMatchObject({
      status: 'approved',
      decisions: [{ approver: 'alice@example.com', channel: 'email', comment: 'West Europe is down; go' }],
    });
    expect(approved.status).toBe('failing-over');

    await advance(30 * SECOND); // the wait step; then switch-traffic and the first probe round
    await advance(10 * SECOND); // the step's second passing round; validation's first
    await advance(10 * SECOND); // validation's second
    const recovered = await incident(id);
    expect(recovered.status).toBe('recovered');
    expect(recovered.steps.map((s) => [s.id, s.status])).toEqual([
      ['freeze-writes', 'failed'], // the primary is down; on-failure continue
      ['failover-cosmos', 'succeeded'],
      ['wait-for-replication', 'succeeded'],
      ['switch-traffic', 'succeeded'],
      ['validate-secondary', 'succeeded'],
    ]);
    expect(recovered.rto).toMatchObject({ targetSeconds: 900, elapsedSeconds: 50, met: true });
    expect(recovered.timeline.at(-1)?.message).toMatch(
      /RTO 15m: recovered in 50s, met with 14m 10s to spare/,
    );

    // The final message: everyone in the contact matrix hears how it ended, with the RTO achieved.
    const final = await waitFor('the outcome email', () =>
      smtp.messages.find(
        (m) => /Subject: \[Lifeboat\] Recovered: /.test(m.raw) && m.to.includes('erin@example.com'),
      ),
    );
    expect(readCapturedEmail(final).subject).toMatch(/RTO met \(50s of 15m\)/);

    const state = demo.state();
    expect(state.cosmosWriteRegion).toBe('northeurope');
    expect(state.trafficRegion).toBe('northeurope');
    expect(state.effects.map((e) => e.endpoint)).toEqual(['POST /cosmos/failover', 'POST /traffic/switch']);
  });
});
