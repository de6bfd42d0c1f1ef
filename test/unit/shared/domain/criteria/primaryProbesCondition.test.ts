import { ago, fired, leaf, MINUTE, probe, probeRun } from './criteriaTestSupport';

const alerts = [fired('a')];
const allFailing = { primaryProbesFailing: { atLeast: 3 } } as const;

describe('primaryProbesFailing (probes: all, the default)', () => {
  it('is met when every primary probe failed its last N results', () => {
    const probes = [
      ...probeRun('web', [true, false, false, false]),
      ...probeRun('api', [false, false, false]),
      ...probeRun('sql', [false, false, false]),
      ...probeRun('queue', [true, false, false, false]),
    ];
    expect(leaf(allFailing, { alerts, probes })).toEqual({
      met: true,
      reason: 'primary health probes: 4 of 4 failing (3 checks in a row)',
    });
  });

  it('defaults to 3 consecutive failures', () => {
    expect(
      leaf({ primaryProbesFailing: {} }, { alerts, probes: probeRun('web', [false, false, false]) }).met,
    ).toBe(true);
    expect(leaf({ primaryProbesFailing: {} }, { alerts, probes: probeRun('web', [false, false]) }).met).toBe(
      false,
    );
  });

  it('is unmet when one probe is healthy, naming the failing ones', () => {
    const probes = [
      ...probeRun('web', [false, false, false]),
      ...probeRun('api', [false, false, false]),
      ...probeRun('sql', [false, false, true]),
    ];
    expect(leaf(allFailing, { alerts, probes })).toEqual({
      met: false,
      reason: 'primary health probes: 2 of 3 failing: api and web (needs all 3 failing 3 checks in a row)',
    });
  });

  it('needs at least N results: two failures of a new probe are not three', () => {
    expect(leaf(allFailing, { alerts, probes: probeRun('web', [false, false]) })).toEqual({
      met: false,
      reason: 'primary health probes: 0 of 1 failing (needs all 1 failing 3 checks in a row)',
    });
  });

  it('orders results by time, not by input order', () => {
    // The success is the latest result even though it comes first in the input.
    const probes = [
      probe('web', true, ago(0)),
      probe('web', false, ago(3 * MINUTE)),
      probe('web', false, ago(2 * MINUTE)),
      probe('web', false, ago(1 * MINUTE)),
    ];
    expect(leaf(allFailing, { alerts, probes }).met).toBe(false);
    expect(leaf(allFailing, { alerts, probes: [...probes].reverse() }).met).toBe(false);
  });

  it('ignores the secondary region probes', () => {
    const probes = [
      ...probeRun('web', [false, false, false]),
      probe('web', true, ago(0), 'secondary'),
      probe('dr-only', true, ago(0), 'secondary'),
    ];
    expect(leaf(allFailing, { alerts, probes })).toEqual({
      met: true,
      reason: 'primary health probes: 1 of 1 failing (3 checks in a row)',
    });
  });

  it('is unmet without primary probe results', () => {
    expect(leaf(allFailing, { alerts, probes: [probe('web', false, ago(0), 'secondary')] })).toEqual({
      met: false,
      reason: 'no primary health probe results (needs every primary probe failing 3 checks in a row)',
    });
  });

  it('reads "their latest check" for atLeast: 1', () => {
    expect(
      leaf({ primaryProbesFailing: { atLeast: 1 } }, { alerts, probes: probeRun('web', [false]) }),
    ).toEqual({
      met: true,
      reason: 'primary health probes: 1 of 1 failing (their latest check)',
    });
  });
});

describe('primaryProbesFailing (probes: any)', () => {
  const anyFailing = { primaryProbesFailing: { atLeast: 2, probes: 'any' } } as const;

  it('is met by one failing probe and names it', () => {
    const probes = [...probeRun('web', [false, false]), ...probeRun('api', [true, true])];
    expect(leaf(anyFailing, { alerts, probes })).toEqual({
      met: true,
      reason: 'primary health probes: 1 of 2 failing: web (2 checks in a row)',
    });
  });

  it('is unmet when no probe has N failures in a row', () => {
    const probes = [...probeRun('web', [false, true, false]), ...probeRun('api', [true, true])];
    expect(leaf(anyFailing, { alerts, probes })).toEqual({
      met: false,
      reason: 'primary health probes: 0 of 2 failing (needs at least 1 failing 2 checks in a row)',
    });
  });

  it('is unmet without primary probe results', () => {
    expect(leaf(anyFailing, { alerts })).toEqual({
      met: false,
      reason: 'no primary health probe results (needs a primary probe failing 2 checks in a row)',
    });
  });
});
