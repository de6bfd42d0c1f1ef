// Regressions (issue 21) on what every HTTP answer carries and how long a request may take to arrive:
// JSON answers say `x-content-type-options: nosniff`, and a client trickling its body is cut off with 408
// instead of holding a connection for Node's default 300 s.
import { connect } from 'node:net';
import { testFunctionKey, waitFor } from '../local/support/testRuntime';
import { startAppRuntime } from './support/appRuntime';

/** Short, so the test need not wait 30 s; the body below would take minutes at the rate it is sent. */
const REQUEST_TIMEOUT_MS = 1_000;
const TRICKLE_EVERY_MS = 100;

let app: Awaited<ReturnType<typeof startAppRuntime>>;

beforeAll(async () => {
  app = await startAppRuntime({ requestTimeoutMs: REQUEST_TIMEOUT_MS });
});

afterAll(async () => {
  await app.stop();
});

it.each([
  ['the health route', () => fetch(app.api('health'))],
  ['an intake refusal', () => app.postAlerts({}, { key: null })],
  ['a bad intake body', () => app.postAlerts({}, { raw: '{not json' })],
  ['an operator route without identity', () => fetch(app.api('incidents'))],
  [
    'the Durable management API',
    () => fetch(`${app.runtime.url}/runtime/webhooks/durabletask/instances?code=${testFunctionKey}`),
  ],
])('sends nosniff with %s', async (_what, request) => {
  const res = await request();
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
});

it('answers 408 and closes a request whose body trickles in', async () => {
  const body = JSON.stringify({ schema: 'lifeboat.alert/v1', alerts: [] }).padEnd(2_000, ' ');
  const { port } = new URL(app.runtime.url);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `POST /api/alerts?code=${testFunctionKey} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      let sent = 0;
      const trickle = setInterval(() => {
        if (sent < body.length && !socket.destroyed) socket.write(body[sent++] ?? ' ');
      }, TRICKLE_EVERY_MS);
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.on('close', () => {
        clearInterval(trickle);
        // The whole body was not sent: the server closed the connection first.
        if (sent >= body.length) reject(new Error('the whole body went through'));
        else resolve(received);
      });
      socket.on('error', () => undefined);
    });
  });
  expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  // The host's read of the body ends with the connection, which the client may see closed first.
  await waitFor('the host to log the closed request', () =>
    app.logger.lines.some((l) => l.includes('HTTP request closed before its body arrived'))
      ? true
      : undefined,
  );
});

it('still takes a body at the intake limit sent at an ordinary pace', async () => {
  const alerts = Array.from({ length: 100 }, (_, i) => ({
    source: 'pace-test',
    id: `a-${i}`,
    status: 'fired',
    severity: 'Sev3',
    summary: 'x'.repeat(500),
    labels: { note: 'y'.repeat(1_500) },
    firedAt: '2026-11-22T03:00:00Z',
  }));
  const raw = JSON.stringify({ schema: 'lifeboat.alert/v1', alerts });
  expect(raw.length).toBeGreaterThan(200 * 1024);
  expect(raw.length).toBeLessThan(256 * 1024);
  const res = await app.postAlerts(undefined, { raw });
  expect(res.status).toBe(202);
});
