// The detection stage of an incident through the local runtime: alerts join one incident while its window
// is open; once everything resolved and the grouping window passed quietly, the window closes and the
// next alert opens a new incident.
import { ManualClock } from '../../local/clock/Clock';
import { instanceStatus, waitFor } from '../local/support/testRuntime';
import { alertFixture as fixture, startAppRuntime } from './support/appRuntime';

const MINUTE = 60_000;

describe('incident detection', () => {
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));

  beforeAll(async () => {
    app = await startAppRuntime({ clock });
  });
  afterAll(async () => {
    await app.stop();
  });

  const incidents = () => app.incidentIds();

  it('keeps an incident open while an alert fires, then dismisses it once resolved and quiet', async () => {
    expect((await app.postAlerts(fixture('azure-monitor-metric-fired.json'))).status).toBe(202);
    await app.runtime.idle();
    const [incidentId = ''] = incidents();
    const detecting = await instanceStatus(app.runtime, incidentId);
    expect(detecting?.customStatus).toMatchObject({
      phase: 'detected',
      alerts: { firing: 1, notifications: 1 },
    });

    // Time passing with the alert still firing (one resource: not broad enough to activate) changes nothing.
    clock.advance(60 * MINUTE);
    await app.runtime.idle();
    expect((await instanceStatus(app.runtime, incidentId))?.runtimeStatus).toBe('Running');

    expect((await app.postAlerts(fixture('azure-monitor-metric-resolved.json'))).status).toBe(202);
    await app.runtime.idle();
    clock.advance(5_000); // assessments are at most 5 s apart
    await app.runtime.idle();
    expect((await instanceStatus(app.runtime, incidentId))?.customStatus).toMatchObject({
      alerts: { firing: 0, resolved: 1, notifications: 2 },
    });

    clock.advance(60 * MINUTE);
    const done = await waitFor('the incident to be dismissed', async () => {
      await app.runtime.idle();
      const status = await instanceStatus(app.runtime, incidentId);
      return status?.runtimeStatus === 'Completed' ? status : undefined;
    });
    expect(done.output).toMatchObject({
      status: 'dismissed',
      reason: expect.stringMatching(/every alert resolved/),
    });

    // The window is closed: the next alert for the workload opens a new incident.
    expect((await app.postAlerts(fixture('azure-monitor-log-v2.json'))).status).toBe(202);
    await app.runtime.idle();
    expect(incidents()).toHaveLength(2);
  });
});
