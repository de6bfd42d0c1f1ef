import path from 'node:path';
import fc from 'fast-check';
import { type Alert } from '../../../../../shared/domain/alerts/Alert';
import { normaliseAlertPayload } from '../../../../../shared/domain/alerts/normaliseAlertPayload';
import { loadCatalog } from '../../../../../shared/domain/catalog/loadCatalog';
import { type Workload, workloadSchema } from '../../../../../shared/domain/catalog/Workload';
import { resolveWorkloads } from '../../../../../shared/domain/correlation/resolveWorkloads';
import { loadAlertFixture } from '../alerts/alertTestSupport';
import { workloadInput } from '../catalog/catalogTestSupport';

const SUB = '/subscriptions/6f1e2c3a-0000-4000-8000-000000000001';
const ORDERS_SITE = `${SUB}/resourcegroups/rg-orders-weu/providers/microsoft.web/sites/orders-api-weu`;
const PAYMENTS_DB = `${SUB}/resourcegroups/rg-payments/providers/microsoft.documentdb/databaseaccounts/payments`;

function alert(changes: Partial<Alert> = {}): Alert {
  return {
    id: '0123456789abcdef0123456789abcdef',
    source: 'generic',
    sourceAlertId: 'test:1',
    fingerprint: '1',
    severity: 'Sev1',
    condition: 'fired',
    signalType: 'Metric',
    monitoringService: 'Platform',
    alertRule: 'rule',
    targetResourceIds: [],
    labels: {},
    impactedServices: [],
    firedAt: '2026-11-20T08:00:00.000Z',
    summary: 'something broke',
    raw: null,
    ...changes,
  };
}

/** A tier 3 workload (no staffing rules) with `match` and other fields replaced. */
function workload(
  id: string,
  match: Record<string, unknown>,
  changes: Record<string, unknown> = {},
): Workload {
  return workloadSchema.parse(
    workloadInput({
      id,
      tier: 3,
      contacts: { 'sre-oncall': [{ name: 'On-call', email: 'oncall@example.com' }] },
      match,
      ...changes,
    }),
  );
}

const orders = workload('orders-api', { resourceGroups: ['rg-orders-*'], labels: { service: 'orders-api' } });
const payments = workload(
  'payments',
  { resourceIds: [`${SUB}/resourceGroups/rg-payments/providers/Microsoft.DocumentDB/databaseAccounts/*`] },
  { services: ['Azure Cosmos DB'], regions: { primary: 'northeurope', secondary: 'westeurope' } },
);
const shop = workload('shop', { labels: { team: 'shop-*', env: 'prod' } }, { services: ['App Service'] });

function serviceHealth(impacted: { service: string; regions: string[] }[]): Alert {
  return alert({ monitoringService: 'ServiceHealth', targetResourceIds: [SUB], impactedServices: impacted });
}

describe('resolveWorkloads', () => {
  it('matches nothing for an alert no rule covers', () => {
    expect(
      resolveWorkloads(alert({ targetResourceIds: [`${SUB}/resourcegroups/rg-other/x`] }), [
        orders,
        payments,
      ]),
    ).toEqual([]);
  });

  describe('workload hint', () => {
    it('routes explicitly, ignoring case', () => {
      expect(resolveWorkloads(alert({ workloadHint: 'Payments' }), [orders, payments])).toEqual([
        { workloadId: 'payments', reason: 'the alert\'s workload hint is "Payments"' },
      ]);
    });

    it('wins over the other rules as the reason', () => {
      expect(
        resolveWorkloads(alert({ workloadHint: 'orders-api', targetResourceIds: [ORDERS_SITE] }), [orders]),
      ).toEqual([{ workloadId: 'orders-api', reason: 'the alert\'s workload hint is "orders-api"' }]);
    });
  });

  describe('resources', () => {
    it('matches a resource group glob against the /resourceGroups/<name>/ segment', () => {
      expect(resolveWorkloads(alert({ targetResourceIds: [ORDERS_SITE] }), [orders])).toEqual([
        { workloadId: 'orders-api', reason: 'resource group "rg-orders-weu" matches "rg-orders-*"' },
      ]);
    });

    it('matches a resource group that ends the id', () => {
      const matches = resolveWorkloads(
        alert({ targetResourceIds: [`${SUB}/resourcegroups/rg-orders-neu`] }),
        [orders],
      );
      expect(matches.map((match) => match.workloadId)).toEqual(['orders-api']);
    });

    it('does not take a resource group name from elsewhere in the id', () => {
      const id = `${SUB}/resourcegroups/rg-other/providers/microsoft.web/sites/rg-orders-weu`;
      expect(resolveWorkloads(alert({ targetResourceIds: [id] }), [orders])).toEqual([]);
    });

    it('matches a resource id glob, case-insensitively ("*" stays within a segment)', () => {
      expect(resolveWorkloads(alert({ targetResourceIds: [PAYMENTS_DB] }), [payments])).toEqual([
        {
          workloadId: 'payments',
          reason: `resource "${PAYMENTS_DB}" matches "${SUB}/resourceGroups/rg-payments/providers/Microsoft.DocumentDB/databaseAccounts/*"`,
        },
      ]);
      const child = `${PAYMENTS_DB}/sqldatabases/ledger`;
      expect(resolveWorkloads(alert({ targetResourceIds: [child] }), [payments])).toEqual([]);
    });

    it('lets "**" cross segments', () => {
      const everything = workload('everything', { resourceIds: [`${SUB}/**`] });
      const matches = resolveWorkloads(alert({ targetResourceIds: [`${PAYMENTS_DB}/sqldatabases/ledger`] }), [
        everything,
      ]);
      expect(matches.map((match) => match.workloadId)).toEqual(['everything']);
    });

    it('looks at every target resource', () => {
      const matches = resolveWorkloads(alert({ targetResourceIds: [`${SUB}/x`, ORDERS_SITE] }), [orders]);
      expect(matches.map((match) => match.workloadId)).toEqual(['orders-api']);
    });
  });

  describe('labels', () => {
    it('needs every listed label, with keys and values compared case-insensitively', () => {
      expect(
        resolveWorkloads(alert({ labels: { Team: 'Shop-Web', ENV: 'prod', extra: 'x' } }), [shop]),
      ).toEqual([{ workloadId: 'shop', reason: 'labels team="Shop-Web" matches "shop-*", env="prod"' }]);
      expect(resolveWorkloads(alert({ labels: { team: 'shop-web' } }), [shop])).toEqual([]);
      expect(resolveWorkloads(alert({ labels: { team: 'web-shop', env: 'prod' } }), [shop])).toEqual([]);
    });

    it('routes Azure Monitor custom properties and Prometheus labels alike (both land in labels)', () => {
      expect(
        resolveWorkloads(alert({ source: 'alertmanager', labels: { service: 'orders-api' } }), [orders]),
      ).toEqual([{ workloadId: 'orders-api', reason: 'labels service="orders-api"' }]);
    });

    it('is no rule at all for a workload without labels', () => {
      expect(resolveWorkloads(alert({ labels: { service: 'payments' } }), [payments])).toEqual([]);
    });
  });

  describe('Service Health', () => {
    it('matches when a service of the workload is impacted in its primary region', () => {
      const event = serviceHealth([{ service: 'azure cosmos db', regions: ['westeurope', 'northeurope'] }]);
      expect(resolveWorkloads(event, [payments])).toEqual([
        {
          workloadId: 'payments',
          reason: 'Service Health: "azure cosmos db" is impacted in primary region northeurope',
        },
      ]);
    });

    it('normalises region spellings', () => {
      const event = serviceHealth([{ service: 'App Service', regions: ['West Europe'] }]);
      expect(resolveWorkloads(event, [orders]).map((match) => match.workloadId)).toEqual(['orders-api']);
    });

    it('does not match when only the secondary region is impacted', () => {
      const event = serviceHealth([{ service: 'Azure Cosmos DB', regions: ['westeurope'] }]);
      expect(resolveWorkloads(event, [payments])).toEqual([]);
    });

    it('does not match a service the workload does not use, even in its primary region', () => {
      const event = serviceHealth([
        { service: 'Azure SQL Database', regions: ['northeurope'] },
        { service: 'Azure Cosmos DB', regions: ['eastus'] },
      ]);
      expect(resolveWorkloads(event, [payments])).toEqual([]);
    });

    it('routes one event to every workload it impacts, sorted by id', () => {
      const event = serviceHealth([
        { service: 'App Service', regions: ['westeurope'] },
        { service: 'Azure Cosmos DB', regions: ['northeurope'] },
      ]);
      expect(resolveWorkloads(event, [shop, payments, orders]).map((match) => match.workloadId)).toEqual([
        'orders-api',
        'payments',
        'shop',
      ]);
    });

    it('is off for workloads that set match.serviceHealth: false', () => {
      const quiet = workload('quiet', { resourceGroups: ['rg-quiet'], serviceHealth: false });
      expect(
        resolveWorkloads(serviceHealth([{ service: 'App Service', regions: ['westeurope'] }]), [quiet]),
      ).toEqual([]);
    });

    it('reads impactedServices only from Service Health alerts', () => {
      const other = alert({ impactedServices: [{ service: 'App Service', regions: ['westeurope'] }] });
      expect(resolveWorkloads(other, [orders])).toEqual([]);
    });
  });

  it('returns one entry per workload, sorted by id, with the first reason that matched', () => {
    const matches = resolveWorkloads(
      alert({ targetResourceIds: [ORDERS_SITE, PAYMENTS_DB], labels: { service: 'orders-api' } }),
      [shop, payments, orders],
    );
    expect(matches).toEqual([
      { workloadId: 'orders-api', reason: 'resource group "rg-orders-weu" matches "rg-orders-*"' },
      { workloadId: 'payments', reason: expect.stringMatching(/^resource ".*" matches/) },
    ]);
  });

  it('gives the same answer every time (compiled rules are cached per workload)', () => {
    const input = alert({ targetResourceIds: [ORDERS_SITE] });
    const first = resolveWorkloads(input, [orders, payments]);
    expect(resolveWorkloads(input, [orders, payments])).toEqual(first);
    expect(resolveWorkloads(alert(), [orders, payments])).toEqual([]);
  });

  describe('with normalised fixtures and the sample catalog', () => {
    const catalog = loadCatalog(path.join(__dirname, '..', '..', '..', '..', '..', 'catalog'));

    function resolveFixture(name: string): string[] {
      const result = normaliseAlertPayload(loadAlertFixture(name));
      if (!result.ok) {
        throw new Error(result.error.message);
      }
      return result.alerts.flatMap((normalised) =>
        resolveWorkloads(normalised, catalog.workloads).map((m) => m.reason),
      );
    }

    it.each([
      ['azure-monitor-metric-fired.json', ['resource group "rg-orders-weu" matches "rg-orders-*"']],
      ['alertmanager-v4.json', ['labels service="orders-api"', 'labels service="orders-api"']],
      [
        'azure-monitor-service-health-incident-active.json',
        ['Service Health: "App Service" is impacted in primary region westeurope'],
      ],
      ['azure-monitor-service-health-maintenance.json', []],
    ])('routes %s', (fixture, reasons) => {
      expect(resolveFixture(fixture)).toEqual(reasons);
    });
  });
});

describe('resolveWorkloads (properties)', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      'rg-orders-weu',
      'orders-api',
      'App Service',
      'westeurope',
      '*',
      '**',
      '/',
      '.*',
      '(',
      '\\',
    ),
  );
  const resourceId = fc.oneof(
    fc.string({ maxLength: 60 }).map((value) => value.toLowerCase()),
    fc
      .tuple(fc.constantFrom('rg-orders-weu', 'rg-payments', 'RG', ''), fc.string({ maxLength: 20 }))
      .map(([group, rest]) => `${SUB}/resourcegroups/${group}/${rest}`.toLowerCase()),
  );
  const arbitraryAlert: fc.Arbitrary<Alert> = fc
    .record({
      monitoringService: fc.oneof(fc.constantFrom('ServiceHealth', 'servicehealth', 'Platform'), text),
      workloadHint: fc.option(fc.oneof(text, fc.constantFrom('orders-api', 'PAYMENTS')), { nil: undefined }),
      targetResourceIds: fc.array(resourceId, { maxLength: 4 }),
      labels: fc.dictionary(fc.oneof(text, fc.constantFrom('service', 'team', 'env', '__proto__')), text, {
        maxKeys: 5,
      }),
      impactedServices: fc.array(
        fc.record({
          service: fc.oneof(text, fc.constantFrom('App Service', 'azure cosmos db')),
          regions: fc.array(fc.oneof(text, fc.constantFrom('westeurope', 'North Europe')), { maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
    })
    .map(({ workloadHint, ...changes }) =>
      alert({ ...changes, ...(workloadHint === undefined ? {} : { workloadHint }) }),
    );

  const glob = fc.string({ maxLength: 20 });
  const arbitraryWorkload: fc.Arbitrary<Workload> = fc
    .record({
      id: fc.stringMatching(/^[a-z][a-z0-9-]{1,10}$/),
      resourceIds: fc.array(
        glob.map((value) => `/${value}`),
        { minLength: 1, maxLength: 3 },
      ),
      resourceGroups: fc.array(
        glob.filter((value) => value !== '' && !value.includes('/')),
        { maxLength: 3 },
      ),
      labels: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.string({ minLength: 1, maxLength: 8 }),
        {
          maxKeys: 3,
        },
      ),
      serviceHealth: fc.boolean(),
    })
    .map(({ id, resourceGroups, labels, ...match }) =>
      workload(id, {
        ...match,
        ...(resourceGroups.length > 0 ? { resourceGroups } : {}),
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
      }),
    );

  it('never throws, and answers sorted, distinct ids of the given workloads', () => {
    fc.assert(
      fc.property(arbitraryAlert, fc.array(arbitraryWorkload, { maxLength: 5 }), (input, generated) => {
        const workloads = [orders, payments, shop, ...generated];
        const matches = resolveWorkloads(input, workloads);
        const ids = matches.map((match) => match.workloadId);
        expect(ids).toEqual([...new Set(ids)].sort());
        for (const match of matches) {
          expect(workloads.some((candidate) => candidate.id === match.workloadId)).toBe(true);
          expect(match.reason).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('always routes an alert to the workload its hint names', () => {
    fc.assert(
      fc.property(
        arbitraryAlert,
        fc.constantFrom(orders, payments, shop),
        fc.boolean(),
        (input, target, upper) => {
          const hint = upper ? target.id.toUpperCase() : target.id;
          const ids = resolveWorkloads({ ...input, workloadHint: hint }, [orders, payments, shop]).map(
            (m) => m.workloadId,
          );
          expect(ids).toContain(target.id);
        },
      ),
      { numRuns: 200 },
    );
  });
});
