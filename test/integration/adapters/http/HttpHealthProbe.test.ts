// One health probe against real local HTTP servers: status, latency and body text decide.
import { HttpHealthProbe, PROBE_BODY_LIMIT_BYTES } from '../../../../shared/adapters/http/HttpHealthProbe';
import { NonRetryableError } from '../../../../shared/errors';
import { HttpTarget } from '../../../support/httpTarget';

const GENEROUS_TIMEOUT_MS = 10_000;
/** Far below the server-side delays, so outcomes cannot depend on machine speed. */
const SHORT_TIMEOUT_MS = 200;
const SLOW_ANSWER_MS = 5_000;
const TIGHT_MAX_LATENCY_MS = 50;
const NOTICEABLE_DELAY_MS = 1_000;

describe('HttpHealthProbe', () => {
  let target: HttpTarget;
  const probe = new HttpHealthProbe();

  beforeEach(async () => {
    target = new HttpTarget(() => ({ status: 200, body: '{"status":"healthy","region":"westeurope"}' }));
    await target.start();
  });

  afterEach(async () => {
    await target.stop();
  });

  // Regression (issue 21): such a URL was never sent (fetch refuses it) and the probe failed every time.
  it('sends credentials in the URL as Authorization: Basic, naming only the host in its reason', async () => {
    const result = await probe.probe({
      url: target.url.replace('//', '//monitor:S3CRET@') + '/health',
      timeoutMs: GENEROUS_TIMEOUT_MS,
    });

    expect(result.ok).toBe(true);
    expect(result.reason).toMatch(new RegExp(`^GET ${target.url}/health answered 200 OK`));
    expect(result.reason).not.toContain('S3CRET');
    expect(target.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('monitor:S3CRET').toString('base64')}`,
    );
  });

  it('passes on the expected status, in time, with the text in the body', async () => {
    const result = await probe.probe({
      url: `${target.url}/health`,
      maxLatencyMs: GENEROUS_TIMEOUT_MS,
      bodyContains: '"healthy"',
      timeoutMs: GENEROUS_TIMEOUT_MS,
    });

    expect(result).toEqual({
      ok: true,
      status: 200,
      latencyMs: expect.any(Number),
      reason: expect.any(String),
    });
    expect(result.reason).toMatch(new RegExp(`^GET ${target.url}/health answered 200 OK in \\d+ ms$`));
    expect(target.requests[0]).toMatchObject({ method: 'GET', url: '/health' });
  });

  it('fails on another status than expected (200 by default)', async () => {
    target.respondWith(() => ({ status: 503, body: 'healthy' }));

    const result = await probe.probe({ url: `${target.url}/health`, timeoutMs: GENEROUS_TIMEOUT_MS });

    expect(result).toMatchObject({ ok: false, status: 503 });
    expect(result.reason).toMatch(/answered 503 Service Unavailable in .+: expected 200; it said "healthy"$/);
  });

  it('quotes what a failing endpoint said, on one line and bounded (regression: the reason dropped the body)', async () => {
    const why = `{"status":"unhealthy",\n"cosmos":"write region unavailable"}${' detail'.repeat(100)}`;
    target.respondWith(() => ({ status: 503, body: why }));

    const result = await probe.probe({ url: `${target.url}/health`, timeoutMs: GENEROUS_TIMEOUT_MS });

    const quoted = /; it said (".*")$/.exec(result.reason)?.[1];
    const excerpt = JSON.parse(quoted ?? '""') as string;
    expect(excerpt.startsWith('{"status":"unhealthy", "cosmos":"write region unavailable"} detail')).toBe(
      true,
    );
    expect(excerpt).toHaveLength(201);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it('passes on a non-default expected status', async () => {
    target.respondWith(() => ({ status: 204 }));

    const result = await probe.probe({ url: target.url, expectStatus: 204, timeoutMs: GENEROUS_TIMEOUT_MS });

    expect(result).toMatchObject({ ok: true, status: 204 });
  });

  it('does not follow redirects', async () => {
    target.respondWith((req) => (req.url === '/health' ? { status: 302, headers: { location: '/ok' } } : {}));

    const result = await probe.probe({ url: `${target.url}/health`, timeoutMs: GENEROUS_TIMEOUT_MS });

    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(target.requests).toHaveLength(1);
  });

  it('fails when slower than the maximum latency', async () => {
    target.respondWith(() => ({ status: 200, body: 'healthy', delayMs: NOTICEABLE_DELAY_MS }));

    const result = await probe.probe({
      url: `${target.url}/health`,
      maxLatencyMs: TIGHT_MAX_LATENCY_MS,
      timeoutMs: GENEROUS_TIMEOUT_MS,
    });

    expect(result).toMatchObject({ ok: false, status: 200 });
    expect(result.latencyMs).toBeGreaterThan(TIGHT_MAX_LATENCY_MS);
    expect(result.reason).toContain('slower than the 50 ms maximum');
  });

  it('fails without a status when the endpoint does not answer in time', async () => {
    target.respondWith(() => ({ status: 200, delayMs: SLOW_ANSWER_MS }));

    const result = await probe.probe({ url: `${target.url}/health`, timeoutMs: SHORT_TIMEOUT_MS });

    expect(result.ok).toBe(false);
    expect(result.status).toBeUndefined();
    expect(result.reason).toBe(`GET ${target.url}/health did not answer within 200 ms`);
  });

  it('fails when the body does not arrive in time', async () => {
    target.respondWith(() => ({ status: 200, body: 'healthy', bodyDelayMs: SLOW_ANSWER_MS }));

    const result = await probe.probe({
      url: target.url,
      bodyContains: 'healthy',
      timeoutMs: SHORT_TIMEOUT_MS,
    });

    expect(result).toMatchObject({ ok: false, status: 200 });
    expect(result.reason).toMatch(/: the body did not arrive within 200 ms$/);
  });

  it('fails when the body lacks the text', async () => {
    target.respondWith(() => ({ status: 200, body: '{"status":"degraded"}' }));

    const result = await probe.probe({
      url: `${target.url}/health`,
      bodyContains: '"healthy"',
      timeoutMs: GENEROUS_TIMEOUT_MS,
    });

    expect(result).toMatchObject({ ok: false, status: 200 });
    expect(result.reason).toMatch(
      /: the body does not contain "\\"healthy\\""; it said "\{\\"status\\":\\"degraded\\"\}"$/,
    );
  });

  it(`looks for the text in the first ${PROBE_BODY_LIMIT_BYTES / 1024} KB only`, async () => {
    target.respondWith(() => ({ status: 200, body: `${' '.repeat(PROBE_BODY_LIMIT_BYTES)}healthy` }));

    const result = await probe.probe({
      url: target.url,
      bodyContains: 'healthy',
      timeoutMs: GENEROUS_TIMEOUT_MS,
    });

    expect(result.ok).toBe(false);
    expect(result.reason).toContain('the body does not contain "healthy" in its first 64 KB');
  });

  it('lists every problem at once', async () => {
    target.respondWith(() => ({ status: 500, body: 'down', delayMs: NOTICEABLE_DELAY_MS }));

    const result = await probe.probe({
      url: target.url,
      maxLatencyMs: TIGHT_MAX_LATENCY_MS,
      bodyContains: 'healthy',
      timeoutMs: GENEROUS_TIMEOUT_MS,
    });

    expect(result.reason).toMatch(
      /: expected 200; slower than the 50 ms maximum; the body does not contain "healthy"; it said "down"$/,
    );
  });

  it('fails without a status when the connection is refused', async () => {
    const url = await HttpTarget.refusingUrl();

    const result = await probe.probe({ url: `${url}/health`, timeoutMs: GENEROUS_TIMEOUT_MS });

    expect(result.ok).toBe(false);
    expect(result.status).toBeUndefined();
    expect(result.reason).toMatch(
      /^GET .+\/health failed after .+: the connection was refused \(ECONNREFUSED\)$/,
    );
  });

  it('keeps query strings out of the reason', async () => {
    const result = await probe.probe({
      url: `${target.url}/health?code=SECRETKEY`,
      timeoutMs: GENEROUS_TIMEOUT_MS,
    });

    expect(result.ok).toBe(true);
    expect(result.reason).not.toContain('SECRETKEY');
    expect(target.requests[0]?.url).toBe('/health?code=SECRETKEY');
  });

  it('does not probe an invalid URL', async () => {
    const result = await probe.probe({ url: 'ftp://example.com/health', timeoutMs: GENEROUS_TIMEOUT_MS });

    expect(result).toEqual({
      ok: false,
      latencyMs: 0,
      reason: 'Not probed: the URL is not an absolute http(s) URL',
    });
  });

  it('rejects a non-positive timeout as a programming error', async () => {
    await expect(probe.probe({ url: target.url, timeoutMs: 0 })).rejects.toThrow(NonRetryableError);
  });
});
