import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { findRunbook, findWorkload } from '../../../../../shared/domain/catalog/Catalog';
import { compilePolicy } from '../../../../../shared/domain/catalog/compilePolicy';
import { loadCatalog } from '../../../../../shared/domain/catalog/loadCatalog';
import { readCatalogDirectory } from '../../../../../shared/domain/catalog/readCatalogDirectory';
import { ValidationError } from '../../../../../shared/errors';
import { nonNullValue } from '../../../../../shared/nonNull';
import { workloadInput } from './catalogTestSupport';

const REPO_ROOT = path.join(__dirname, '..', '..', '..', '..', '..');
const SAMPLE_CATALOG = path.join(REPO_ROOT, 'catalog');

describe('the sample catalog', () => {
  it('loads, with orders-api as documented', () => {
    const catalog = loadCatalog(SAMPLE_CATALOG);
    expect(catalog.workloads.map((workload) => workload.id)).toEqual(['orders-api', 'payments-api']);
    const orders = nonNullValue(findWorkload(catalog, 'Orders-API'), 'orders-api');
    expect(orders).toMatchObject({
      tier: 1,
      rtoSeconds: 900,
      rpoSeconds: 300,
      strategy: 'warm-standby',
      regions: { primary: 'westeurope', secondary: 'northeurope' },
      services: ['App Service', 'Azure Cosmos DB'],
      match: { resourceGroups: ['rg-orders-*'], labels: { service: 'orders-api' }, serviceHealth: true },
      runbooks: { failover: 'orders-api-failover' },
    });
    expect(Object.keys(orders.contacts)).toEqual(
      expect.arrayContaining(['approver', 'deputy', 'executive', 'sre-oncall']),
    );
    expect(orders.healthChecks.primary[0]?.url).toBe('http://127.0.0.1:7081/health');
    expect(orders.healthChecks.secondary[0]?.url).toBe('http://127.0.0.1:7082/health');
    expect(compilePolicy(orders).quorum).toBe(1);
  });

  it("has orders-api's failover runbook, ending in validation and an operator's smoke test", () => {
    const catalog = loadCatalog(SAMPLE_CATALOG);
    const runbook = nonNullValue(findRunbook(catalog, 'orders-api-failover'), 'orders-api-failover');
    expect(runbook.workloadId).toBe('orders-api');
    expect(runbook.steps.map((step) => [step.id, step.type])).toEqual([
      ['freeze-writes', 'http'],
      ['failover-cosmos', 'http'],
      ['wait-for-replication', 'wait'],
      ['switch-traffic', 'http'],
      ['validate-secondary', 'healthCheck'],
      ['smoke-test', 'manual'],
    ]);
    const cosmos = runbook.steps[1];
    expect(cosmos?.type === 'http' && cosmos.request.secretNames).toEqual(['LIFEBOAT_DEMO_AUTOMATION_TOKEN']);
  });
});

describe('loadCatalog', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lifeboat-catalog-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(relative: string, text: string): void {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text, 'utf8');
  }

  it('reads *.yaml and *.yml recursively, in a stable order, skipping other and hidden files', () => {
    write('workloads/b.yaml', stringify(workloadInput({ id: 'billing' })));
    write('workloads/nested/a.YML', stringify(workloadInput({ id: 'accounts' })));
    write('orders.yml', stringify(workloadInput({ id: 'orders-api' })));
    write('README.md', '# not a catalog file');
    write('.hidden/ignored.yaml', 'not: [valid');
    write('workloads/.swap.yaml', 'not: [valid');

    expect(readCatalogDirectory(dir).map((file) => file.path)).toEqual([
      'orders.yml',
      'workloads/b.yaml',
      'workloads/nested/a.YML',
    ]);
    expect(loadCatalog(dir).workloads.map((workload) => workload.id)).toEqual([
      'accounts',
      'billing',
      'orders-api',
    ]);
  });

  it('names files relative to the catalog directory in errors', () => {
    write('workloads/orders.yaml', stringify(workloadInput({ tier: 9 })));
    expect(() => loadCatalog(dir)).toThrow(
      /^The catalog has 1 problem:\n {2}workloads\/orders\.yaml: tier: /,
    );
  });

  it('fails with a ValidationError when the directory does not exist', () => {
    const missing = path.join(dir, 'nope');
    expect(() => loadCatalog(missing)).toThrow(ValidationError);
    expect(() => loadCatalog(missing)).toThrow(`The catalog directory "${missing}" cannot be read`);
  });
});
