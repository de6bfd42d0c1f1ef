import { ago, fired, leaf, MINUTE, resolved, SECOND } from './criteriaTestSupport';

describe('minSeverity', () => {
  it('is met by a firing alert at the threshold', () => {
    expect(leaf({ minSeverity: 'Sev1' }, { alerts: [fired('a', { severity: 'Sev1' })] })).toEqual({
      met: true,
      reason: 'Sev1 or worse: highest is Sev1',
    });
  });

  it('is met by a worse severity and names the highest', () => {
    const alerts = [fired('a', { severity: 'Sev2' }), fired('b', { severity: 'Sev0' })];
    expect(leaf({ minSeverity: 'Sev1' }, { alerts })).toEqual({
      met: true,
      reason: 'Sev1 or worse: highest is Sev0',
    });
  });

  it('is unmet by a milder severity and says what is needed', () => {
    expect(leaf({ minSeverity: 'Sev1' }, { alerts: [fired('a', { severity: 'Sev2' })] })).toEqual({
      met: false,
      reason: 'highest severity is Sev2 (needs Sev1 or worse)',
    });
  });

  it('ignores alerts that have resolved', () => {
    const alerts = [
      fired('a', { severity: 'Sev0' }),
      resolved('a', { severity: 'Sev0', resolvedAt: ago(MINUTE) }),
      fired('b', { severity: 'Sev3' }),
    ];
    expect(leaf({ minSeverity: 'Sev1' }, { alerts })).toEqual({
      met: false,
      reason: 'highest severity is Sev3 (needs Sev1 or worse)',
    });
  });

  it('is unmet with nothing firing', () => {
    expect(leaf({ minSeverity: 'Sev4' })).toEqual({
      met: false,
      reason: 'no alerts firing (needs Sev4 or worse)',
    });
  });
});

describe('alertCount', () => {
  const rule = { alertCount: { atLeast: 2, within: '10m' } } as const;

  it('is met at exactly N alerts in the window', () => {
    const alerts = [fired('a', { firedAt: ago(MINUTE) }), fired('b', { firedAt: ago(2 * MINUTE) })];
    expect(leaf(rule, { alerts })).toEqual({
      met: true,
      reason: '2 alerts active within 10 minutes (needs ≥ 2)',
    });
  });

  it('is unmet at N − 1 and says how many are needed', () => {
    expect(leaf(rule, { alerts: [fired('a', { firedAt: ago(MINUTE) })] })).toEqual({
      met: false,
      reason: '1 alert active within 10 minutes (needs ≥ 2)',
    });
  });

  it('counts an alert still firing however long ago it started: the resource is still down', () => {
    const alerts = [fired('a', { firedAt: ago(3 * 60 * MINUTE) }), fired('b', { firedAt: ago(MINUTE) })];
    expect(leaf(rule, { alerts }).met).toBe(true);
  });

  it('counts an alert resolved exactly at the window edge, not one resolved a millisecond earlier', () => {
    const resolvedAt = (ms: number) => [
      fired('a', { firedAt: ago(20 * MINUTE) }),
      resolved('a', { firedAt: ago(20 * MINUTE), resolvedAt: ago(ms) }),
      fired('b', { firedAt: ago(MINUTE) }),
    ];
    expect(leaf(rule, { alerts: resolvedAt(10 * MINUTE) }).met).toBe(true);
    expect(leaf(rule, { alerts: resolvedAt(10 * MINUTE + 1) })).toEqual({
      met: false,
      reason: '1 alert active within 10 minutes (needs ≥ 2)',
    });
  });

  it('counts distinct fingerprints, not notifications', () => {
    const repeated = [fired('a', { firedAt: ago(MINUTE) }), fired('a', { firedAt: ago(MINUTE) })];
    expect(leaf(rule, { alerts: repeated }).met).toBe(false);
  });

  it('does not count an alert that resolved before the window', () => {
    const alerts = [
      fired('a', { firedAt: ago(MINUTE) }),
      fired('b', { firedAt: ago(30 * MINUTE) }),
      resolved('b', { firedAt: ago(30 * MINUTE), resolvedAt: ago(20 * MINUTE) }),
    ];
    expect(leaf(rule, { alerts }).met).toBe(false);
  });

  it('counts an alert stamped slightly after now (clock skew) as inside the window', () => {
    const alerts = [fired('a', { firedAt: ago(-5 * SECOND) }), fired('b', { firedAt: ago(MINUTE) })];
    expect(leaf(rule, { alerts }).met).toBe(true);
  });
});

describe('distinctResources', () => {
  const rule = { distinctResources: { atLeast: 2, within: '10m' } } as const;

  it('is met at exactly N distinct resources', () => {
    const alerts = [fired('a', { resources: ['/r/1'] }), fired('b', { resources: ['/r/2'] })];
    expect(leaf(rule, { alerts })).toEqual({
      met: true,
      reason: '2 distinct resources alerting within 10 minutes (needs ≥ 2)',
    });
  });

  it('counts a resource once across alerts and spellings', () => {
    const alerts = [fired('a', { resources: ['/r/1'] }), fired('b', { resources: ['/R/1'] })];
    expect(leaf(rule, { alerts })).toEqual({
      met: false,
      reason: '1 distinct resource alerting within 10 minutes (needs ≥ 2)',
    });
  });

  it('counts every resource of one alert', () => {
    expect(leaf(rule, { alerts: [fired('a', { resources: ['/r/1', '/r/2', '/r/3'] })] })).toEqual({
      met: true,
      reason: '3 distinct resources alerting within 10 minutes (needs ≥ 2)',
    });
  });

  it('uses the window edge inclusively for resolved alerts', () => {
    const alerts = [
      fired('a', { resources: ['/r/1'], firedAt: ago(30 * MINUTE) }),
      fired('b', { resources: ['/r/2'], firedAt: ago(30 * MINUTE) }),
      resolved('b', { resources: ['/r/2'], firedAt: ago(30 * MINUTE), resolvedAt: ago(10 * MINUTE + 1) }),
    ];
    expect(leaf(rule, { alerts })).toEqual({
      met: false,
      reason: '1 distinct resource alerting within 10 minutes (needs ≥ 2)',
    });
  });

  it('counts the resources of an alert that resolved within the window', () => {
    const alerts = [
      fired('a', { resources: ['/r/1'] }),
      fired('b', { resources: ['/r/2'] }),
      resolved('b', { resources: ['/r/2'], resolvedAt: ago(SECOND) }),
    ];
    expect(leaf(rule, { alerts }).met).toBe(true);
  });

  it('reads zero resources plainly', () => {
    expect(leaf(rule)).toEqual({
      met: false,
      reason: '0 distinct resources alerting within 10 minutes (needs ≥ 2)',
    });
  });
});

describe('sustainedFor', () => {
  const rule = { sustainedFor: '5m' } as const;

  it('is met when the earliest firing alert fired at least that long ago', () => {
    const alerts = [
      fired('a', { firedAt: ago(6 * MINUTE + 10 * SECOND) }),
      fired('b', { firedAt: ago(MINUTE) }),
    ];
    expect(leaf(rule, { alerts })).toEqual({ met: true, reason: 'firing for 6m 10s (needs 5m sustained)' });
  });

  it('is met at exactly the duration', () => {
    expect(leaf(rule, { alerts: [fired('a', { firedAt: ago(5 * MINUTE) })] })).toEqual({
      met: true,
      reason: 'firing for 5m (needs 5m sustained)',
    });
  });

  it('is unmet a millisecond short of it', () => {
    expect(leaf(rule, { alerts: [fired('a', { firedAt: ago(5 * MINUTE - 1) })] })).toEqual({
      met: false,
      reason: 'firing for 4m 59s (needs 5m sustained)',
    });
  });

  it('counts only alerts still firing: an old alert that resolved does not make it sustained', () => {
    const alerts = [
      fired('old', { firedAt: ago(30 * MINUTE) }),
      resolved('old', { firedAt: ago(30 * MINUTE), resolvedAt: ago(20 * MINUTE) }),
      fired('new', { firedAt: ago(2 * MINUTE) }),
    ];
    expect(leaf(rule, { alerts })).toEqual({ met: false, reason: 'firing for 2m (needs 5m sustained)' });
  });

  it('measures a re-fired alert from its latest firing', () => {
    const alerts = [
      fired('a', { firedAt: ago(30 * MINUTE) }),
      resolved('a', { firedAt: ago(30 * MINUTE), resolvedAt: ago(20 * MINUTE) }),
      fired('a', { firedAt: ago(3 * MINUTE) }),
    ];
    expect(leaf(rule, { alerts })).toEqual({ met: false, reason: 'firing for 3m (needs 5m sustained)' });
  });

  it('is unmet with nothing firing', () => {
    expect(leaf(rule)).toEqual({ met: false, reason: 'no alerts firing (needs 5m sustained)' });
  });
});
