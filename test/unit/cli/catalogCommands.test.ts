// `lifeboat catalog validate` and `lifeboat runbook export`: offline, from catalog files on disk.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../local/support/testRuntime';
import { cli } from './cliTestSupport';

const sample = path.join(repoRoot, 'catalog');
let work: string;

/** A copy of the sample catalog under `work/catalog`, changed by `edit` (file → new text). */
function brokenCopy(edit: Record<string, (text: string) => string>): void {
  rmSync(path.join(work, 'catalog'), { recursive: true, force: true });
  cpSync(sample, path.join(work, 'catalog'), { recursive: true });
  for (const [file, change] of Object.entries(edit)) {
    const full = path.join(work, 'catalog', file);
    let text = '';
    try {
      text = readFileSync(full, 'utf8');
    } catch {
      // a new file
    }
    writeFileSync(full, change(text));
  }
}

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'lifeboat-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('lifeboat catalog validate', () => {
  it('passes the sample catalog with exit code 0', async () => {
    const run = await cli(['catalog', 'validate', sample], { cwd: work });
    expect(run).toEqual({ code: 0, out: 'Catalog OK: 2 workload(s), 4 runbook(s).', err: '' });
  });

  it('reads LIFEBOAT_CATALOG_DIR, else ./catalog, when no directory is given', async () => {
    brokenCopy({});
    expect((await cli(['catalog', 'validate'], { cwd: work })).code).toBe(0);
    expect(
      (await cli(['catalog', 'validate'], { cwd: '/', env: { LIFEBOAT_CATALOG_DIR: sample } })).code,
    ).toBe(0);
  });

  it('names file, line and path of each problem and exits 1', async () => {
    brokenCopy({
      'workloads/orders-api.yaml': (text) => text.replace(/^tier: 1$/m, 'tier: 7'),
      'runbooks/orders-api-failover.yaml': (text) => text.replace('    type: wait', '    type: sleep'),
      'workloads/bad.yaml': () => 'kind: Workload\nid: [oops\n',
    });
    const run = await cli(['catalog', 'validate'], { cwd: work });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toEqual([
      'catalog/runbooks/orders-api-failover.yaml:72: steps[2].type: Unknown step type "sleep": expected one of http, manual, wait, healthCheck, azure.cosmosdb.failover, azure.sql.failoverGroup, azure.trafficManager.endpoint, azure.frontDoor.origin, azure.appService, azure.siteRecovery.recoveryPlan, azure.automation.runbook, azure.arm, parallel',
      'catalog/workloads/bad.yaml:3: YAML syntax error at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'catalog/workloads/orders-api.yaml:8: tier: Expected a tier: 0 (mission critical), 1 (business critical), 2 (business operational) or 3 (administrative)',
      '3 problem(s).',
      'lifeboat: the catalog is invalid',
    ]);
  });

  it('reports cross-file problems and an unreadable directory the same way', async () => {
    brokenCopy({
      'runbooks/orders-api-failover.yaml': (text) =>
        text.replace('workload: orders-api', 'workload: payments'),
    });
    const refs = await cli(['catalog', 'validate', 'catalog', '--json'], { cwd: work });
    expect(refs.code).toBe(1);
    const body = JSON.parse(refs.out) as {
      ok: boolean;
      problems: { file: string; path: string; message: string }[];
    };
    expect(body.ok).toBe(false);
    expect(body.problems.map((p) => `${p.file} ${p.path}`)).toEqual([
      'catalog/runbooks/orders-api-failover.yaml workload',
      'catalog/workloads/orders-api.yaml runbooks.failover',
    ]);
    const missing = await cli(['catalog', 'validate', 'nowhere'], { cwd: work });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /^nowhere: The catalog directory ".*nowhere" cannot be read: (Error: )?ENOENT/,
    );
  });
});

describe('lifeboat runbook export', () => {
  it('writes the Markdown runbook from the catalog files alone', async () => {
    const run = await cli(['runbook', 'export', 'orders-api', '--catalog', sample, '--out', 'print'], {
      cwd: work,
    });
    const file = path.join(work, 'print', 'orders-api-runbook.md');
    expect(run).toEqual({ code: 0, out: `Wrote ${file}`, err: '' });
    const md = readFileSync(file, 'utf8');
    expect(md).toMatch(/^# DR runbook: Orders API \(orders-api\)\n/);
    expect(md).toContain('## Failover: Orders API failover to North Europe');
    expect(md).toContain('-H "Authorization: $LIFEBOAT_DEMO_AUTOMATION_TOKEN"');
    expect(md).toContain("| executive | Dara O'Neill | dara.oneill@example.com |  |");
  });

  it('writes the printable HTML page, print stylesheet included', async () => {
    const run = await cli(
      ['runbook', 'export', 'orders-api', '--format', 'html', '--catalog', sample, '--out', work],
      {
        cwd: '/',
      },
    );
    expect(run.code).toBe(0);
    const html = readFileSync(path.join(work, 'orders-api-runbook.html'), 'utf8');
    expect(html).toContain('<h1>DR runbook: Orders API</h1>');
    expect(html).toContain('@media print');
    expect(html).toContain('<td>Dara O&#39;Neill</td>');
  });

  it('refuses an unknown workload, an unknown format and a broken catalog', async () => {
    const unknown = await cli(['runbook', 'export', 'payments', '--catalog', sample], { cwd: work });
    expect(unknown).toMatchObject({
      code: 1,
      err: "lifeboat: No workload 'payments' in the catalog. Workloads: orders-api, payments-api.",
    });
    const format = await cli(['runbook', 'export', 'orders-api', '--format', 'pdf', '--catalog', sample], {
      cwd: work,
    });
    expect(format.code).toBe(1);
    expect(format.err).toMatch(
      /option '--format <format>' argument 'pdf' is invalid. Allowed choices are md, html/,
    );
    brokenCopy({ 'workloads/orders-api.yaml': (text) => text.replace(/^tier: 1$/m, 'tier: 7') });
    const broken = await cli(['runbook', 'export', 'orders-api'], { cwd: work });
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/lifeboat: the catalog is invalid; fix it first/);
  });
});
