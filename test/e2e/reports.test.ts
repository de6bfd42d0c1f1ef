// GET /api/incidents/{id}/report and GET /api/workloads/{id}/runbook over real HTTP in the local runtime:
// who may read them, both formats, the page's headers, and clear errors for bad input.
import { container } from '../../shared/container';
import { HTML_SECURITY_HEADERS } from '../../functions/http/htmlResponse';
import { awaitingApproval } from '../unit/functions/approvalPagesTestSupport';
import { startAppRuntime } from './support/appRuntime';

const VIEWER = 'viewer-key-0123456789abcdef';
const incident = awaitingApproval({
  alerts: {
    count: 1,
    latest: [
      {
        id: 'a1',
        fingerprint: 'f1',
        severity: 'Sev1',
        condition: 'fired',
        at: '2026-11-22T03:00:00.000Z',
        summary: 'Http5xx <script>alert(1)</script> on app-orders-weu',
      },
    ],
  },
});

let app: Awaited<ReturnType<typeof startAppRuntime>>;
const get = (route: string, key: string | null = VIEWER) =>
  fetch(app.api(route), { headers: key === null ? {} : { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  app = await startAppRuntime({
    settings: {
      LIFEBOAT_OPERATOR_KEYS: JSON.stringify([{ key: VIEWER, name: 'vera', roles: ['viewer'] }]),
    },
  });
  await container().incidentStore().create(incident);
});
afterAll(async () => {
  await app?.stop();
});

describe('GET /api/incidents/{id}/report', () => {
  it('is a printable page, every recorded value escaped, with the security headers of every page', async () => {
    const res = await get(`incidents/${incident.id}/report`);
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) {
      expect(res.headers.get(name)).toBe(value);
    }
    const html = await res.text();
    expect(html).toContain('<h1>Post-incident report: Orders API</h1>');
    expect(html).toContain('Http5xx &lt;script&gt;alert(1)&lt;&#x2F;script&gt; on app-orders-weu');
    expect(html).not.toContain('<script>');
    expect(html).toContain('@media print');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('<li>Sev1 or worse fired</li>');
  });

  it('is Markdown with ?format=md', async () => {
    const res = await get(`incidents/${incident.id}/report?format=md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const md = await res.text();
    expect(md).toMatch(/^# Post-incident report: Orders API \(/);
    expect(md).toContain('Http5xx \\<script\\>alert(1)\\</script\\> on app-orders-weu');
    expect(md).toContain('## Open questions');
  });

  it('answers 401 without credentials, 404 for an unknown incident and 400 for an unknown format', async () => {
    const anonymous = await get(`incidents/${incident.id}/report`, null);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const unknown = await get('incidents/nope/report');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'not_found', message: "No incident 'nope'.", details: [] },
    });
    const bad = await get(`incidents/${incident.id}/report?format=pdf`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      'format',
    );
  });
});

describe('GET /api/workloads/{id}/runbook', () => {
  it('is a printable page with the contact matrix, the steps and their requests, secrets named only', async () => {
    const res = await get('workloads/orders-api/runbook');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(HTML_SECURITY_HEADERS['content-security-policy']);
    const html = await res.text();
    expect(html).toContain('<h1>DR runbook: Orders API</h1>');
    expect(html).toContain('<td>alice.jansen@example.com</td>');
    expect(html).toContain('id="step-failover-cosmos"');
    expect(html).toContain('-H &quot;Authorization: $LIFEBOAT_DEMO_AUTOMATION_TOKEN&quot;');
    // The app's own value of the secret (set by the test runtime) appears nowhere.
    expect(html).not.toContain('test-demo-automation-token');
  });

  it('is Markdown with ?format=md, and 404 names the workloads there are', async () => {
    const md = await (await get('workloads/orders-api/runbook?format=md')).text();
    expect(md).toMatch(/^# DR runbook: Orders API \(orders-api\)/);
    expect(md).not.toContain('test-demo-automation-token');
    const unknown = await get('workloads/payments/runbook');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      "No workload 'payments'. Workloads: orders-api, payments-api.",
    );
  });
});
