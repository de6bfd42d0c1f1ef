import { alertSchema } from '../../../../../../shared/domain/alerts/Alert';
import { normaliseAlertPayload } from '../../../../../../shared/domain/alerts/normaliseAlertPayload';
import {
  REMOVE,
  expectAlerts,
  expectError,
  expectedAlertId,
  fixtureWith,
  loadAlertFixture,
  withoutRaw,
} from '../alertTestSupport';

describe('normaliseGenericAlert', () => {
  it('normalises each alert of a lifeboat.alert/v1 payload', () => {
    const body = loadAlertFixture('generic-v1.json') as { alerts: unknown[] };
    const result = normaliseAlertPayload(body);

    expect(result.ok && result.format).toBe('generic-v1');
    const [fired, resolved] = expectAlerts(result);
    expect(withoutRaw(alertSchema.parse(fired))).toEqual({
      id: expectedAlertId('generic', 'pingdom:check-4417', 'fired'),
      source: 'generic',
      sourceAlertId: 'pingdom:check-4417',
      fingerprint: 'check-4417',
      severity: 'Sev1',
      condition: 'fired',
      signalType: 'Synthetic',
      monitoringService: 'pingdom',
      alertRule: 'pingdom',
      targetResourceIds: [
        '/subscriptions/6f1e2c3a-0000-4000-8000-000000000001/resourcegroups/rg-orders-weu/providers/microsoft.web/sites/orders-api-weu',
      ],
      region: 'westeurope',
      workloadHint: 'orders',
      labels: { check: 'https-orders', team: 'orders' },
      impactedServices: [],
      firedAt: '2026-11-20T08:13:05.000Z',
      summary: 'orders.example.com is down from 3 probe locations',
    });
    expect(fired?.raw).toEqual(body.alerts[0]);

    expect(withoutRaw(alertSchema.parse(resolved))).toEqual({
      id: expectedAlertId('generic', 'pingdom:check-4420', 'resolved'),
      source: 'generic',
      sourceAlertId: 'pingdom:check-4420',
      fingerprint: 'check-4420',
      severity: 'Sev3',
      condition: 'resolved',
      signalType: 'Generic',
      monitoringService: 'pingdom',
      alertRule: 'checkout-latency',
      targetResourceIds: [],
      labels: {},
      impactedServices: [],
      firedAt: '2026-11-20T07:40:00.000Z',
      resolvedAt: '2026-11-20T08:02:10.250Z',
      summary: 'checkout latency back under 2s',
    });
  });

  it('takes the workload hint from a "workload" label when the field is absent', () => {
    const body = fixtureWith('generic-v1.json', { 'alerts.1.labels': { workload: 'checkout' } });
    const [, alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert?.workloadHint).toBe('checkout');
  });

  it.each([
    ['missing field', 'alerts.0.summary', REMOVE, 'alerts[0].summary', 'expected string, received undefined'],
    ['bad severity', 'alerts.1.severity', 'critical', 'alerts[1].severity', 'expected one of "Sev0"'],
    ['bad date', 'alerts.0.firedAt', '2026-11-20 08:13', 'alerts[0].firedAt', 'Invalid ISO datetime'],
    [
      'impossible date',
      'alerts.1.resolvedAt',
      '2026-02-30T00:00:00Z',
      'alerts[1].resolvedAt',
      'Invalid ISO datetime',
    ],
    [
      'date without zone',
      'alerts.0.firedAt',
      '2026-11-20T08:13:05',
      'alerts[0].firedAt',
      'Invalid ISO datetime',
    ],
    ['bad status', 'alerts.0.status', 'firing', 'alerts[0].status', 'expected one of "fired"|"resolved"'],
    ['blank id', 'alerts.0.id', '  ', 'alerts[0].id', 'Too small'],
    [
      'unknown field',
      'alerts.0.resovledAt',
      '2026-11-20T09:00:00Z',
      'alerts[0]',
      'Unrecognized key: "resovledAt"',
    ],
    [
      'non-string label',
      'alerts.0.labels',
      { tier: 1 },
      'alerts[0].labels.tier',
      'expected string, received number',
    ],
    ['no alerts', 'alerts', [], 'alerts', 'Too small'],
  ])('rejects a %s with its path and expectation', (_kind, field, value, path, message) => {
    const error = expectError(normaliseAlertPayload(fixtureWith('generic-v1.json', { [field]: value })));
    expect(error.code).toBe('invalid_payload');
    expect(error.details).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(error.message).toContain(path);
  });

  it('lists every problem, not only the first', () => {
    const body = fixtureWith('generic-v1.json', {
      'alerts.0.severity': 'P1',
      'alerts.1.firedAt': 'yesterday',
    });
    const error = expectError(normaliseAlertPayload(body));
    expect(error.details.map((d) => d.path)).toEqual(['alerts[0].severity', 'alerts[1].firedAt']);
    expect(error.message).toContain('(and 1 more)');
  });
});
