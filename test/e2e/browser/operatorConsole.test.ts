// The operator console in headless Chromium, through a whole DR activation against the two-region demo app:
// sign in with an operator key, the board lists the live incident, Approve and Confirm step are pressed
// as buttons, the incident page follows the runbook without a reload, a viewer sees no buttons, a forged POST
// is refused, a form sent after the session ended goes to sign-in and back, a <script> in a comment stays
// text, and the report holds the incident record's figures.
// Screenshots land in test-artifacts/console/ (and docs/images/ with LIFEBOAT_UPDATE_SCREENSHOTS=1).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ManualClock } from '../../../local/clock/Clock';
import { startTwoRegionDemoApp, type RunningDemoApp } from '../../../local/demo/TwoRegionDemoApp';
import { repoRoot } from '../../local/support/testRuntime';
import { chromiumLaunchOptions } from '../../support/chromium';
import { alertFixture, startAppRuntime } from '../support/appRuntime';
import { writeRunbookCatalog } from '../support/runbookCatalog';

const SECOND = 1000;
const OSCAR = 'oscar-operator-key-0123456789';
const VERA = 'vera-viewer-key-0123456789abc';
const AUTOMATION_TOKEN = 'Bearer demo-automation-token-for-the-console-test';
const ARTEFACTS = path.join(repoRoot, 'test-artifacts', 'console');
const README_IMAGES = path.join(repoRoot, 'docs', 'images');
const COMMENT = '<script>alert("x")</script> West Europe is down';

interface IncidentView {
  id: string;
  status: string;
  rto: { targetSeconds: number; elapsedSeconds: number; met?: boolean };
  approval: { decisions: { approver: string; channel: string; comment?: string; at: string }[] };
  steps: { id: string; status: string; attempts: number; startedAt?: string; endedAt?: string }[];
}

describe('the operator console', () => {
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  let demo: RunningDemoApp;
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  let dialogs = 0;

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
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
    const catalogDir = writeRunbookCatalog([
      {
        id: 'orders-api',
        match: { resourceGroups: ['rg-orders-*'] },
        secondaryChecks: [{ name: 'orders-api', url: `${demo.urls.secondary}/health`, consecutivePasses: 2 }],
        steps: [
          {
            id: 'failover-cosmos',
            name: 'Fail over the Cosmos DB write region',
            type: 'http',
            request: {
              url: `${demo.urls.automation}/cosmos/failover`,
              headers: { Authorization: { secret: 'LIFEBOAT_DEMO_AUTOMATION_TOKEN' } },
              body: { account: 'cosmos-orders', writeRegion: 'northeurope' },
              expectStatus: [200, 202],
            },
          },
          { id: 'wait-for-replication', name: 'Let replication settle', type: 'wait', duration: '30s' },
          {
            id: 'switch-traffic',
            name: 'Switch traffic to North Europe',
            type: 'http',
            request: { url: `${demo.urls.automation}/traffic/switch`, body: { to: 'northeurope' } },
          },
          {
            id: 'smoke-test',
            name: 'Confirm customer-facing smoke test',
            type: 'manual',
            instructions: 'Place and cancel a test order.',
          },
        ],
      },
    ]);
    app = await startAppRuntime({
      catalogDir,
      clock,
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([
          { key: OSCAR, name: 'oscar', roles: ['operator', 'approver'] },
          { key: VERA, name: 'vera', roles: ['viewer'] },
        ]),
        LIFEBOAT_DEMO_AUTOMATION_TOKEN: AUTOMATION_TOKEN,
      },
    });
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await demo?.close();
  });

  async function advance(ms: number) {
    clock.advance(ms);
    await app.runtime.idle();
  }
  const incident = async (id: string) =>
    (await (
      await fetch(app.api(`incidents/${id}`), { headers: { authorization: `Bearer ${OSCAR}` } })
    ).json()) as IncidentView;

  async function screenshot(page: Page, name: string) {
    await page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: true });
    if (process.env.LIFEBOAT_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(README_IMAGES, { recursive: true });
      await page.screenshot({ path: path.join(README_IMAGES, `console-${name}.png`), fullPage: true });
    }
  }

  async function signIn(page: Page, key: string, target: string) {
    await page.goto(target);
    expect(new URL(page.url()).pathname).toBe('/api/console/sign-in');
    await page.locator('input[name="key"]').fill(key);
    await Promise.all([
      page.waitForURL((url) => url.pathname !== '/api/console/sign-in'),
      page.locator('button[type="submit"]').click(),
    ]);
  }

  async function act(page: Page, action: string, comment: string) {
    const details = page.locator(`#actions details[data-action="${action}"]`);
    await details.locator('summary').click();
    await details.locator('textarea[name="comment"]').fill(comment);
    await Promise.all([page.waitForLoadState('load'), details.locator('button[type="submit"]').click()]);
    await page.waitForSelector('#notice');
    expect(await page.locator('#notice').textContent()).toBe(`${action} accepted.`);
  }

  it('runs a DR activation from the board to recovered, through its buttons, and reports it', async () => {
    expect((await app.postAlerts(alertFixture('azure-monitor-metric-fired.json'))).status).toBe(202);
    await app.runtime.idle();

    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });

    // Sign in once; the session cookie is HttpOnly and SameSite=Strict.
    await signIn(page, OSCAR, app.api('console'));
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'lifeboat_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api', secure: false });
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000);

    const row = page.locator('#open-incidents tr[data-incident]');
    await expect(row.count()).resolves.toBe(1);
    const id = (await row.getAttribute('data-incident')) ?? '';
    expect(await row.locator('td').allTextContents()).toEqual([
      id,
      'Workload orders-api',
      '1',
      'live',
      'awaiting-approval',
      'Sev1',
      '0s of 15m, 15m left',
      'approval',
    ]);
    await screenshot(page, 'board');

    await Promise.all([page.waitForLoadState('load'), row.locator('a').click()]);
    expect(await page.locator('#lifecycle li.current').textContent()).toBe('awaiting-approval');
    await act(page, 'approve', COMMENT);
    await app.runtime.idle();

    // The page follows the runbook without a reload: the live region is refreshed by console.js.
    const reloads: string[] = [];
    page.on('framenavigated', (frame) => reloads.push(frame.url()));
    await advance(30 * SECOND);
    await page.waitForSelector('#steps tr[data-step="smoke-test"][data-status="waiting"]', {
      timeout: 20_000,
    });
    expect(reloads).toEqual([]);
    expect(await page.locator('#status').textContent()).toMatch(/waiting on manual step smoke-test/);
    // The comment with a <script> is text: shown as written, never run.
    expect(await page.locator('#decisions td').nth(4).textContent()).toBe(COMMENT);
    expect(dialogs).toBe(0);
    await screenshot(page, 'incident');

    await act(page, 'confirm-step', 'test order placed and cancelled');
    await advance(10 * SECOND);
    const recovered = await incident(id);
    expect(recovered.status).toBe('recovered');
    expect(recovered.approval.decisions).toMatchObject([
      { approver: 'oscar', channel: 'console', comment: COMMENT },
    ]);
    expect(recovered.steps.map((s) => [s.id, s.status])).toEqual([
      ['failover-cosmos', 'succeeded'],
      ['wait-for-replication', 'succeeded'],
      ['switch-traffic', 'succeeded'],
      ['smoke-test', 'succeeded'],
    ]);
    await page.waitForSelector('#lifecycle li.done:has-text("recovered")', { timeout: 20_000 });

    // The report's figures are the incident record's.
    await page.goto(app.api(`incidents/${id}/report`));
    expect(await page.locator('#rto-achieved').textContent()).toBe(`${recovered.rto.elapsedSeconds} s`);
    expect(await page.locator('#rto-verdict').textContent()).toMatch(
      /^RTO 15m: recovered in \d+s, met with .* to spare$/,
    );
    const reportRows = await page.locator('#steps tr[data-step]').all();
    expect(await Promise.all(reportRows.map((r) => r.getAttribute('data-step')))).toEqual(
      recovered.steps.map((s) => s.id),
    );
    const decision = recovered.approval.decisions[0];
    expect(await page.locator('#decisions td').allTextContents()).toEqual([
      'oscar',
      'approve',
      'console',
      decision?.at,
      COMMENT,
    ]);
    const smoke = recovered.steps[3];
    const smokeSeconds = Math.round(
      (Date.parse(smoke?.endedAt ?? '') - Date.parse(smoke?.startedAt ?? '')) / 1000,
    );
    expect(await page.locator('#steps tr[data-step="smoke-test"] td').nth(6).textContent()).toBe(
      smokeSeconds === 0 ? '0s' : `${smokeSeconds}s`,
    );
    expect(dialogs).toBe(0);
    await screenshot(page, 'report');
    await context.close();
  });

  it('shows a viewer no action buttons and refuses a forged POST', async () => {
    await app.postAlerts(
      (() => {
        const alert = alertFixture('azure-monitor-metric-fired.json') as {
          data: { essentials: Record<string, unknown> };
        };
        alert.data.essentials.alertId =
          '/subscriptions/x/providers/Microsoft.AlertsManagement/alerts/another-one';
        alert.data.essentials.alertTargetIDs = [
          '/subscriptions/x/resourcegroups/rg-orders-weu/providers/microsoft.web/sites/app-orders-2',
        ];
        return alert;
      })(),
    );
    await app.runtime.idle();
    const list = (await (
      await fetch(app.api('incidents?status=awaiting-approval'), {
        headers: { authorization: `Bearer ${OSCAR}` },
      })
    ).json()) as {
      items: { id: string }[];
    };
    const id = list.items[0]?.id;
    if (id === undefined) throw new Error('no second incident awaiting approval');

    const viewer = await browser.newContext();
    const page = await viewer.newPage();
    await signIn(page, VERA, app.api(`console/incidents/${id}`));
    expect(await page.locator('h1').first().textContent()).toMatch(/Workload orders-api/);
    expect(await page.locator('#actions').count()).toBe(0);

    // The workloads page: the catalog as loaded, in words.
    await page.goto(app.api('console/workloads'));
    const card = page.locator('#workload-orders-api');
    expect(await card.locator('table.contacts').innerText()).toMatch(/approver\s+Alice/);
    expect(await card.locator('ul.criteria').innerText()).toBe('Sev1 or worse');
    expect(await card.locator('ol li').allTextContents()).toEqual([
      'failover-cosmos Fail over the Cosmos DB write region (http): POST ' +
        `${demo.urls.automation}/cosmos/failover, expecting 200 or 202`,
      'wait-for-replication Let replication settle (wait): Wait 30s.',
      `switch-traffic Switch traffic to North Europe (http): POST ${demo.urls.automation}/traffic/switch, expecting 200-299`,
      'smoke-test Confirm customer-facing smoke test (manual): Follow the instructions, then record who confirmed it and when.',
    ]);
    expect(await card.locator('a[href="/api/workloads/orders-api/runbook"]').count()).toBe(1);
    await screenshot(page, 'workloads');

    // A forged form post (right cookie, no token) and one with a made-up token are both refused.
    const operator = await browser.newContext();
    const opPage = await operator.newPage();
    await signIn(opPage, OSCAR, app.api(`console/incidents/${id}`));
    expect(await opPage.locator('#actions details[data-action="approve"]').count()).toBe(1);
    for (const form of [{ comment: 'forged' }, { comment: 'forged', csrf: 'made-up-token' }] as Record<
      string,
      string
    >[]) {
      const forged = await operator.request.post(app.api(`console/incidents/${id}/actions/approve`), {
        form,
      });
      expect(forged.status()).toBe(403);
      expect(await forged.text()).toContain('security token is missing or wrong');
    }
    // The viewer's own token does not make it an approver either.
    const csrf = await page.locator('header form input[name="csrf"]').getAttribute('value');
    const asViewer = await viewer.request.post(app.api(`console/incidents/${id}/actions/approve`), {
      form: { comment: 'not mine to decide', csrf: csrf ?? '' },
    });
    expect(asViewer.status()).toBe(403);
    expect(await asViewer.text()).toContain('approve needs the approver role; you hold viewer');
    expect((await incident(id)).approval.decisions).toEqual([]);

    // The session ends while the page is open: the form goes to sign-in, which says nothing was done, and
    // signing in again comes back to the incident page, where the action can be taken again.
    await operator.clearCookies();
    const approve = opPage.locator('#actions details[data-action="approve"]');
    await approve.locator('summary').click();
    await approve.locator('textarea[name="comment"]').fill('approving after the session ended');
    await Promise.all([
      opPage.waitForURL((url) => url.pathname === '/api/console/sign-in'),
      approve.locator('button[type="submit"]').click(),
    ]);
    expect(await opPage.locator('.notice.error').textContent()).toBe(
      'Your session ended before the form was sent, so nothing was done. Sign in, then do it again.',
    );
    await opPage.locator('input[name="key"]').fill(OSCAR);
    await Promise.all([
      opPage.waitForURL((url) => url.pathname === `/api/console/incidents/${id}`),
      opPage.locator('button[type="submit"]').click(),
    ]);
    expect(await opPage.locator('#actions details[data-action="approve"]').count()).toBe(1);
    expect((await incident(id)).approval.decisions).toEqual([]);
    await viewer.close();
    await operator.close();
  });
});
