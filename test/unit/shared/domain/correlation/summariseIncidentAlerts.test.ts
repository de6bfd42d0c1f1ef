// The incident summary the status API and custom status show: counts, severities and the latest notifications.
import type { Alert } from '../../../../../shared/domain/alerts/Alert';
import { toIncidentAlert, type IncidentAlert } from '../../../../../shared/domain/correlation/IncidentAlert';
import { summariseIncidentAlerts } from '../../../../../shared/domain/correlation/summariseIncidentAlerts';
import { evaluateActivation } from '../../../../../shared/domain/criteria/evaluateActivation';
import { defaultActivationCriteria } from '../../../../../shared/domain/criteria/defaultActivationCriteria';
import { genericAlert } from '../../../../support/genericAlert';

const RECEIVED = '2026-11-22T04:00:00.000Z';
const recorded = (alert: Alert): IncidentAlert => toIncidentAlert(alert, RECEIVED);

describe('summariseIncidentAlerts', () => {
  it('is empty for no notifications', () => {
    expect(summariseIncidentAlerts([])).toEqual({ notifications: 0, firing: 0, resolved: 0, latest: [] });
  });

  it('counts fingerprints by their latest notification, in any arrival order', () => {
    const alerts = [
      recorded(
        genericAlert({ id: 'a', severity: 'Sev0', status: 'resolved', resolvedAt: '2026-11-22T03:20:00Z' }),
      ),
      recorded(genericAlert({ id: 'a', severity: 'Sev0', firedAt: '2026-11-22T03:00:00Z' })),
      recorded(genericAlert({ id: 'b', severity: 'Sev2', firedAt: '2026-11-22T03:05:00Z' })),
    ];

    const summary = summariseIncidentAlerts(alerts);

    expect(summary).toMatchObject({
      notifications: 3,
      firing: 1,
      resolved: 1,
      highestFiringSeverity: 'Sev2',
      highestSeverity: 'Sev0',
      firstFiredAt: '2026-11-22T03:00:00.000Z',
      lastNotificationAt: '2026-11-22T03:20:00.000Z',
    });
    expect(summary.latest.map((ref) => [ref.condition, ref.at])).toEqual([
      ['resolved', '2026-11-22T03:20:00.000Z'],
      ['fired', '2026-11-22T03:05:00.000Z'],
      ['fired', '2026-11-22T03:00:00.000Z'],
    ]);
  });

  it('shows at most the five latest notifications', () => {
    const alerts = Array.from({ length: 8 }, (_, i) =>
      recorded(genericAlert({ id: `n${i}`, firedAt: `2026-11-22T03:0${i}:00Z` })),
    );
    expect(summariseIncidentAlerts(alerts).latest.map((ref) => ref.summary)).toEqual([
      'alert n7',
      'alert n6',
      'alert n5',
      'alert n4',
      'alert n3',
    ]);
  });

  it('agrees with the activation criteria on whether anything still fires', () => {
    // A resolution stamped before its own firing (clock skew between sources) still resolves it.
    const alerts = [
      recorded(genericAlert({ id: 'skewed', firedAt: '2026-11-22T03:10:00Z' })),
      recorded(
        genericAlert({
          id: 'skewed',
          status: 'resolved',
          firedAt: '2026-11-22T03:10:00Z',
          resolvedAt: '2026-11-22T03:09:59Z',
        }),
      ),
    ];
    const evaluation = evaluateActivation(defaultActivationCriteria, {
      now: RECEIVED,
      workload: { id: 'orders-api', primaryRegion: 'westeurope', services: [] },
      alerts,
      probes: [],
    });

    expect(summariseIncidentAlerts(alerts).firing).toBe(0);
    expect(evaluation.decision).toBe('dismiss');
  });

  it('picks the five latest without sorting everything: shuffled, with ties on time broken by id', () => {
    const times = ['03:05', '03:01', '03:05', '03:09', '03:02', '03:09', '03:07', '03:05', '03:00'];
    const alerts = times.map((time, i) =>
      recorded(genericAlert({ id: `t${i}`, firedAt: `2026-11-22T${time}:00Z` })),
    );
    const bySorting = [...alerts]
      .sort((a, b) => b.firedAt.localeCompare(a.firedAt) || a.id.localeCompare(b.id))
      .slice(0, 5)
      .map((a) => a.id);

    expect(summariseIncidentAlerts(alerts).latest.map((ref) => ref.id)).toEqual(bySorting);
    expect(summariseIncidentAlerts([...alerts].reverse()).latest.map((ref) => ref.id)).toEqual(bySorting);
  });
});
