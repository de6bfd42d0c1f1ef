import { activationEvaluationSchema } from '../../../../../shared/domain/criteria/ActivationEvaluation';
import { defaultActivationCriteria } from '../../../../../shared/domain/criteria/defaultActivationCriteria';
import { evaluateActivation } from '../../../../../shared/domain/criteria/evaluateActivation';
import {
  ago,
  evaluate,
  facts,
  fired,
  MINUTE,
  probeRun,
  resolved,
  SECOND,
  serviceHealth,
} from './criteriaTestSupport';

describe('evaluateActivation with the default criteria', () => {
  it('activates on a sustained Sev0 across resources, giving the reasons that made it true', () => {
    const alerts = [
      fired('cpu', {
        severity: 'Sev0',
        firedAt: ago(6 * MINUTE + 10 * SECOND),
        resources: ['/r/web-1', '/r/web-2'],
      }),
      fired('errors', { severity: 'Sev2', firedAt: ago(3 * MINUTE), resources: ['/r/api'] }),
    ];
    const evaluation = evaluateActivation(defaultActivationCriteria, facts({ alerts }));
    expect(evaluation.decision).toBe('activate');
    expect(evaluation.reasons).toEqual([
      'Sev1 or worse: highest is Sev0',
      '3 distinct resources alerting within 10 minutes (needs ≥ 2)',
      'firing for 6m 10s (needs 5m sustained)',
    ]);
  });

  it('lists every alternative that holds', () => {
    const alerts = [
      fired('cpu', { severity: 'Sev1', firedAt: ago(8 * MINUTE), resources: ['/r/web-1'] }),
      serviceHealth('sh', 'App Service', ['westeurope']),
    ];
    const probes = [
      ...probeRun('web', [false, false, false, false]),
      ...probeRun('api', [false, false, false]),
    ];
    expect(evaluateActivation(defaultActivationCriteria, facts({ alerts, probes })).reasons).toEqual([
      'Sev1 or worse: highest is Sev1',
      'Azure Service Health alert for App Service in westeurope (primary region)',
      'primary health probes: 2 of 2 failing (3 checks in a row)',
      'firing for 10m (needs 5m sustained)',
    ]);
  });

  it('observes a young single-resource alert and says what is still needed', () => {
    const alerts = [fired('cpu', { severity: 'Sev1', firedAt: ago(2 * MINUTE), resources: ['/r/web-1'] })];
    const evaluation = evaluateActivation(defaultActivationCriteria, facts({ alerts }));
    expect(evaluation.decision).toBe('observe');
    expect(evaluation.reasons).toEqual([
      'none of these yet: 1 distinct resource alerting within 10 minutes (needs ≥ 2); ' +
        'no Azure Service Health alert for App Service and Azure SQL Database in westeurope (primary region); ' +
        'no primary health probe results (needs every primary probe failing 3 checks in a row)',
      'firing for 2m (needs 5m sustained)',
    ]);
  });

  it('observes a Sev2, whatever else holds', () => {
    const alerts = [
      fired('cpu', { severity: 'Sev2', firedAt: ago(6 * MINUTE), resources: ['/r/1', '/r/2', '/r/3'] }),
    ];
    const evaluation = evaluateActivation(defaultActivationCriteria, facts({ alerts }));
    expect(evaluation).toMatchObject({
      decision: 'observe',
      reasons: ['highest severity is Sev2 (needs Sev1 or worse)'],
    });
  });
});

describe('evaluateActivation: dismissal', () => {
  it('dismisses once every fingerprint has resolved, saying when the last one did', () => {
    const alerts = [
      fired('a', { severity: 'Sev0', firedAt: ago(20 * MINUTE), resources: ['/r/1', '/r/2'] }),
      fired('b', { firedAt: ago(15 * MINUTE) }),
      resolved('a', { firedAt: ago(20 * MINUTE), resolvedAt: ago(4 * MINUTE) }),
      resolved('b', { firedAt: ago(15 * MINUTE), resolvedAt: ago(MINUTE + 30 * SECOND) }),
    ];
    const evaluation = evaluateActivation(defaultActivationCriteria, facts({ alerts }));
    expect(evaluation.decision).toBe('dismiss');
    expect(evaluation.reasons).toEqual(['all 2 alerts have resolved (the last 1m 30s ago)']);
    expect(evaluation.conditions[1]).toEqual({
      path: 'dismissWhen',
      label: 'all alerts resolved',
      met: true,
      reason: 'all 2 alerts have resolved (the last 1m 30s ago)',
    });
  });

  it('words a single resolved alert, and leaves out the time when the source gave none', () => {
    const alerts = [fired('a'), resolved('a')];
    expect(evaluateActivation(defaultActivationCriteria, facts({ alerts })).reasons).toEqual([
      'the alert has resolved',
    ]);
    const timed = [fired('a'), resolved('a', { resolvedAt: ago(30 * SECOND) })];
    expect(evaluateActivation(defaultActivationCriteria, facts({ alerts: timed })).reasons).toEqual([
      'the alert has resolved (30s ago)',
    ]);
  });

  it('dismisses an incident without alerts', () => {
    expect(evaluateActivation(defaultActivationCriteria, facts())).toMatchObject({
      decision: 'dismiss',
      reasons: ['no alerts in this incident'],
    });
  });

  it('dismisses even when the activation condition still holds', () => {
    const evaluation = evaluate({ not: { minSeverity: 'Sev0' } }, { alerts: [fired('a'), resolved('a')] });
    expect(evaluation.decision).toBe('dismiss');
    expect(evaluation.conditions[0]?.met).toBe(true);
  });

  it('keeps observing while one alert of several still fires', () => {
    const alerts = [fired('a'), fired('b'), resolved('a', { resolvedAt: ago(MINUTE) })];
    const evaluation = evaluate({ minSeverity: 'Sev0' }, { alerts });
    expect(evaluation.decision).toBe('observe');
    expect(evaluation.conditions[1]).toMatchObject({ met: false, reason: '1 of 2 alerts still firing' });
  });
});

describe('evaluateActivation: reasons', () => {
  it('groups the unmet parts of an alternative', () => {
    const evaluation = evaluate(
      {
        any: [
          { all: [{ minSeverity: 'Sev0' }, { sustainedFor: '15m' }] },
          { alertCount: { atLeast: 5, within: '5m' } },
        ],
      },
      { alerts: [fired('a', { severity: 'Sev1', firedAt: ago(MINUTE) })] },
    );
    expect(evaluation.reasons).toEqual([
      'none of these yet: (highest severity is Sev1 (needs Sev0 or worse) and firing for 1m (needs 15m sustained)); ' +
        '1 alert active within 5 minutes (needs ≥ 5)',
    ]);
  });

  it('states a single alternative on its own', () => {
    const evaluation = evaluate(
      { any: [{ minSeverity: 'Sev0' }] },
      { alerts: [fired('a', { severity: 'Sev3' })] },
    );
    expect(evaluation.reasons).toEqual(['highest severity is Sev3 (needs Sev0 or worse)']);
  });

  it('does not repeat a reason', () => {
    const evaluation = evaluate(
      { all: [{ minSeverity: 'Sev1' }, { minSeverity: 'Sev1' }] },
      { alerts: [fired('a')] },
    );
    expect(evaluation.reasons).toEqual(['Sev1 or worse: highest is Sev1']);
  });

  it('explains a not that blocks activation', () => {
    const evaluation = evaluate(
      { all: [{ minSeverity: 'Sev1' }, { not: { serviceHealthInPrimaryRegion: true } }] },
      { alerts: [fired('a'), serviceHealth('sh', 'App Service', ['westeurope'])] },
    );
    expect(evaluation).toMatchObject({
      decision: 'observe',
      reasons: [
        'must not be the case: Azure Service Health alert for App Service in westeurope (primary region)',
      ],
    });
  });
});

describe('evaluateActivation: purity', () => {
  it('reads only its arguments: same facts, same answer, inputs untouched', () => {
    const input = facts({
      alerts: [fired('b', { firedAt: ago(MINUTE) }), fired('a', { firedAt: ago(9 * MINUTE) }), resolved('b')],
      probes: probeRun('web', [true, false, false]),
    });
    const snapshot = structuredClone(input);
    const first = evaluateActivation(defaultActivationCriteria, input);
    expect(evaluateActivation(defaultActivationCriteria, input)).toEqual(first);
    expect(input).toEqual(snapshot);
    expect(activationEvaluationSchema.parse(first)).toEqual(first);
  });

  it('takes the time from facts.now', () => {
    const alerts = [fired('a', { firedAt: '2026-11-20T08:00:00.000Z' })];
    const early = evaluate({ sustainedFor: '5m' }, { alerts, now: '2026-11-20T08:04:00.000Z' });
    const late = evaluate({ sustainedFor: '5m' }, { alerts, now: '2026-11-20T09:05:00+01:00' });
    expect([early.decision, late.decision]).toEqual(['observe', 'activate']);
  });
});
