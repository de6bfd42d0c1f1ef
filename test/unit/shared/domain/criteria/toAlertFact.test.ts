import { type Alert } from '../../../../../shared/domain/alerts/Alert';
import { alertFactSchema } from '../../../../../shared/domain/criteria/ActivationFacts';
import { toAlertFact } from '../../../../../shared/domain/criteria/toAlertFact';

const alert: Alert = {
  id: '0123456789abcdef0123456789abcdef',
  source: 'azure-monitor',
  sourceAlertId: 'alert-1',
  fingerprint: 'fp-1',
  severity: 'Sev1',
  condition: 'resolved',
  signalType: 'Metric',
  monitoringService: 'ServiceHealth',
  alertRule: 'rule',
  targetResourceIds: ['/subscriptions/s'],
  region: 'westeurope',
  labels: { team: 'payments' },
  impactedServices: [{ service: 'App Service', regions: ['westeurope'] }],
  firedAt: '2026-11-20T08:00:00.000Z',
  resolvedAt: '2026-11-20T08:30:00.000Z',
  summary: 'App Service incident',
  raw: { large: 'payload' },
};

describe('toAlertFact', () => {
  it('keeps what criteria read and drops the rest', () => {
    const fact = toAlertFact(alert);
    expect(fact).toEqual({
      id: alert.id,
      fingerprint: 'fp-1',
      severity: 'Sev1',
      condition: 'resolved',
      firedAt: '2026-11-20T08:00:00.000Z',
      resolvedAt: '2026-11-20T08:30:00.000Z',
      targetResourceIds: ['/subscriptions/s'],
      monitoringService: 'ServiceHealth',
      region: 'westeurope',
      impactedServices: [{ service: 'App Service', regions: ['westeurope'] }],
    });
    expect(alertFactSchema.parse(fact)).toEqual(fact);
  });

  it('leaves optional fields out rather than undefined', () => {
    const { region: _region, resolvedAt: _resolvedAt, ...firing } = alert;
    const fact = toAlertFact({ ...firing, condition: 'fired' });
    expect(Object.keys(fact)).not.toContain('region');
    expect(Object.keys(fact)).not.toContain('resolvedAt');
  });

  it('copies arrays, so the fact does not share state with the alert', () => {
    const fact = toAlertFact(alert);
    expect(fact.targetResourceIds).not.toBe(alert.targetResourceIds);
    expect(fact.impactedServices[0]?.regions).not.toBe(alert.impactedServices[0]?.regions);
  });
});
