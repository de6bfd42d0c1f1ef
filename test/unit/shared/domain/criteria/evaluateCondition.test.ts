import { ago, evaluate, fired, leaf, MINUTE, rootOf, serviceHealth } from './criteriaTestSupport';

const sev0 = [fired('a', { severity: 'Sev0', firedAt: ago(MINUTE) })];

describe('combinators', () => {
  it('all is met only when every condition is', () => {
    expect(leaf({ all: [{ minSeverity: 'Sev1' }, { sustainedFor: '30s' }] }, { alerts: sev0 })).toEqual({
      met: true,
      reason: 'all 2 conditions met',
    });
    expect(leaf({ all: [{ minSeverity: 'Sev1' }, { sustainedFor: '5m' }] }, { alerts: sev0 })).toEqual({
      met: false,
      reason: '1 of 2 conditions met (needs all 2)',
    });
  });

  it('any is met when one condition is', () => {
    expect(leaf({ any: [{ sustainedFor: '5m' }, { minSeverity: 'Sev1' }] }, { alerts: sev0 })).toEqual({
      met: true,
      reason: '1 of 2 alternatives met',
    });
    expect(
      leaf({ any: [{ sustainedFor: '5m' }, { serviceHealthInPrimaryRegion: true }] }, { alerts: sev0 }),
    ).toEqual({ met: false, reason: 'none of 2 alternatives met (needs at least 1)' });
  });

  it('not inverts, and shows what was observed rather than the inner "needs"', () => {
    expect(leaf({ not: { serviceHealthInPrimaryRegion: true } }, { alerts: sev0 })).toEqual({
      met: true,
      reason:
        'no Azure Service Health alert for App Service and Azure SQL Database in westeurope (primary region)',
    });
    const platformIncident = [...sev0, serviceHealth('sh', 'App Service', ['westeurope'])];
    expect(leaf({ not: { serviceHealthInPrimaryRegion: true } }, { alerts: platformIncident })).toEqual({
      met: false,
      reason:
        'must not be the case: Azure Service Health alert for App Service in westeurope (primary region)',
    });
  });

  it('nests arbitrarily', () => {
    const condition = {
      any: [
        { all: [{ minSeverity: 'Sev0' }, { not: { sustainedFor: '10m' } }] },
        { not: { any: [{ minSeverity: 'Sev4' }] } },
      ],
    } as const;
    expect(leaf(condition, { alerts: sev0 }).met).toBe(true);
    expect(
      leaf(condition, { alerts: [fired('a', { severity: 'Sev0', firedAt: ago(20 * MINUTE) })] }).met,
    ).toBe(false);
  });

  it('evaluates every child, so the status API shows the whole tree with paths and labels', () => {
    const evaluation = evaluate(
      {
        all: [
          { sustainedFor: '5m' },
          {
            any: [
              { alertCount: { atLeast: 2, within: '1h30m' } },
              { not: { primaryProbesFailing: { atLeast: 3, probes: 'any' } } },
            ],
          },
        ],
      },
      { alerts: sev0 },
    );
    expect(rootOf(evaluation)).toEqual({
      path: 'activateWhen',
      label: 'all of 2',
      met: false,
      reason: '1 of 2 conditions met (needs all 2)',
      children: [
        {
          path: 'activateWhen.all[0]',
          label: 'sustained for 5m',
          met: false,
          reason: 'firing for 1m (needs 5m sustained)',
        },
        {
          path: 'activateWhen.all[1]',
          label: 'any of 2',
          met: true,
          reason: '1 of 2 alternatives met',
          children: [
            {
              path: 'activateWhen.all[1].any[0]',
              label: 'at least 2 alerts within 1h 30m',
              met: false,
              reason: '1 alert active within 1 hour 30 minutes (needs ≥ 2)',
            },
            {
              path: 'activateWhen.all[1].any[1]',
              label: 'not: a primary probe failing 3 checks in a row',
              met: true,
              reason: 'no primary health probe results',
              children: [
                {
                  path: 'activateWhen.all[1].any[1].not',
                  label: 'a primary probe failing 3 checks in a row',
                  met: false,
                  reason: 'no primary health probe results (needs a primary probe failing 3 checks in a row)',
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
