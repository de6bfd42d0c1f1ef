import { alertSchema, type Alert } from '../../../../../../shared/domain/alerts/Alert';
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

const SUB = '/subscriptions/6f1e2c3a-0000-4000-8000-000000000001';
const ALERTS = `${SUB}/providers/Microsoft.AlertsManagement/alerts`;
const RG = `${SUB}/resourcegroups/rg-orders-weu/providers`;

type Expected = Omit<Alert, 'raw' | 'id' | 'source' | 'impactedServices' | 'labels'> &
  Partial<Pick<Alert, 'impactedServices' | 'labels'>>;

/** One Azure Monitor notification → the normalised alert Lifeboat must produce from it. */
const cases: readonly [fixture: string, expected: Expected][] = [
  [
    'azure-monitor-metric-fired.json',
    {
      sourceAlertId: `${ALERTS}/0c8f3a1e-5b2d-4c7e-9a61-2d4f8b7e1a01`,
      fingerprint:
        '6f1e2c3a-0000-4000-8000-000000000001_rg-orders-weu_microsoft.insights_metricAlerts_orders-api-5xx-rate_1736911200',
      severity: 'Sev1',
      condition: 'fired',
      signalType: 'Metric',
      monitoringService: 'Platform',
      alertRule: 'orders-api-5xx-rate',
      targetResourceIds: [`${RG}/microsoft.web/sites/orders-api-weu`],
      labels: { team: 'orders' },
      firedAt: '2026-11-20T08:14:05.120Z',
      summary: 'Share of HTTP 5xx responses above 20% for 5 minutes',
    },
  ],
  [
    'azure-monitor-metric-resolved.json',
    {
      sourceAlertId: `${ALERTS}/0c8f3a1e-5b2d-4c7e-9a61-2d4f8b7e1a01`,
      fingerprint:
        '6f1e2c3a-0000-4000-8000-000000000001_rg-orders-weu_microsoft.insights_metricAlerts_orders-api-5xx-rate_1736911200',
      severity: 'Sev1',
      condition: 'resolved',
      signalType: 'Metric',
      monitoringService: 'Platform',
      alertRule: 'orders-api-5xx-rate',
      targetResourceIds: [`${RG}/microsoft.web/sites/orders-api-weu`],
      labels: { team: 'orders' },
      firedAt: '2026-11-20T08:14:05.120Z',
      resolvedAt: '2026-11-20T08:19:44.010Z',
      summary: 'Share of HTTP 5xx responses above 20% for 5 minutes',
    },
  ],
  [
    'azure-monitor-metric-dynamic-threshold.json',
    {
      sourceAlertId: `${ALERTS}/9a1b2c3d-1111-4aaa-8bbb-000000000003`,
      fingerprint:
        '6f1e2c3a-0000-4000-8000-000000000001_RG-Orders-WEU_microsoft.insights_metricAlerts_orders-storage-egress-anomaly_1234567890',
      severity: 'Sev2',
      condition: 'fired',
      signalType: 'Metric',
      monitoringService: 'Platform',
      alertRule: 'orders-storage-egress-anomaly',
      // The payload writes the id in mixed case; Lifeboat compares ARM ids lowercased.
      targetResourceIds: [`${RG}/microsoft.storage/storageaccounts/ordersstweu`],
      region: 'westeurope',
      workloadHint: 'orders',
      labels: { workload: 'orders', region: 'West Europe' },
      firedAt: '2026-11-20T08:20:11.719Z',
      summary: 'Egress deviates from its learned pattern',
    },
  ],
  [
    'azure-monitor-metric-webtest-availability-resolved.json',
    {
      sourceAlertId: `${ALERTS}/5c6d7e8f-2222-4ccc-8ddd-000000000004`,
      fingerprint:
        '6f1e2c3a-0000-4000-8000-000000000001_rg-orders-weu_microsoft.insights_metricalerts_orders-web-availability_-1850417327',
      severity: 'Sev1',
      condition: 'resolved',
      signalType: 'Metric',
      monitoringService: 'Platform',
      alertRule: 'orders-web-availability',
      targetResourceIds: [
        `${RG}/microsoft.insights/webtests/orders-home-page-ai-orders-weu`,
        `${RG}/microsoft.insights/components/ai-orders-weu`,
      ],
      firedAt: '2026-11-20T08:15:02.441Z',
      resolvedAt: '2026-11-20T08:31:47.910Z',
      // The rule has an empty description.
      summary: 'orders-web-availability',
    },
  ],
  [
    'azure-monitor-log-v2.json',
    {
      sourceAlertId: `${ALERTS}/7d2e9b44-1f3a-4e0c-8b5d-6a9c0e3f2b02`,
      fingerprint: 'b1c2d3e4-0000-4000-8000-00000000aa02',
      severity: 'Sev0',
      condition: 'fired',
      signalType: 'Log',
      monitoringService: 'Log Alerts V2',
      alertRule: 'orders-db-failed-connections',
      targetResourceIds: [`${RG}/microsoft.documentdb/databaseaccounts/orders-cosmos`],
      // From the "Region" dimension of the query.
      region: 'westeurope',
      firedAt: '2026-11-20T08:16:40.000Z',
      summary: 'Failed data-plane requests from the orders API',
    },
  ],
  [
    'azure-monitor-log-v2-custom-properties.json',
    {
      sourceAlertId: `${ALERTS}/3e4f5a6b-3333-4eee-8fff-000000000005`,
      fingerprint: 'c1d2e3f4-0000-4000-8000-00000000aa05',
      severity: 'Sev2',
      condition: 'fired',
      signalType: 'Log',
      monitoringService: 'Log Alerts V2',
      alertRule: 'orders-vm-heartbeat-missing',
      targetResourceIds: [`${RG}/microsoft.compute/virtualmachines/orders-worker-01`],
      workloadHint: 'orders',
      // alertContext.properties carries the rule's custom properties; numbers become strings.
      labels: { workload: 'orders', tier: '1' },
      firedAt: '2026-11-20T08:25:41.472Z',
      summary: 'No heartbeat from the orders workers',
    },
  ],
  [
    'azure-monitor-log-analytics-legacy.json',
    {
      sourceAlertId: `${ALERTS}/7a8b9c0d-4444-4111-8222-000000000006`,
      fingerprint: 'd4e5f6a7-0000-4000-8000-00000000aa06',
      severity: 'Sev3',
      condition: 'fired',
      signalType: 'Log',
      monitoringService: 'Log Analytics',
      alertRule: 'orders-cpu-log-legacy',
      targetResourceIds: [`${RG}/microsoft.operationalinsights/workspaces/law-orders-weu`],
      // The only region among the search results' data sources.
      region: 'westeurope',
      firedAt: '2019-03-22T13:52:10.115Z',
      // No description: the legacy search window ("3/22/2019 1:36:31 PM", UTC) describes the occurrence.
      summary:
        'orders-cpu-log-legacy: 2 result(s) between 2019-03-22T13:36:31.000Z and 2019-03-22T13:51:31.000Z',
    },
  ],
  [
    'azure-monitor-application-insights-legacy.json',
    {
      sourceAlertId: `${ALERTS}/8b9c0d1e-5555-4222-8333-000000000007`,
      fingerprint: 'e5f6a7b8-0000-4000-8000-00000000aa07',
      severity: 'Sev1',
      condition: 'fired',
      signalType: 'Log',
      monitoringService: 'Application Insights',
      alertRule: 'orders-api-500s',
      targetResourceIds: [`${RG}/microsoft.insights/components/ai-orders-weu`],
      firedAt: '2019-03-22T13:52:33.010Z',
      summary: 'HTTP 500 responses from the orders API',
    },
  ],
  [
    'azure-monitor-log-platform-legacy.json',
    {
      sourceAlertId: `${ALERTS}/9c0d1e2f-6666-4333-8444-000000000008`,
      fingerprint: 'f6a7b8c9-0000-4000-8000-00000000aa08',
      severity: 'Sev3',
      condition: 'fired',
      signalType: 'Log',
      monitoringService: 'Platform',
      alertRule: 'orders-disk-latency',
      targetResourceIds: [`${RG}/microsoft.operationalinsights/workspaces/law-orders-weu`],
      // "Location" dimension, "North Europe".
      region: 'northeurope',
      firedAt: '2019-03-22T13:53:02.000Z',
      // 12:36 PM is noon, not midnight.
      summary:
        'orders-disk-latency: 1 result(s) between 2019-03-22T12:36:31.000Z and 2019-03-22T12:51:31.000Z',
    },
  ],
  [
    'azure-monitor-activity-log-administrative.json',
    {
      sourceAlertId: `${ALERTS}/0d1e2f3a-7777-4444-8555-000000000009`,
      fingerprint: 'aaaabbbb-0000-4000-8000-0000000000a9_123456789012345678901234567890ab',
      severity: 'Sev4',
      condition: 'fired',
      signalType: 'Activity Log',
      monitoringService: 'Activity Log - Administrative',
      alertRule: 'orders-vm-restarted',
      targetResourceIds: [`${RG}/microsoft.compute/virtualmachines/orders-worker-01`],
      firedAt: '2026-11-20T08:29:01.293Z',
      summary: 'A VM of the orders workload was restarted',
    },
  ],
  [
    'azure-monitor-activity-log-policy.json',
    {
      sourceAlertId: `${ALERTS}/1e2f3a4b-8888-4555-8666-000000000010`,
      fingerprint: 'bbbbcccc-0000-4000-8000-0000000000a10',
      severity: 'Sev3',
      condition: 'fired',
      signalType: 'Activity Log',
      monitoringService: 'Activity Log - Policy',
      alertRule: 'orders-policy-audit',
      targetResourceIds: [SUB],
      // properties.resourceLocation
      region: 'eastus2',
      firedAt: '2026-11-20T11:12:50.000Z',
      summary: 'Policy audit on the orders subscription',
    },
  ],
  [
    'azure-monitor-activity-log-autoscale.json',
    {
      sourceAlertId: `${ALERTS}/2f3a4b5c-9999-4666-8777-000000000011`,
      fingerprint: 'ccccdddd-0000-4000-8000-000000000a11',
      severity: 'Sev4',
      condition: 'fired',
      signalType: 'Activity Log',
      monitoringService: 'Activity Log - Autoscale',
      alertRule: 'orders-autoscale-scaleup',
      targetResourceIds: [`${RG}/microsoft.compute/virtualmachinescalesets/orders-vmss`],
      firedAt: '2026-11-20T16:18:01.000Z',
      summary: 'Orders scale set scaled out',
    },
  ],
  [
    'azure-monitor-activity-log-security.json',
    {
      sourceAlertId: `${ALERTS}/3a4b5c6d-aaaa-4777-8888-000000000012`,
      fingerprint: 'ddddeeee-0000-4000-8000-000000000a12',
      severity: 'Sev1',
      condition: 'fired',
      signalType: 'Activity Log',
      monitoringService: 'Activity Log - Security',
      alertRule: 'orders-defender-threat',
      targetResourceIds: [`${RG}/microsoft.compute/virtualmachines/orders-worker-02`],
      firedAt: '2026-11-20T09:29:12.000Z',
      summary: 'Defender flagged a threat on an orders VM',
    },
  ],
  [
    'azure-monitor-service-health-maintenance.json',
    {
      sourceAlertId: `${ALERTS}/4b5c6d7e-bbbb-4888-8999-000000000013`,
      // The Service Health tracking id, shared by every communication about the event.
      fingerprint: 'MT-7Q2L-2X8',
      severity: 'Sev4',
      condition: 'fired',
      signalType: 'Activity Log',
      monitoringService: 'ServiceHealth',
      alertRule: 'orders-service-health',
      targetResourceIds: [SUB],
      region: 'eastus',
      impactedServices: [{ service: 'Azure Synapse Analytics', regions: ['eastus'] }],
      firedAt: '2026-11-18T11:31:40.062Z',
      summary: 'Azure Synapse Analytics Scheduled Maintenance Pending',
    },
  ],
  [
    'azure-monitor-service-health-incident-active.json',
    {
      sourceAlertId: `${ALERTS}/5c6d7e8f-cccc-4999-8aaa-000000000014`,
      fingerprint: 'VT3K-9P0',
      severity: 'Sev1',
      condition: 'fired',
      signalType: 'Activity Log',
      monitoringService: 'ServiceHealth',
      alertRule: 'orders-service-health',
      targetResourceIds: [SUB],
      region: 'westeurope',
      impactedServices: [{ service: 'App Service', regions: ['westeurope'] }],
      firedAt: '2026-11-20T08:21:48.062Z',
      summary: 'Active: App Service 5xx errors in West Europe',
    },
  ],
  [
    'azure-monitor-service-health-incident-resolved.json',
    {
      sourceAlertId: `${ALERTS}/6d7e8f9a-dddd-4aaa-8bbb-000000000015`,
      fingerprint: 'VT3K-9P0',
      // monitorCondition stays "Fired" (activity-log alerts are stateless); the event's status says Resolved.
      severity: 'Sev1',
      condition: 'resolved',
      signalType: 'Activity Log',
      monitoringService: 'ServiceHealth',
      alertRule: 'orders-service-health',
      targetResourceIds: [SUB],
      region: 'westeurope',
      impactedServices: [{ service: 'App Service', regions: ['westeurope'] }],
      firedAt: '2026-11-20T10:44:12.113Z',
      // properties.impactMitigationTime
      resolvedAt: '2026-11-20T10:40:00.000Z',
      summary: 'Mitigated: App Service 5xx errors in West Europe',
    },
  ],
  [
    'azure-monitor-resource-health.json',
    {
      sourceAlertId: `${ALERTS}/7e8f9a0b-eeee-4bbb-8ccc-000000000016`,
      fingerprint: 'aaaabbbb-0000-4000-8000-000000000a16_0123456789abcdef0123456789abcdef',
      severity: 'Sev2',
      condition: 'fired',
      signalType: 'Activity Log',
      monitoringService: 'Resource Health',
      alertRule: 'orders-resource-health',
      targetResourceIds: [`${RG}/microsoft.compute/virtualmachines/orders-worker-01`],
      firedAt: '2026-11-20T09:54:08.993Z',
      summary:
        'This virtual machine is stopping and deallocating as requested by an authorized user or process',
    },
  ],
  [
    'azure-monitor-prometheus-fired.json',
    {
      sourceAlertId: `${ALERTS}/8f9a0b1c-ffff-4ccc-8ddd-000000000017`,
      fingerprint: '3b72be0b-0000-4000-8000-000000000a17',
      severity: 'Sev1',
      condition: 'fired',
      signalType: 'Metric',
      monitoringService: 'Prometheus',
      alertRule: 'orders-rules/OrdersSqlDown',
      targetResourceIds: [`${RG}/microsoft.monitor/accounts/amw-orders-weu`],
      region: 'westeurope',
      workloadHint: 'orders',
      labels: {
        alertname: 'OrdersSqlDown',
        Environment: 'Prod',
        cluster: 'aks-orders-weu',
        workload: 'orders',
        region: 'westeurope',
      },
      firedAt: '2026-11-20T08:01:02.392Z',
      summary: 'orders SQL exporter reports the database down',
    },
  ],
  [
    'azure-monitor-prometheus-resolved.json',
    {
      sourceAlertId: `${ALERTS}/8f9a0b1c-ffff-4ccc-8ddd-000000000017`,
      fingerprint: '3b72be0b-0000-4000-8000-000000000a17',
      severity: 'Sev1',
      condition: 'resolved',
      signalType: 'Metric',
      monitoringService: 'Prometheus',
      alertRule: 'orders-rules/OrdersSqlDown',
      targetResourceIds: [`${RG}/microsoft.monitor/accounts/amw-orders-weu`],
      region: 'westeurope',
      workloadHint: 'orders',
      labels: {
        alertname: 'OrdersSqlDown',
        Environment: 'Prod',
        cluster: 'aks-orders-weu',
        workload: 'orders',
        region: 'westeurope',
      },
      firedAt: '2026-11-20T08:01:02.392Z',
      resolvedAt: '2026-11-20T08:09:32.100Z',
      summary: 'orders SQL exporter reports the database down',
    },
  ],
  [
    'azure-monitor-smart-detector.json',
    {
      sourceAlertId: `${ALERTS}/9a0b1c2d-0000-4ddd-8eee-000000000018`,
      fingerprint: '1234abcd5678ef901234abcd5678ef901234abcd5678ef901234abcd5678ef90',
      severity: 'Sev3',
      condition: 'fired',
      signalType: 'Log',
      monitoringService: 'SmartDetector',
      alertRule: 'Dependency Latency Degradation - ai-orders-weu',
      targetResourceIds: [`${RG}/microsoft.insights/components/ai-orders-weu`],
      firedAt: '2026-11-19T19:09:09.111Z',
      summary:
        'Dependency Latency Degradation notifies you of an unusual increase in response by a dependency your app is calling',
    },
  ],
];

describe('normaliseAzureMonitorAlert', () => {
  it.each(cases)('normalises %s', (fixture, expected) => {
    const body = loadAlertFixture(fixture);
    const result = normaliseAlertPayload(body);

    expect(result.ok && result.format).toBe('azure-monitor-common');
    const alerts = expectAlerts(result);
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(withoutRaw(alertSchema.parse(alert))).toEqual({
      id: expectedAlertId('azure-monitor', expected.sourceAlertId, expected.condition),
      source: 'azure-monitor',
      labels: {},
      impactedServices: [],
      ...expected,
    });
    // One alert per request: the whole notification is the raw payload.
    expect(alert?.raw).toEqual(body);
  });

  it('gives the fired and resolved notifications of one metric alert the same fingerprint and different ids', () => {
    const [fired] = expectAlerts(normaliseAlertPayload(loadAlertFixture('azure-monitor-metric-fired.json')));
    const [resolved] = expectAlerts(
      normaliseAlertPayload(loadAlertFixture('azure-monitor-metric-resolved.json')),
    );
    expect(fired?.fingerprint).toBe(resolved?.fingerprint);
    expect(fired?.id).not.toBe(resolved?.id);
  });

  it('treats a Resource Health event whose status is Resolved as resolved, at the event time', () => {
    const body = fixtureWith('azure-monitor-resource-health.json', {
      'data.alertContext.status': 'Resolved',
      'data.alertContext.properties.currentHealthStatus': 'Available',
    });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert?.condition).toBe('resolved');
    expect(alert?.resolvedAt).toBe('2026-11-20T09:50:20.406Z');
  });

  it('lists every impacted region but sets no single region when Service Health names several', () => {
    const body = fixtureWith('azure-monitor-service-health-incident-active.json', {
      'data.alertContext.properties.region': 'West Europe, North Europe',
      'data.alertContext.properties.impactedServices': JSON.stringify([
        {
          ImpactedRegions: [{ RegionName: 'West Europe' }, { RegionName: 'North Europe' }],
          ServiceName: 'App Service',
        },
        { ImpactedRegions: [{ RegionName: 'West Europe' }], ServiceName: 'Azure SQL Database' },
      ]),
    });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert?.impactedServices).toEqual([
      { service: 'App Service', regions: ['westeurope', 'northeurope'] },
      { service: 'Azure SQL Database', regions: ['westeurope'] },
    ]);
    expect(alert?.region).toBeUndefined();
  });

  it('ignores an impactedServices string that is not the documented JSON', () => {
    const body = fixtureWith('azure-monitor-service-health-maintenance.json', {
      'data.alertContext.properties.impactedServices': '<tr>not json</tr>',
    });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert?.impactedServices).toEqual([]);
    // Falls back to properties.region.
    expect(alert?.region).toBe('eastus');
  });

  it('lets customProperties win over alertContext properties with the same name', () => {
    const body = fixtureWith('azure-monitor-metric-dynamic-threshold.json', {
      'data.customProperties': { workload: 'payments' },
    });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert?.labels).toEqual({ workload: 'payments', region: 'West Europe' });
    expect(alert?.workloadHint).toBe('payments');
  });

  it('falls back to alertId for the fingerprint when originAlertId is missing', () => {
    const body = fixtureWith('azure-monitor-log-v2.json', { 'data.essentials.originAlertId': REMOVE });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert?.fingerprint).toBe(`${ALERTS}/7d2e9b44-1f3a-4e0c-8b5d-6a9c0e3f2b02`);
  });

  it('tolerates malformed optional context fields instead of rejecting the alert', () => {
    const body = fixtureWith('azure-monitor-log-v2.json', {
      'data.alertContext.condition': 'not an object',
      'data.customProperties': ['not', 'a', 'map'],
      'data.essentials.alertTargetIDs': null,
      'data.essentials.description': 42,
    });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert).toMatchObject({
      targetResourceIds: [],
      labels: {},
      summary: 'orders-db-failed-connections',
    });
    expect(alert?.region).toBeUndefined();
  });

  it.each([
    ['data.essentials.severity', 'Sev5', 'data.essentials.severity'],
    ['data.essentials.severity', REMOVE, 'data.essentials.severity'],
    ['data.essentials.monitorCondition', 'Activated', 'data.essentials.monitorCondition'],
    ['data.essentials.alertId', REMOVE, 'data.essentials.alertId'],
    ['data.essentials.firedDateTime', 'yesterday', 'data.essentials.firedDateTime'],
    ['data.essentials.resolvedDateTime', '2026-13-01T00:00:00Z', 'data.essentials.resolvedDateTime'],
    ['data.essentials', REMOVE, 'data.essentials'],
  ])('rejects %s = %p naming the path', (field, value, path) => {
    const error = expectError(
      normaliseAlertPayload(fixtureWith('azure-monitor-metric-resolved.json', { [field]: value })),
    );
    expect(error.code).toBe('invalid_payload');
    expect(error.details.map((d) => d.path)).toContain(path);
    expect(error.message).toContain(path);
  });

  it('rejects a cost alert, which carries no severity or monitor condition', () => {
    const error = expectError(normaliseAlertPayload(loadAlertFixture('azure-monitor-cost-budget.json')));
    expect(error.code).toBe('invalid_payload');
    expect(error.details).toEqual([
      {
        path: 'data.essentials.severity',
        message: 'Invalid option: expected one of "Sev0"|"Sev1"|"Sev2"|"Sev3"|"Sev4"',
      },
      {
        path: 'data.essentials.monitorCondition',
        message: 'Invalid option: expected one of "Fired"|"Resolved"',
      },
    ]);
  });
});
