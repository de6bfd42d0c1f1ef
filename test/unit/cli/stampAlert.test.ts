import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stampAlert } from '../../../cli/stampAlert';
import { repoRoot } from '../../local/support/testRuntime';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/alerts', name), 'utf8'));
const NOW = new Date('2026-12-04T18:00:00.000Z');

describe('stampAlert', () => {
  it('sets an Azure Monitor alert fired time to now and leaves the rest as it was', () => {
    const original = fixture('azure-monitor-metric-fired.json') as {
      data: { essentials: Record<string, unknown> };
    };
    const { payload, stamped } = stampAlert(original, NOW);
    const essentials = (payload as typeof original).data.essentials;
    expect(stamped).toBe(1);
    expect(essentials.firedDateTime).toBe(NOW.toISOString());
    expect({ ...essentials, firedDateTime: original.data.essentials.firedDateTime }).toEqual(
      original.data.essentials,
    );
  });

  it('stamps a resolved Azure Monitor alert both ways', () => {
    const { payload, stamped } = stampAlert(fixture('azure-monitor-metric-resolved.json'), NOW);
    expect(stamped).toBe(2);
    expect(
      (payload as { data: { essentials: { resolvedDateTime: string } } }).data.essentials.resolvedDateTime,
    ).toBe(NOW.toISOString());
  });

  it("stamps Alertmanager's startsAt, and endsAt only for resolved alerts (never the zero time)", () => {
    const { payload } = stampAlert(fixture('alertmanager-v4-mixed.json'), NOW);
    for (const alert of (payload as { alerts: { status: string; startsAt: string; endsAt: string }[] })
      .alerts) {
      expect(alert.startsAt).toBe(NOW.toISOString());
      if (alert.status === 'resolved') expect(alert.endsAt).toBe(NOW.toISOString());
      else expect(alert.endsAt).not.toBe(NOW.toISOString());
    }
  });

  it("stamps the generic format's firedAt", () => {
    const { payload, stamped } = stampAlert(fixture('generic-v1.json'), NOW);
    expect(stamped).toBeGreaterThan(0);
    for (const alert of (payload as { alerts: { firedAt: string }[] }).alerts)
      expect(alert.firedAt).toBe(NOW.toISOString());
  });

  it('returns anything else unchanged', () => {
    expect(stampAlert({ hello: 'world' }, NOW)).toEqual({ payload: { hello: 'world' }, stamped: 0 });
    expect(stampAlert([1, 2], NOW)).toEqual({ payload: [1, 2], stamped: 0 });
  });
});
