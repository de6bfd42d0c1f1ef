// The `lifeboat` CLI against the app in the local runtime over real HTTP: alert send (stamped now), the
// incident list and detail, an operator action through the actions API, and the server's errors in words.
import path from 'node:path';
import { ManualClock } from '../../../local/clock/Clock';
import { alertFixturesDir, startAppRuntime } from '../support/appRuntime';
import { testFunctionKey } from '../../local/support/testRuntime';
import { cli } from '../../unit/cli/cliTestSupport';

const OPERATOR = 'operator-key-0123456789abcdef';
const NOW = Date.parse('2026-12-04T03:00:00.000Z');

describe('lifeboat against a running Lifeboat', () => {
  const clock = new ManualClock(NOW);
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    app = await startAppRuntime({
      clock,
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([
          { key: OPERATOR, name: 'oscar', roles: ['viewer', 'operator', 'approver'] },
        ]),
      },
    });
    env = {
      LIFEBOAT_URL: app.runtime.url,
      LIFEBOAT_OPERATOR_KEY: OPERATOR,
      LIFEBOAT_INTAKE_KEY: testFunctionKey,
    };
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('sends a fixture alert stamped now, lists the incident, shows it and aborts it', async () => {
    const sent = await cli(
      ['alert', 'send', path.join(alertFixturesDir, 'azure-monitor-metric-fired.json')],
      {
        cwd: '/',
        env,
        now: new Date(NOW),
      },
    );
    expect(sent.code).toBe(0);
    expect(sent.out).toMatch(/^Accepted 1 alert\(s\): \S+ → orders-api$/);
    await app.runtime.idle();

    const listed = await cli(['incidents', '--json'], { cwd: '/', env });
    const page = JSON.parse(listed.out) as { items: { id: string; status: string; detectedAt: string }[] };
    expect(page.items).toHaveLength(1);
    const incident = page.items[0];
    if (incident === undefined) throw new Error('no incident');
    // Stamped now: the incident was detected at the (test) clock's now, not at the fixture's date.
    expect(incident.detectedAt).toBe(new Date(NOW).toISOString());

    const table = await cli(['incidents', '--workload', 'orders-api'], { cwd: '/', env });
    expect(table.out.split('\n')[0]).toMatch(/^ID +WORKLOAD +MODE +STATUS +SEV +DETECTED +RTO$/);
    expect(table.out).toContain(`${incident.id}  orders-api  live`);
    expect(table.out).toMatch(/0s of 15m, 15m left$/m);

    const shown = await cli(['incident', incident.id], { cwd: '/', env });
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('RTO      0s of 15m, 15m left');
    expect(shown.out).toMatch(/Timeline \(latest \d+ of \d+\)/);

    const aborted = await cli(['action', incident.id, 'abort', '--comment', 'false alarm: test'], {
      cwd: '/',
      env,
    });
    expect(aborted).toMatchObject({ code: 0, out: `Accepted: abort on ${incident.id} by oscar` });
    await app.runtime.idle();
    const after = JSON.parse((await cli(['incident', incident.id, '--json'], { cwd: '/', env })).out) as {
      status: string;
      timeline: { actor?: string; message: string }[];
    };
    expect(after.status).toBe('aborted');
    expect(after.timeline.some((e) => e.actor === 'oscar' && /false alarm: test/.test(e.message))).toBe(true);

    const again = await cli(['action', incident.id, 'abort'], { cwd: '/', env });
    expect(again.code).toBe(1);
    expect(again.err).toBe(
      `lifeboat: POST /api/incidents/${incident.id}/actions/abort answered 409: Incident is already aborted.`,
    );
  });

  it('says what is wrong with the key, the server and the action', async () => {
    const wrongKey = await cli(['incidents', '--key', 'not-a-configured-key-0000'], { cwd: '/', env });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toBe(
      'lifeboat: GET /api/incidents?limit=50 answered 401: The bearer token does not match any operator key.',
    );
    const noKey = await cli(['incidents'], { cwd: '/', env: { LIFEBOAT_URL: app.runtime.url } });
    expect(noKey.err).toMatch(/^lifeboat: No operator key: pass --key or set LIFEBOAT_OPERATOR_KEY/);
    const down = await cli(['incidents', '--url', 'http://127.0.0.1:9'], { cwd: '/', env });
    expect(down.err).toMatch(/^lifeboat: Cannot reach Lifeboat at http:\/\/127.0.0.1:9/);
    const unknown = await cli(['action', 'x', 'explode'], { cwd: '/', env });
    expect(unknown.err).toMatch(/^lifeboat: Unknown action 'explode'\. Actions: approve, reject/);
    const missing = await cli(['incident', 'nope'], { cwd: '/', env });
    expect(missing.err).toBe("lifeboat: GET /api/incidents/nope answered 404: No incident 'nope'.");
  });
});
