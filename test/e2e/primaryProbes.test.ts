// Activation criteria that ask the primary's own health probes to confirm an outage, through the local
// runtime: each assessment probes the primary (a real local HTTP server), and only enough failures in a
// row activate.
import { ManualClock } from '../../local/clock/Clock';
import { HttpTarget } from '../support/httpTarget';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const VIEWER = 'viewer-key-0123456789abcdef';

describe('primary health probes in the activation criteria', () => {
  const primary = new HttpTarget(() => ({ status: 200, body: 'ok' }));
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));

  beforeAll(async () => {
    const base = await primary.start();
    app = await startAppRuntime({
      clock,
      catalogDir: writeRunbookCatalog([
        {
          id: 'probed',
          steps: [{ id: 'settle', name: 'Settle', type: 'wait', duration: '30s' }],
          activation: {
            activateWhen: { all: [{ minSeverity: 'Sev1' }, { primaryProbesFailing: { atLeast: 3 } }] },
          },
          primaryChecks: [{ name: 'web', url: `${base}/health` }],
        },
      ]),
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([{ key: VIEWER, name: 'vera', roles: ['viewer'] }]),
      },
    });
  });
  afterAll(async () => {
    await app.stop();
    await primary.stop();
  });

  const view = async (id: string) =>
    (await (
      await fetch(app.api(`incidents/${id}`), { headers: { authorization: `Bearer ${VIEWER}` } })
    ).json()) as { status: string; activation: { decision: string; reasons: string[] } };

  it('observes while the primary answers, and activates after its probes fail three assessments in a row', async () => {
    await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: 'probed-1',
          status: 'fired',
          severity: 'Sev0',
          summary: 'probed is down',
          firedAt: new Date(clock.now()).toISOString(),
          labels: { service: 'probed' },
        },
      ],
    });
    await app.runtime.idle();
    const list = (await (
      await fetch(app.api('incidents?workload=probed'), { headers: { authorization: `Bearer ${VIEWER}` } })
    ).json()) as { items: { id: string }[] };
    const id = list.items[0]?.id ?? '';
    expect(await view(id)).toMatchObject({ status: 'observing', activation: { decision: 'observe' } });
    expect((await view(id)).activation.reasons.join(' ')).toMatch(/primary health probes: 0 of 1 failing/);

    primary.respondWith(() => ({ status: 503, body: 'down' }));
    for (let assessment = 0; assessment < 2; assessment++) {
      clock.advance(60_000); // re-assessed every minute: one probe each time
      await app.runtime.idle();
    }
    expect((await view(id)).status).toBe('observing'); // two failures in a row are not three
    clock.advance(60_000);
    await app.runtime.idle();
    const activated = await view(id);
    expect(activated.status).toBe('awaiting-approval');
    expect(activated.activation.reasons.join(' ')).toMatch(
      /primary health probes: 1 of 1 failing \(3 checks in a row\)/,
    );
    expect(primary.requests.filter((r) => r.url === '/health').length).toBeGreaterThanOrEqual(4);
  });
});
