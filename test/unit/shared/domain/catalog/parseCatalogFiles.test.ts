import { ValidationError } from '../../../../../shared/errors';
import { parseCatalogFiles } from '../../../../../shared/domain/catalog/parseCatalogFiles';
import { type CatalogFile } from '../../../../../shared/domain/catalog/CatalogFile';
import { workloadInput, yamlFile } from './catalogTestSupport';

function catalogError(files: readonly CatalogFile[]): ValidationError {
  try {
    parseCatalogFiles(files);
  } catch (err) {
    if (err instanceof ValidationError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('parseCatalogFiles', () => {
  it('parses workload files into a catalog sorted by id', () => {
    const catalog = parseCatalogFiles([
      yamlFile('workloads/z.yaml', workloadInput({ id: 'billing' })),
      yamlFile('workloads/a.yaml', workloadInput({ id: 'orders-api' })),
      yamlFile('inventory.yml', workloadInput({ id: 'inventory' })),
    ]);
    expect(catalog.workloads.map((workload) => workload.id)).toEqual(['billing', 'inventory', 'orders-api']);
  });

  it('accepts an empty catalog', () => {
    expect(parseCatalogFiles([])).toEqual({ workloads: [], runbooks: [] });
  });

  it('lists every problem of every file in one error, with the file, path and line', () => {
    const text = [
      'kind: Workload', // 1
      'id: orders-api', // 2
      'name: Orders API', // 3
      'tier: 7', // 4
      'rto: 15 minutes', // 5
      'rpo: 5m', // 6
      'strategy: warm-standby', // 7
      'regions: { primary: westeurope, secondary: northeurope }', // 8
      'services: [App Service]', // 9
      'match: { resourceGroups: [rg-orders-*] }', // 10
      'contacts:', // 11
      '  approver:', // 12
      '    - name: Alice', // 13
      '      email: not-an-email', // 14
      '',
    ].join('\n');
    const error = catalogError([
      { path: 'workloads/orders-api.yaml', text },
      yamlFile('workloads/billing.yaml', workloadInput({ id: 'billing', strategy: 'pilot-light' })),
    ]);
    expect(error.details).toEqual([
      {
        path: 'workloads/billing.yaml#strategy',
        message: expect.stringMatching(/^Invalid option: expected one of .* \(line \d+\)$/),
      },
      {
        path: 'workloads/orders-api.yaml#tier',
        message: expect.stringMatching(/^Expected a tier: .* \(line 4\)$/),
      },
      {
        path: 'workloads/orders-api.yaml#rto',
        message: expect.stringMatching(/^Invalid duration "15 minutes": .* \(line 5\)$/),
      },
      {
        path: 'workloads/orders-api.yaml#contacts.approver[0].email',
        message: 'Invalid email address (line 14)',
      },
    ]);
    expect(error.message.split('\n')).toEqual([
      'The catalog has 4 problems:',
      expect.stringMatching(/^ {2}workloads\/billing\.yaml: strategy: Invalid option/),
      expect.stringMatching(/^ {2}workloads\/orders-api\.yaml: tier: Expected a tier/),
      expect.stringMatching(/^ {2}workloads\/orders-api\.yaml: rto: Invalid duration "15 minutes"/),
      '  workloads/orders-api.yaml: contacts.approver[0].email: Invalid email address (line 14)',
    ]);
  });

  it('points a missing field at the line of its parent', () => {
    const text = ['kind: Workload', 'id: orders-api', 'regions:', '  primary: westeurope', ''].join('\n');
    const error = catalogError([{ path: 'orders.yaml', text }]);
    expect(error.details).toContainEqual({
      path: 'orders.yaml#regions.secondary',
      message: expect.stringMatching(/\(line 4\)$/),
    });
    expect(error.details).toContainEqual({
      path: 'orders.yaml#name',
      message: expect.stringMatching(/expected string, received undefined \(line 1\)$/),
    });
  });

  it('reports YAML syntax errors with the line and column', () => {
    const error = catalogError([{ path: 'broken.yaml', text: 'kind: Workload\nid: [orders\nname: x: y\n' }]);
    expect(error.details.length).toBeGreaterThan(0);
    for (const detail of error.details) {
      expect(detail.path).toBe('broken.yaml');
      expect(detail.message).toMatch(/^YAML syntax error at line \d+, column \d+: \S/);
      expect(detail.message).not.toContain('\n');
    }
    expect(error.message).toMatch(/^ {2}broken\.yaml: YAML syntax error at line 3/m);
  });

  it('reports duplicate keys, which YAML forbids', () => {
    const error = catalogError([{ path: 'dup.yaml', text: 'kind: Workload\nid: a\nid: b\n' }]);
    expect(error.details).toEqual([
      { path: 'dup.yaml', message: 'YAML syntax error at line 3, column 1: Map keys must be unique' },
    ]);
  });

  it('rejects a file with several documents: one workload per file', () => {
    const error = catalogError([{ path: 'two.yaml', text: 'kind: Workload\n---\nkind: Workload\n' }]);
    expect(error.details[0]?.message).toMatch(
      /^YAML syntax error at line 2, column 1: Source contains multiple documents/,
    );
  });

  it.each([
    [
      'an unknown kind',
      'kind: Template\nid: x\n',
      'x.yaml#kind',
      'Unknown kind "Template": expected one of Workload, Runbook',
    ],
    ['a missing kind', 'id: x\n', 'x.yaml#kind', 'Missing kind: expected one of Workload, Runbook'],
    ['an empty file', '', 'x.yaml', 'Expected a mapping with a "kind" (one of: Workload, Runbook)'],
    [
      'a list',
      '- kind: Workload\n',
      'x.yaml',
      'Expected a mapping with a "kind" (one of: Workload, Runbook)',
    ],
  ])('rejects %s', (_what, text, path, message) => {
    expect(catalogError([{ path: 'x.yaml', text }]).details).toEqual([{ path, message }]);
  });

  it('rejects a workload id defined in two files, naming the first', () => {
    const error = catalogError([
      yamlFile('b/orders.yaml', workloadInput()),
      yamlFile('a/orders.yaml', workloadInput()),
    ]);
    expect(error.details).toEqual([
      { path: 'b/orders.yaml#id', message: 'Duplicate workload id "orders-api" (also in a/orders.yaml)' },
    ]);
  });

  it('reports the problems of valid-looking files alongside syntax errors elsewhere', () => {
    const error = catalogError([
      { path: 'broken.yaml', text: 'kind: [' },
      yamlFile('ok.yaml', workloadInput()),
      yamlFile('bad.yaml', workloadInput({ id: 'bad', rpo: '-1m' })),
    ]);
    expect(error.details.map((detail) => detail.path)).toEqual(['bad.yaml#rpo', 'broken.yaml']);
  });
});
