// Drives the two-region demo app over real HTTP, as the sample runbook's steps and health checks do.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DemoStateSnapshot } from '../../../local/demo/DemoRegionState';
import {
  MAX_DEMO_BODY_BYTES,
  startTwoRegionDemoApp,
  type RunningDemoApp,
} from '../../../local/demo/TwoRegionDemoApp';

const TOKEN = 'Bearer demo-automation-token';
const NOW = '2030-05-06T07:08:09.000Z';
const FAILOVER = { account: 'cosmos-orders', writeRegion: 'northeurope' };

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: ReplyBody;
}

/** The fields the tests read; a missing one fails the assertion that reads it. */
interface ReplyBody {
  readonly error: { readonly code: string; readonly message: string };
  readonly reason?: string;
  readonly [field: string]: unknown;
}

let app: RunningDemoApp;

beforeEach(async () => {
  app = await startTwoRegionDemoApp({
    primaryPort: 0,
    secondaryPort: 0,
    automationPort: 0,
    automationToken: TOKEN,
    now: () => new Date(NOW),
  });
});

afterEach(() => app.close());

async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: (await res.json()) as ReplyBody };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function failOverCosmos(key: string, body: unknown = FAILOVER, authorization = TOKEN): Promise<Reply> {
  return post(`${app.urls.automation}/cosmos/failover`, body, {
    authorization,
    'idempotency-key': key,
  });
}

function switchTraffic(key: string, to = 'northeurope'): Promise<Reply> {
  return post(`${app.urls.automation}/traffic/switch`, { to }, { 'idempotency-key': key });
}

function setMaintenance(
  key: string,
  body: unknown = { enabled: true, reason: 'DR failover' },
): Promise<Reply> {
  return post(`${app.urls.primary}/admin/maintenance`, body, { 'idempotency-key': key });
}

function control(path: string, body?: unknown): Promise<Reply> {
  return post(`${app.urls.automation}/demo/${path}`, body);
}

async function demoState(): Promise<DemoStateSnapshot> {
  return (await fetch(`${app.urls.automation}/demo/state`).then((res) => res.json())) as DemoStateSnapshot;
}

/** Polls the demo state until `done` holds; the jest timeout bounds it. */
async function stateWhen(done: (state: DemoStateSnapshot) => boolean): Promise<DemoStateSnapshot> {
  for (;;) {
    const state = await demoState();
    if (done(state)) {
      return state;
    }
    await sleep(10);
  }
}

describe('health', () => {
  it('has the secondary standing by until both the Cosmos DB write region and traffic are in northeurope', async () => {
    const primary = await send(`${app.urls.primary}/health`);
    expect(primary.status).toBe(200);
    expect(primary.body).toMatchObject({ region: 'westeurope', status: 'healthy', role: 'active' });

    const before = await send(`${app.urls.secondary}/health`);
    expect(before.status).toBe(503);
    expect(before.body).toMatchObject({ region: 'northeurope', status: 'standby' });
    expect(before.body.reason).toMatch(/Cosmos DB write region is westeurope/);
    expect(before.body.reason).toMatch(/traffic goes to westeurope/);

    expect((await failOverCosmos('k-cosmos')).status).toBe(202);
    const halfway = await send(`${app.urls.secondary}/health`);
    expect(halfway.status).toBe(503);
    expect(halfway.body.reason).not.toMatch(/Cosmos/);
    expect(halfway.body.reason).toMatch(/traffic goes to westeurope/);

    expect((await switchTraffic('k-traffic')).status).toBe(200);
    const after = await send(`${app.urls.secondary}/health`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ region: 'northeurope', status: 'healthy', role: 'active' });

    // The primary is still up: its health check reports liveness, not the active role.
    const demoted = await send(`${app.urls.primary}/health`);
    expect(demoted.status).toBe(200);
    expect(demoted.body).toMatchObject({ status: 'healthy', role: 'standby' });
  });

  it('answers JSON that is never cached', async () => {
    const res = await fetch(`${app.urls.secondary}/health`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('region outage', () => {
  it('makes westeurope answer 503 to everything, without applying or storing effects', async () => {
    expect((await control('outage', { region: 'westeurope', down: true })).body).toEqual({
      outage: ['westeurope'],
    });

    const health = await send(`${app.urls.primary}/health`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ region: 'westeurope', status: 'unavailable' });
    expect(health.body.reason).toMatch(/outage/);
    const maintenance = await setMaintenance('k-freeze');
    expect(maintenance.status).toBe(503);
    expect(maintenance.body.error.code).toBe('region_unavailable');
    expect((await send(`${app.urls.primary}/orders`)).status).toBe(503);
    expect((await demoState()).effects).toEqual([]);

    await control('outage', { region: 'westeurope', down: false });
    expect((await send(`${app.urls.primary}/health`)).status).toBe(200);
    const retried = await setMaintenance('k-freeze');
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect((await demoState()).maintenance).toEqual({ enabled: true, reason: 'DR failover' });
  });

  it('keeps a failed-over northeurope unhealthy while it is down', async () => {
    await failOverCosmos('k-cosmos');
    await switchTraffic('k-traffic');
    await control('outage', { region: 'northeurope', down: true });

    const health = await send(`${app.urls.secondary}/health`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ region: 'northeurope', status: 'unavailable' });
    expect((await demoState()).outage).toEqual(['northeurope']);
  });
});

describe('orders', () => {
  it('are taken by the write region only, and refused with Retry-After during maintenance', async () => {
    expect((await send(`${app.urls.primary}/orders`)).status).toBe(200);
    expect((await send(`${app.urls.secondary}/orders`)).status).toBe(503);

    await setMaintenance('k-freeze');
    const frozen = await send(`${app.urls.primary}/orders`);
    expect(frozen.status).toBe(503);
    expect(frozen.headers.get('retry-after')).not.toBeNull();
    expect(frozen.body.error.message).toMatch(/maintenance mode \(DR failover\)/);

    await failOverCosmos('k-cosmos');
    expect((await send(`${app.urls.secondary}/orders`)).status).toBe(200);
  });
});

describe('automation token', () => {
  it.each([
    ['no', undefined],
    ['a wrong', 'Bearer guessed'],
    ['a bare', 'demo-automation-token'],
  ])('refuses a Cosmos DB failover with %s Authorization header', async (_what, authorization) => {
    const res = await post(`${app.urls.automation}/cosmos/failover`, FAILOVER, {
      'idempotency-key': 'k-cosmos',
      ...(authorization === undefined ? {} : { authorization }),
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    const state = await demoState();
    expect(state.cosmosWriteRegion).toBe('westeurope');
    expect(state.effects).toEqual([]);
  });

  it('fails Cosmos DB over with the token and answers 202', async () => {
    const res = await failOverCosmos('k-cosmos');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ account: 'cosmos-orders', writeRegion: 'northeurope' });
    expect((await demoState()).cosmosWriteRegion).toBe('northeurope');
  });
});

describe('validation', () => {
  it('names the field that is wrong', async () => {
    const res = await failOverCosmos('k-cosmos', { account: 'cosmos-orders', writeRegion: 'eastus' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_body');
    expect(res.body.error.message).toMatch(/^writeRegion: .*northeurope/);
  });

  it('refuses unknown fields, so a typo in a runbook does not pass silently', async () => {
    const res = await setMaintenance('k-freeze', { enabled: true, reson: 'typo' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/reson/);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await send(`${app.urls.automation}/traffic/switch`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k-traffic' },
      body: '{to: northeurope',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('knows only the configured Cosmos DB account', async () => {
    const res = await failOverCosmos('k-cosmos', { account: 'cosmos-typo', writeRegion: 'northeurope' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('account_not_found');
    expect((await demoState()).effects).toEqual([]);
  });

  it('refuses bodies over 64 KB with 413', async () => {
    const res = await switchTraffic('k-traffic', 'x'.repeat(MAX_DEMO_BODY_BYTES));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers 404 for unknown paths and 405 for a known path with another method', async () => {
    const unknown = await send(`${app.urls.primary}/cosmos/failover`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const wrongMethod = await send(`${app.urls.automation}/traffic/switch`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});

describe('idempotency', () => {
  it('replays the stored response to a repeated key and applies the effect once', async () => {
    const first = await failOverCosmos('k-cosmos');
    const second = await failOverCosmos('k-cosmos');

    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const state = await demoState();
    expect(state.effects).toEqual([
      { endpoint: 'POST /cosmos/failover', idempotencyKey: 'k-cosmos', at: NOW, body: FAILOVER },
    ]);
    expect(state.deduplicated).toBe(1);
  });

  it('replays the response as it was, even after later effects changed the state', async () => {
    const first = await switchTraffic('k-north', 'northeurope');
    await switchTraffic('k-west', 'westeurope');

    const replay = await switchTraffic('k-north', 'northeurope');
    expect(replay.body).toEqual(first.body);
    expect(replay.body).toEqual({ previousTrafficRegion: 'westeurope', trafficRegion: 'northeurope' });
    expect((await demoState()).trafficRegion).toBe('westeurope');
  });

  it('matches a repeated body whatever the order of its keys', async () => {
    await failOverCosmos('k-cosmos', { account: 'cosmos-orders', writeRegion: 'northeurope' });
    const repeat = await failOverCosmos('k-cosmos', { writeRegion: 'northeurope', account: 'cosmos-orders' });
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses a key reused with a different body with 422', async () => {
    await switchTraffic('k-traffic', 'northeurope');
    const reused = await switchTraffic('k-traffic', 'westeurope');
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const state = await demoState();
    expect(state.trafficRegion).toBe('northeurope');
    expect(state.effects).toHaveLength(1);
    expect(state.deduplicated).toBe(0);
  });

  it('scopes keys to an endpoint', async () => {
    await failOverCosmos('k-shared');
    const other = await switchTraffic('k-shared');
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect((await demoState()).effects.map((e) => e.endpoint)).toEqual([
      'POST /cosmos/failover',
      'POST /traffic/switch',
    ]);
  });

  it.each([
    ['POST /admin/maintenance', () => post(`${app.urls.primary}/admin/maintenance`, { enabled: true })],
    [
      'POST /cosmos/failover',
      () => post(`${app.urls.automation}/cosmos/failover`, FAILOVER, { authorization: TOKEN }),
    ],
    ['POST /traffic/switch', () => post(`${app.urls.automation}/traffic/switch`, { to: 'northeurope' })],
  ])('refuses %s without an Idempotency-Key with 400', async (_endpoint, request) => {
    const res = await request();
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('missing_idempotency_key');
    expect((await demoState()).effects).toEqual([]);
  });

  it('does not keep a rejected request, so the corrected one with the same key runs', async () => {
    expect((await failOverCosmos('k-cosmos', FAILOVER, 'Bearer wrong')).status).toBe(401);
    expect((await failOverCosmos('k-cosmos')).headers.get('idempotent-replayed')).toBeNull();
    expect((await demoState()).effects).toHaveLength(1);
  });
});

describe('faults', () => {
  it('answers the fault status `times` times without applying or storing, then lets the retry run', async () => {
    const armed = await control('faults', {
      method: 'post',
      path: '/cosmos/failover',
      status: 503,
      times: 2,
    });
    expect(armed.status).toBe(201);

    for (let attempt = 1; attempt <= 2; attempt++) {
      const faulted = await failOverCosmos('k-cosmos');
      expect(faulted.status).toBe(503);
      expect(faulted.headers.get('retry-after')).toBe('1');
      expect(faulted.body.error.code).toBe('simulated_fault');
    }
    expect((await demoState()).cosmosWriteRegion).toBe('westeurope');

    const retried = await failOverCosmos('k-cosmos');
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    const state = await demoState();
    expect(state.cosmosWriteRegion).toBe('northeurope');
    expect(state.effects).toHaveLength(1);
    expect(state.deduplicated).toBe(0);
    expect(state.faults).toEqual([]);
    expect(state.requests.map((r) => r.status)).toEqual([503, 503, 202]);
  });

  it('hits one request by default, only on the server and method it names', async () => {
    await control('faults', { server: 'secondary', method: 'GET', path: '/health', status: 500 });

    expect((await send(`${app.urls.primary}/health`)).status).toBe(200);
    const faulted = await send(`${app.urls.secondary}/health`);
    expect(faulted.status).toBe(500);
    expect(faulted.headers.get('retry-after')).toBeNull();
    expect((await send(`${app.urls.secondary}/health`)).status).toBe(503);
  });

  it('holds a delayed request, then handles it normally', async () => {
    await control('faults', { path: '/traffic/switch', delayMs: 200 });

    const pending = switchTraffic('k-traffic');
    const held = await stateWhen((s) => s.delayed.length > 0);
    expect(held.delayed).toEqual([
      { server: 'automation', method: 'POST', path: '/traffic/switch', idempotencyKey: 'k-traffic', at: NOW },
    ]);
    expect(held.trafficRegion).toBe('westeurope');
    expect(held.effects).toEqual([]);

    expect((await pending).status).toBe(200);
    const state = await demoState();
    expect(state.trafficRegion).toBe('northeurope');
    expect(state.delayed).toEqual([]);
  });

  it('applies a delayed request whose caller gave up, and replays it to the caller’s retry', async () => {
    // Long enough that the caller gives up first; the test only waits for it once, below.
    await control('faults', { path: '/cosmos/failover', delayMs: 2000 });
    const caller = new AbortController();
    const abandoned = fetch(`${app.urls.automation}/cosmos/failover`, {
      method: 'POST',
      headers: { authorization: TOKEN, 'idempotency-key': 'k-cosmos', 'content-type': 'application/json' },
      body: JSON.stringify(FAILOVER),
      signal: caller.signal,
    });
    await stateWhen((s) => s.delayed.length > 0);
    caller.abort();
    await expect(abandoned).rejects.toThrow();

    await stateWhen((s) => s.effects.length > 0);
    const retried = await failOverCosmos('k-cosmos');
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const state = await demoState();
    expect(state.effects).toHaveLength(1);
    expect(state.deduplicated).toBe(1);
  });

  it('answers the status after the delay when a fault has both', async () => {
    await control('faults', { path: '/traffic/switch', status: 429, delayMs: 50 });
    const res = await switchTraffic('k-traffic');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect((await demoState()).effects).toEqual([]);
  });

  it('refuses a fault without a status or a delay, and faults on the control endpoints', async () => {
    const empty = await control('faults', { path: '/traffic/switch' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/status, a delayMs, or both/);
    const onControl = await control('faults', { path: '/demo/state', status: 503 });
    expect(onControl.status).toBe(400);
    expect(onControl.body.error.message).toMatch(/^path: .*cannot be faulted/);
  });
});

describe('reset', () => {
  it('returns to the initial state and forgets keys, effects and faults', async () => {
    await setMaintenance('k-freeze');
    await failOverCosmos('k-cosmos');
    await failOverCosmos('k-cosmos');
    await switchTraffic('k-traffic');
    await control('outage', { region: 'westeurope', down: true });
    await control('faults', { path: '/traffic/switch', status: 503 });

    const reset = await control('reset');
    expect(reset.status).toBe(200);
    const initial = {
      cosmosWriteRegion: 'westeurope',
      trafficRegion: 'westeurope',
      maintenance: { enabled: false },
      outage: [],
      effects: [],
      deduplicated: 0,
      faults: [],
      delayed: [],
      requests: [],
    };
    expect(reset.body).toEqual(initial);
    expect(await demoState()).toEqual(initial);

    const again = await switchTraffic('k-traffic');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('request log', () => {
  it('records what reached the regions and the automation API, but not the demo controls', async () => {
    await send(`${app.urls.secondary}/health`);
    await switchTraffic('k-traffic');
    await switchTraffic('k-traffic');

    expect((await demoState()).requests).toEqual([
      { server: 'secondary', method: 'GET', path: '/health', status: 503, at: NOW },
      {
        server: 'automation',
        method: 'POST',
        path: '/traffic/switch',
        idempotencyKey: 'k-traffic',
        status: 200,
        at: NOW,
      },
      {
        server: 'automation',
        method: 'POST',
        path: '/traffic/switch',
        idempotencyKey: 'k-traffic',
        status: 200,
        at: NOW,
      },
    ]);
    expect(app.state()).toEqual(await demoState());
  });
});

describe('start and close', () => {
  it('rejects naming the port in use and closes the listeners it had opened', async () => {
    const [primaryPort, secondaryPort] = await freePorts(2);
    const busyPort = app.ports.automation;
    await expect(
      startTwoRegionDemoApp({ primaryPort, secondaryPort, automationPort: busyPort, automationToken: TOKEN }),
    ).rejects.toThrow(
      `Cannot start the demo automation server: port ${busyPort} on 127.0.0.1 is already in use.`,
    );

    const second = await startTwoRegionDemoApp({
      primaryPort,
      secondaryPort,
      automationPort: 0,
      automationToken: TOKEN,
    });
    await second.close();
  });

  it('reports the bound ports in its URLs', () => {
    for (const server of ['primary', 'secondary', 'automation'] as const) {
      expect(app.ports[server]).toBeGreaterThan(0);
      expect(app.urls[server]).toBe(`http://127.0.0.1:${app.ports[server]}`);
    }
  });

  it('drops requests held by a delay fault when it closes', async () => {
    await control('faults', { path: '/health', delayMs: 60_000 });
    const held = fetch(`${app.urls.primary}/health`);
    await stateWhen((s) => s.delayed.length > 0);
    await app.close();
    await expect(held).rejects.toThrow();
  });
});

/** Ports free right now: bound to 0, read, released. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    ports.push(typeof address === 'object' && address !== null ? address.port : 0);
    servers.push(server);
  }
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

describe('state file', () => {
  let dir: string;
  beforeEach(async () => {
    // These tests start their own apps (the shared one closes first; afterEach closes the last started).
    await app.close();
    dir = mkdtempSync(path.join(os.tmpdir(), 'demo-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const startWith = (stateFile: string, warn: (line: string) => void = () => undefined) =>
    startTwoRegionDemoApp({
      primaryPort: 0,
      secondaryPort: 0,
      automationPort: 0,
      automationToken: TOKEN,
      now: () => new Date(NOW),
      stateFile,
      warn,
    });

  it('keeps the outage, the failover and the idempotency record across a restart', async () => {
    const file = path.join(dir, 'demo-app.json');
    const first = await startWith(file);
    app = first;
    await control('outage', { region: 'westeurope', down: true });
    expect((await failOverCosmos('key-1')).status).toBe(202);
    expect((await switchTraffic('key-2')).status).toBe(200);
    await first.close();

    app = await startWith(file);
    const restarted = await demoState();
    expect(restarted).toMatchObject({
      cosmosWriteRegion: 'northeurope',
      trafficRegion: 'northeurope',
      outage: ['westeurope'],
      effects: [{ endpoint: 'POST /cosmos/failover' }, { endpoint: 'POST /traffic/switch' }],
      requests: [],
    });
    expect((await fetch(`${app.urls.secondary}/health`)).status).toBe(200);
    // A step re-sent after the restart is answered from the record, not applied again.
    const again = await failOverCosmos('key-1');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await demoState()).effects).toHaveLength(2);
  });

  it('sets an unreadable file aside, says so and starts afresh', async () => {
    const file = path.join(dir, 'demo-app.json');
    writeFileSync(file, '{"cosmosWriteRegion":"mars"}');
    const warnings: string[] = [];
    app = await startWith(file, (line) => warnings.push(line));
    expect(await demoState()).toMatchObject({ cosmosWriteRegion: 'westeurope', effects: [] });
    expect(warnings).toEqual([expect.stringMatching(/was unreadable; it starts afresh/)]);
    expect(readFileSync(`${file}.unreadable`, 'utf8')).toBe('{"cosmosWriteRegion":"mars"}');
  });
});
