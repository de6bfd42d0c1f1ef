// The http step executor against real local HTTP servers: outcomes, the idempotency key, and reasons
// that never repeat secrets.
import {
  BODY_PREVIEW_BYTES,
  FetchHttpStepExecutor,
} from '../../../../shared/adapters/http/FetchHttpStepExecutor';
import { NonRetryableError } from '../../../../shared/errors';
import { type HttpStepOutcome, type HttpStepRequest } from '../../../../shared/ports/StepExecutor';
import { HttpTarget } from '../../../support/httpTarget';

/** Far below the server-side delay used for timeouts, so the outcome cannot depend on machine speed. */
const SHORT_TIMEOUT_MS = 200;
const SLOW_ANSWER_MS = 5_000;
const GENEROUS_TIMEOUT_MS = 10_000;

const AUTHORIZATION = 'Bearer sk-live-4f9c2a7e-TOPSECRET';
const QUERY_TOKEN = 'webhook-token-QUERYSECRET';
const BODY_SECRET = 'body-password-BODYSECRET';

describe('FetchHttpStepExecutor', () => {
  let target: HttpTarget;
  const executor = new FetchHttpStepExecutor();

  beforeEach(async () => {
    target = new HttpTarget();
    await target.start();
  });

  afterEach(async () => {
    await target.stop();
  });

  function step(overrides: Partial<HttpStepRequest> = {}): HttpStepRequest {
    return {
      method: 'POST',
      url: `${target.url}/failover`,
      headers: {},
      body: { region: 'westeurope' },
      expectStatus: { min: 200, max: 299 },
      timeoutMs: GENEROUS_TIMEOUT_MS,
      idempotencyKey: 'inc-7f3a/step-switch-traffic/0',
      ...overrides,
    };
  }

  function failed(outcome: HttpStepOutcome) {
    if (outcome.kind !== 'failed') {
      throw new Error(`Expected a failed outcome, got ${JSON.stringify(outcome)}`);
    }
    return outcome;
  }

  it('succeeds on an expected status, sending method, headers and the JSON body', async () => {
    target.respondWith(() => ({ status: 202, body: '{"jobId":"42"}' }));

    const outcome = await executor.execute(step({ headers: { 'x-runbook': 'orders-api' } }));

    expect(outcome).toEqual({
      kind: 'succeeded',
      status: 202,
      latencyMs: expect.any(Number),
      bodyPreview: '{"jobId":"42"}',
    });
    expect(target.requests).toHaveLength(1);
    const [sent] = target.requests;
    expect(sent).toMatchObject({ method: 'POST', url: '/failover', body: '{"region":"westeurope"}' });
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['x-runbook']).toBe('orders-api');
  });

  it('sends the same Idempotency-Key, as a structured-field string, on every attempt', async () => {
    const request = step();

    await executor.execute(request);
    await executor.execute(request);

    const keys = target.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual(['"inc-7f3a/step-switch-traffic/0"', '"inc-7f3a/step-switch-traffic/0"']);
  });

  it('escapes quotes and backslashes in the key, and overrides a key the step declared', async () => {
    await executor.execute(
      step({ idempotencyKey: 'a"b\\c', headers: { 'Idempotency-Key': 'declared-by-the-runbook' } }),
    );

    expect(target.requests[0]?.headers['idempotency-key']).toBe('"a\\"b\\\\c"');
  });

  it('reports a timeout as a retryable failure without a status', async () => {
    target.respondWith(() => ({ status: 200, delayMs: SLOW_ANSWER_MS }));

    const outcome = failed(await executor.execute(step({ timeoutMs: SHORT_TIMEOUT_MS })));

    expect(outcome.retryable).toBe(true);
    expect(outcome.status).toBeUndefined();
    expect(outcome.reason).toBe(`POST ${target.url}/failover did not answer within 200 ms; retryable`);
  });

  it('succeeds on an expected status whose body does not arrive in time, keeping what did', async () => {
    target.respondWith(() => ({ status: 202, body: 'accepted', bodyDelayMs: SLOW_ANSWER_MS }));

    const outcome = await executor.execute(step({ timeoutMs: SHORT_TIMEOUT_MS }));

    expect(outcome).toMatchObject({ kind: 'succeeded', status: 202, bodyPreview: '' });
  });

  it('reads Retry-After seconds on a 503', async () => {
    target.respondWith(() => ({ status: 503, headers: { 'retry-after': '2' }, body: 'maintenance' }));

    const outcome = failed(await executor.execute(step()));

    expect(outcome).toMatchObject({
      retryable: true,
      status: 503,
      retryAfterMs: 2000,
      bodyPreview: 'maintenance',
    });
    expect(outcome.reason).toMatch(
      new RegExp(
        `^POST ${target.url}/failover answered 503 Service Unavailable after \\d+(\\.\\d)? m?s, ` +
          'expected 200–299; retryable; the target asked to wait 2 s$',
      ),
    );
  });

  it('reads a Retry-After HTTP-date on a 429 against its clock', async () => {
    const now = Date.UTC(2030, 0, 15, 10, 0, 0);
    const clocked = new FetchHttpStepExecutor({ now: () => now });
    const retryAt = new Date(now + 120_000).toUTCString();
    target.respondWith(() => ({ status: 429, headers: { 'retry-after': retryAt } }));

    const outcome = failed(await clocked.execute(step()));

    expect(outcome).toMatchObject({ retryable: true, status: 429, retryAfterMs: 120_000 });
  });

  it.each([408, 409, 500, 502, 504])('treats %i as retryable', async (status) => {
    target.respondWith(() => ({ status }));

    const outcome = failed(await executor.execute(step()));

    expect(outcome).toMatchObject({ retryable: true, status });
    expect(outcome.retryAfterMs).toBeUndefined();
  });

  it.each([400, 401, 403, 404, 422])('treats %i as not retryable, ignoring Retry-After', async (status) => {
    target.respondWith(() => ({ status, headers: { 'retry-after': '5' } }));

    const outcome = failed(await executor.execute(step()));

    expect(outcome).toMatchObject({ retryable: false, status });
    expect(outcome.retryAfterMs).toBeUndefined();
    expect(outcome.reason).toMatch(/; not retryable$/);
  });

  it('does not follow a redirect: an unexpected 302 is not retryable', async () => {
    target.respondWith((req) =>
      req.url === '/failover' ? { status: 302, headers: { location: '/elsewhere' } } : { status: 200 },
    );

    const outcome = failed(await executor.execute(step()));

    expect(outcome).toMatchObject({ retryable: false, status: 302 });
    expect(outcome.reason).toContain('302 Found after');
    expect(outcome.reason).toContain('(redirects are not followed), expected 200–299');
    expect(target.requests.map((r) => r.url)).toEqual(['/failover']);
  });

  it('succeeds on a 302 when the step expects it', async () => {
    target.respondWith(() => ({ status: 302, headers: { location: '/elsewhere' } }));

    const outcome = await executor.execute(step({ expectStatus: [200, 302] }));

    expect(outcome).toMatchObject({ kind: 'succeeded', status: 302 });
    expect(target.requests).toHaveLength(1);
  });

  it('fails, not retryable, on a 2xx outside the expected list', async () => {
    target.respondWith(() => ({ status: 202 }));

    const outcome = failed(await executor.execute(step({ expectStatus: [200, 201, 204] })));

    expect(outcome).toMatchObject({ retryable: false, status: 202 });
    expect(outcome.reason).toContain('expected 200, 201 or 204; not retryable');
  });

  it.each([
    [{ min: 200, max: 299 }, 204, 'succeeded'],
    [{ min: 200, max: 299 }, 300, 'failed'],
    [{ min: 200, max: 202 }, 202, 'succeeded'],
    [{ min: 200, max: 202 }, 203, 'failed'],
    [{ min: 404, max: 404 }, 404, 'succeeded'],
    [[200], 200, 'succeeded'],
    [[200], 201, 'failed'],
  ] as const)('with expectStatus %j, %i is %s', async (expectStatus, status, kind) => {
    target.respondWith(() => ({ status }));

    const outcome = await executor.execute(step({ expectStatus }));

    expect(outcome.kind).toBe(kind);
  });

  it('reports connection refused as a retryable failure', async () => {
    const url = await HttpTarget.refusingUrl();

    const outcome = failed(await executor.execute(step({ url: `${url}/failover` })));

    expect(outcome.retryable).toBe(true);
    expect(outcome.status).toBeUndefined();
    expect(outcome.reason).toMatch(
      new RegExp(
        `^POST ${url}/failover failed after .+: the connection was refused \\(ECONNREFUSED\\); retryable$`,
      ),
    );
  });

  it('bounds the body preview, dropping a character cut at the limit', async () => {
    // One ASCII byte, then two-byte characters: the limit falls in the middle of one.
    const body = `a${'é'.repeat(5_000)}`;
    target.respondWith(() => ({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body,
    }));

    const outcome = await executor.execute(step());

    expect(outcome.kind).toBe('succeeded');
    const preview = outcome.kind === 'succeeded' ? outcome.bodyPreview : '';
    expect(Buffer.byteLength(preview)).toBeLessThanOrEqual(BODY_PREVIEW_BYTES);
    expect(preview).toBe(`a${'é'.repeat((BODY_PREVIEW_BYTES - 2) / 2)}`);
  });

  it('bounds the preview of a failed response too', async () => {
    target.respondWith(() => ({ status: 500, body: 'x'.repeat(100_000) }));

    const outcome = failed(await executor.execute(step()));

    expect(outcome.bodyPreview).toBe('x'.repeat(BODY_PREVIEW_BYTES));
  });

  describe('never repeats secrets', () => {
    const secrets = [AUTHORIZATION, QUERY_TOKEN, BODY_SECRET, 'sk-live', 'TOPSECRET', 'QUERYSECRET'];

    function secretStep(url: string): HttpStepRequest {
      return step({
        url: `${url}/hooks/failover?token=${QUERY_TOKEN}`,
        headers: { Authorization: AUTHORIZATION, 'x-api-key': AUTHORIZATION },
        body: { password: BODY_SECRET },
        timeoutMs: SHORT_TIMEOUT_MS * 5,
      });
    }

    it.each([
      ['400', { status: 400 }],
      ['503 with Retry-After', { status: 503, headers: { 'retry-after': '1' } }],
      ['302', { status: 302, headers: { location: `/login?next=${QUERY_TOKEN}` } }],
      ['a timeout', { status: 200, delayMs: SLOW_ANSWER_MS }],
    ])('in the outcome of %s', async (_name, response) => {
      target.respondWith(() => response);

      const outcome = failed(await executor.execute(secretStep(target.url)));

      expect(outcome.reason).toContain(`${target.url}/hooks/failover?…`);
      for (const secret of secrets) {
        expect(JSON.stringify(outcome)).not.toContain(secret);
      }
      // They did reach the target: the step worked with them.
      expect(target.requests[0]?.headers.authorization).toBe(AUTHORIZATION);
    });

    it('when the connection is refused', async () => {
      const outcome = failed(await executor.execute(secretStep(await HttpTarget.refusingUrl())));

      for (const secret of secrets) {
        expect(outcome.reason).not.toContain(secret);
      }
    });

    it('when a header value cannot be sent, naming only the header', async () => {
      const outcome = failed(
        await executor.execute(step({ headers: { Authorization: `${AUTHORIZATION}\r\nX-Injected: 1` } })),
      );

      expect(outcome.retryable).toBe(false);
      expect(outcome.reason).toBe(
        `POST ${target.url}/failover not sent: the value of header "Authorization" is not a valid HTTP field value`,
      );
      expect(target.requests).toHaveLength(0);
    });

    it('when credentials are in the URL', async () => {
      const outcome = failed(
        await executor.execute(
          step({ url: target.url.replace('//', '//user:TOPSECRET@') + '/x', expectStatus: [201] }),
        ),
      );

      expect(outcome.reason).not.toContain('TOPSECRET');
      expect(outcome.reason).not.toContain('user');
    });
  });

  // Regression (issue 21): fetch refuses a URL with credentials, which was reported as "a network error;
  // retryable" after 0 ms and retried; nothing was ever sent.
  it('sends credentials in the URL as Authorization: Basic, and the URL without them', async () => {
    target.respondWith(() => ({ status: 202 }));
    const url = target.url.replace('//', '//ops%40corp:TOP%3ASECRET@') + '/failover?mode=planned';

    const outcome = await executor.execute(step({ url }));

    expect(outcome.kind).toBe('succeeded');
    const [sent] = target.requests;
    expect(sent?.url).toBe('/failover?mode=planned');
    expect(sent?.headers.authorization).toBe(
      `Basic ${Buffer.from('ops@corp:TOP:SECRET').toString('base64')}`,
    );
  });

  it('does not send credentials in the URL and an Authorization header together, and does not retry', async () => {
    const url = target.url.replace('//', '//user:TOPSECRET@') + '/failover';

    const outcome = failed(await executor.execute(step({ url, headers: { Authorization: AUTHORIZATION } })));

    expect(outcome).toEqual({
      kind: 'failed',
      retryable: false,
      reason: `POST ${target.url}/failover not sent: the URL carries credentials and the step sets an Authorization header too; keep one of them`,
      latencyMs: 0,
    });
    expect(target.requests).toHaveLength(0);
  });

  it.each(['not a url', '/relative/path', 'ftp://files.example/failover'])(
    'does not send to %j, and says so without retrying',
    async (url) => {
      const outcome = failed(await executor.execute(step({ url })));

      expect(outcome).toEqual({
        kind: 'failed',
        retryable: false,
        reason: "POST request not sent: the step's URL is not an absolute http(s) URL",
        latencyMs: 0,
      });
    },
  );

  it('does not send a GET with a body', async () => {
    const outcome = failed(await executor.execute(step({ method: 'GET', body: { a: 1 } })));

    expect(outcome.retryable).toBe(false);
    expect(outcome.reason).toContain('a GET request cannot carry a body');
    expect(target.requests).toHaveLength(0);
  });

  it('sends a GET without a body and no content type', async () => {
    const { body: _body, ...noBody } = step({ method: 'GET' });

    const outcome = await executor.execute(noBody);

    expect(outcome.kind).toBe('succeeded');
    expect(target.requests[0]?.method).toBe('GET');
    expect(target.requests[0]?.headers['content-type']).toBeUndefined();
  });

  it.each([
    ['an empty expectStatus list', { expectStatus: [] }],
    ['an inverted range', { expectStatus: { min: 299, max: 200 } }],
    ['a non-positive timeout', { timeoutMs: 0 }],
    ['an empty idempotency key', { idempotencyKey: '' }],
    ['a non-ASCII idempotency key', { idempotencyKey: 'inc-é' }],
  ] as const)('rejects %s as a programming error', async (_name, overrides) => {
    await expect(executor.execute(step(overrides))).rejects.toThrow(NonRetryableError);
    expect(target.requests).toHaveLength(0);
  });

  it('rejects a body that is not JSON as a programming error', async () => {
    await expect(executor.execute(step({ body: { n: BigInt(1) } }))).rejects.toThrow(
      'The step body cannot be serialised as JSON.',
    );
  });
});
