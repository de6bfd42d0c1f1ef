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

const RG_NEU =
  '/subscriptions/6f1e2c3a-0000-4000-8000-000000000001/resourcegroups/rg-orders-neu/providers/microsoft.dbforpostgresql/flexibleservers';
const RG_WEU =
  '/subscriptions/6f1e2c3a-0000-4000-8000-000000000001/resourcegroups/rg-orders-weu/providers/microsoft.dbforpostgresql/flexibleservers';

describe('normaliseAlertmanagerWebhook', () => {
  it('turns a request with several firing alerts into one alert each', () => {
    const result = normaliseAlertPayload(loadAlertFixture('alertmanager-v4.json'));

    expect(result.ok && result.format).toBe('alertmanager-v4');
    const alerts = expectAlerts(result).map((alert) => withoutRaw(alertSchema.parse(alert)));
    const common = {
      source: 'alertmanager',
      severity: 'Sev1', // severity="critical"
      condition: 'fired',
      signalType: 'Prometheus',
      monitoringService: 'Alertmanager',
      alertRule: 'OrdersApiDown',
      targetResourceIds: [],
      region: 'westeurope',
      impactedServices: [],
      summary: 'orders-api probes failing in westeurope',
    } as const;
    expect(alerts).toEqual([
      {
        ...common,
        id: expectedAlertId('alertmanager', '3f5e1a2b9c8d7e60@2026-11-20T08:13:00.000Z', 'fired'),
        sourceAlertId: '3f5e1a2b9c8d7e60@2026-11-20T08:13:00.000Z',
        fingerprint: '3f5e1a2b9c8d7e60',
        labels: {
          alertname: 'OrdersApiDown',
          service: 'orders-api',
          severity: 'critical',
          region: 'westeurope',
          instance: 'orders-api-weu-1:8080',
        },
        firedAt: '2026-11-20T08:13:00.000Z',
      },
      {
        ...common,
        id: expectedAlertId('alertmanager', '8a7b6c5d4e3f2a19@2026-11-20T08:13:30.000Z', 'fired'),
        sourceAlertId: '8a7b6c5d4e3f2a19@2026-11-20T08:13:30.000Z',
        fingerprint: '8a7b6c5d4e3f2a19',
        labels: {
          alertname: 'OrdersApiDown',
          service: 'orders-api',
          severity: 'critical',
          region: 'westeurope',
          instance: 'orders-api-weu-2:8080',
        },
        firedAt: '2026-11-20T08:13:30.000Z',
      },
    ]);
  });

  it('handles a resolved and a still-firing alert in one request', () => {
    const [resolved, firing] = expectAlerts(
      normaliseAlertPayload(loadAlertFixture('alertmanager-v4-mixed.json')),
    );

    expect(withoutRaw(alertSchema.parse(resolved))).toEqual({
      id: expectedAlertId('alertmanager', 'b7c6d5e4f3a29180@2026-11-20T07:58:00.123Z', 'resolved'),
      source: 'alertmanager',
      sourceAlertId: 'b7c6d5e4f3a29180@2026-11-20T07:58:00.123Z',
      fingerprint: 'b7c6d5e4f3a29180',
      severity: 'Sev3', // severity="warning"
      condition: 'resolved',
      signalType: 'Prometheus',
      monitoringService: 'Alertmanager',
      alertRule: 'OrdersDbReplicationLag',
      targetResourceIds: [`${RG_NEU}/orders-pg-neu`],
      region: 'northeurope',
      labels: {
        alertname: 'OrdersDbReplicationLag',
        service: 'orders-db',
        severity: 'warning',
        region: 'North Europe',
        resource_id:
          '/subscriptions/6f1e2c3a-0000-4000-8000-000000000001/resourceGroups/rg-orders-neu/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-pg-neu',
      },
      impactedServices: [],
      // Nanoseconds truncated to milliseconds.
      firedAt: '2026-11-20T07:58:00.123Z',
      resolvedAt: '2026-11-20T08:12:30.500Z',
      // No summary annotation: the description is next.
      summary: 'replication lag above 30s on orders-pg-neu',
    });

    expect(withoutRaw(alertSchema.parse(firing))).toEqual({
      id: expectedAlertId('alertmanager', 'c8d7e6f5a4b3c2d1@2026-11-20T08:10:00.000Z', 'fired'),
      source: 'alertmanager',
      sourceAlertId: 'c8d7e6f5a4b3c2d1@2026-11-20T08:10:00.000Z',
      fingerprint: 'c8d7e6f5a4b3c2d1',
      severity: 'Sev0', // severity="sev0", taken verbatim
      condition: 'fired',
      signalType: 'Prometheus',
      monitoringService: 'Alertmanager',
      alertRule: 'OrdersDbReplicationLag',
      targetResourceIds: [`${RG_WEU}/orders-pg-weu`],
      workloadHint: 'orders',
      labels: {
        alertname: 'OrdersDbReplicationLag',
        service: 'orders-db',
        severity: 'sev0',
        workload: 'orders',
        azure_resource_id:
          '/subscriptions/6f1e2c3a-0000-4000-8000-000000000001/resourceGroups/RG-Orders-WEU/providers/Microsoft.DBforPostgreSQL/flexibleServers/Orders-PG-WEU',
      },
      impactedServices: [],
      // startsAt "2026-11-20T09:10:00+01:00"; endsAt is the zero time, so no resolvedAt.
      firedAt: '2026-11-20T08:10:00.000Z',
      summary: 'orders-pg-weu replication lag',
    });
  });

  it('keeps the entry as received with its group key and Alertmanager URL as raw', () => {
    const body = loadAlertFixture('alertmanager-v4-mixed.json') as { alerts: unknown[] };
    const [first] = expectAlerts(normaliseAlertPayload(body));
    expect(first?.raw).toEqual({
      groupKey: '{}/{service="orders-db"}:{alertname="OrdersDbReplicationLag"}',
      externalURL: 'http://alertmanager.example.internal:9093',
      receiver: 'lifeboat',
      alert: body.alerts[0],
    });
  });

  it('gives the firing and resolved notifications of one alert the same fingerprint and source alert id', () => {
    const firing = fixtureWith('alertmanager-v4.json', { 'alerts.0.status': 'firing' });
    const resolved = fixtureWith('alertmanager-v4.json', {
      'alerts.0.status': 'resolved',
      'alerts.0.endsAt': '2026-11-20T08:30:00Z',
    });
    const [a] = expectAlerts(normaliseAlertPayload(firing));
    const [b] = expectAlerts(normaliseAlertPayload(resolved));
    expect(b?.fingerprint).toBe(a?.fingerprint);
    expect(b?.sourceAlertId).toBe(a?.sourceAlertId);
    expect(b?.id).not.toBe(a?.id);
    expect(a?.resolvedAt).toBeUndefined();
    expect(b?.resolvedAt).toBe('2026-11-20T08:30:00.000Z');
  });

  it('ignores endsAt on a firing alert (it is only the resolve timeout)', () => {
    const body = fixtureWith('alertmanager-v4.json', { 'alerts.0.endsAt': '2026-11-20T08:18:00Z' });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert?.resolvedAt).toBeUndefined();
  });

  it('defaults to Sev3 and "Alertmanager alert" when severity and alertname labels are missing', () => {
    const body = fixtureWith('alertmanager-v4.json', {
      'alerts.0.labels': { instance: 'x:1' },
      'alerts.0.annotations': {},
      groupLabels: {},
    });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert).toMatchObject({
      severity: 'Sev3',
      alertRule: 'Alertmanager alert',
      summary: 'Alertmanager alert',
    });
  });

  it.each([
    ['version', '3', 'version'],
    ['alerts', [], 'alerts'],
    ['alerts.1.status', 'pending', 'alerts[1].status'],
    ['alerts.0.fingerprint', REMOVE, 'alerts[0].fingerprint'],
    ['alerts.0.startsAt', 'now', 'alerts[0].startsAt'],
    ['alerts.0.startsAt', '0001-01-01T00:00:00Z', 'alerts[0].startsAt'],
    ['alerts.0.labels', 'severity=critical', 'alerts[0].labels'],
  ])('rejects %s = %p naming the path', (field, value, path) => {
    const error = expectError(normaliseAlertPayload(fixtureWith('alertmanager-v4.json', { [field]: value })));
    expect(error.code).toBe('invalid_payload');
    expect(error.details.map((d) => d.path)).toContain(path);
  });
});
