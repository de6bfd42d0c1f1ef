// The HTTP JSON lag source against a real HTTP server: the number at the path, in seconds or
// milliseconds, and a clear reason for every way the endpoint can fail to say it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readHttpLag } from '../../../../shared/adapters/http/HttpJsonLagReader';

let server: Server;
let base: string;
let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: '{}' };

beforeAll(async () => {
  server = createServer((_req, res) => {
    setTimeout(() => {
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const now = new Date('2026-11-22T03:20:00.000Z');
const source = (changes: Partial<{ path: string; unit: 'seconds' | 'milliseconds' }> = {}) => ({
  kind: 'http' as const,
  url: `${base}/replication`,
  path: 'replication.lagSeconds',
  unit: 'seconds' as const,
  ...changes,
});

it('reads the lag at the path', async () => {
  answer = { status: 200, body: JSON.stringify({ replication: { lagSeconds: 42 } }) };
  expect(await readHttpLag(source(), now)).toEqual({
    ok: true,
    lagSeconds: 42,
    measuredAt: now.toISOString(),
  });
});

it('converts milliseconds', async () => {
  answer = { status: 200, body: JSON.stringify({ lag: [{ ms: 1500 }] }) };
  expect(await readHttpLag(source({ path: 'lag[0].ms', unit: 'milliseconds' }), now)).toMatchObject({
    lagSeconds: 1.5,
  });
});

it('says why when the endpoint fails, answers no JSON, or lacks the number', async () => {
  answer = { status: 503, body: 'down' };
  expect(await readHttpLag(source(), now)).toEqual({ ok: false, reason: expect.stringContaining('503') });
  answer = { status: 200, body: '<html>' };
  expect(await readHttpLag(source(), now)).toEqual({
    ok: false,
    reason: expect.stringContaining('not JSON'),
  });
  answer = { status: 200, body: '{"replication":{}}' };
  expect(await readHttpLag(source(), now)).toEqual({
    ok: false,
    reason: expect.stringContaining('replication.lagSeconds: no "lagSeconds" in the body'),
  });
});

it('gives up on a slow endpoint after its timeout', async () => {
  answer = { status: 200, body: '{}', delayMs: 500 };
  expect(await readHttpLag(source(), now, 100)).toEqual({
    ok: false,
    reason: expect.stringContaining('did not answer within'),
  });
});

it('says a refused connection', async () => {
  expect(await readHttpLag({ ...source(), url: 'http://127.0.0.1:1/replication' }, now)).toMatchObject({
    ok: false,
  });
});
