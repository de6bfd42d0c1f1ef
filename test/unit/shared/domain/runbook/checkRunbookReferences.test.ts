import { findRunbook } from '../../../../../shared/domain/catalog/Catalog';
import { parseCatalogFiles } from '../../../../../shared/domain/catalog/parseCatalogFiles';
import { workloadInput, yamlFile } from '../catalog/catalogTestSupport';
import {
  catalogFiles,
  catalogProblems,
  RUNBOOK_FILE,
  runbookInput,
  runbookWithStep,
  WORKLOAD_FILE,
  workloadWithRunbook,
} from './runbookTestSupport';

describe('catalog cross-checks between workloads and runbooks', () => {
  it('accept a workload whose failover and failback runbooks exist and belong to it', () => {
    const catalog = parseCatalogFiles([
      yamlFile(
        WORKLOAD_FILE,
        workloadWithRunbook({
          runbooks: { failover: 'orders-api-failover', failback: 'orders-api-failback' },
        }),
      ),
      yamlFile(RUNBOOK_FILE, runbookInput()),
      yamlFile('runbooks/orders-api-failback.yaml', runbookInput({ id: 'orders-api-failback' })),
    ]);
    expect(catalog.runbooks.map((runbook) => runbook.id)).toEqual([
      'orders-api-failback',
      'orders-api-failover',
    ]);
    expect(findRunbook(catalog, 'Orders-API-Failover')?.workloadId).toBe('orders-api');
  });

  it('reject a runbook whose workload does not exist', () => {
    expect(catalogProblems(catalogFiles(runbookInput({ workload: 'billing' })))).toEqual([
      {
        path: `${RUNBOOK_FILE}#workload`,
        message: 'Unknown workload "billing": no kind: Workload file has this id',
      },
      {
        path: `${WORKLOAD_FILE}#runbooks.failover`,
        message: `Runbook "orders-api-failover" belongs to workload "billing" (${RUNBOOK_FILE}), not "orders-api"`,
      },
    ]);
  });

  it.each(['failover', 'failback'])('reject a %s runbook reference that names no runbook file', (purpose) => {
    const workload = workloadWithRunbook({
      runbooks: { failover: 'orders-api-failover', [purpose]: 'orders-api-missing' },
    });
    expect(catalogProblems(catalogFiles(runbookInput(), workload))).toEqual([
      {
        path: `${WORKLOAD_FILE}#runbooks.${purpose}`,
        message: 'Unknown runbook "orders-api-missing": no kind: Runbook file has this id',
      },
    ]);
  });

  it('reject a failover reference when the catalog has no runbooks at all', () => {
    expect(catalogProblems([yamlFile(WORKLOAD_FILE, workloadWithRunbook())])).toEqual([
      {
        path: `${WORKLOAD_FILE}#runbooks.failover`,
        message: 'Unknown runbook "orders-api-failover": no kind: Runbook file has this id',
      },
    ]);
  });

  it('reject a healthCheck step whose target region has no health checks in the workload', () => {
    const runbook = runbookWithStep({ type: 'healthCheck', target: 'primary', deadline: '5m' });
    expect(catalogProblems(catalogFiles(runbook))).toEqual([
      {
        path: `${RUNBOOK_FILE}#steps[0].target`,
        message:
          'Workload "orders-api" has no primary health checks: add healthChecks.primary to it, or give the step an inline probe',
      },
    ]);
  });

  it('accept a healthCheck step with an inline probe for a workload without checks', () => {
    const runbook = runbookWithStep({
      type: 'healthCheck',
      probe: { url: 'http://127.0.0.1:7082/health' },
      deadline: '5m',
    });
    const catalog = parseCatalogFiles(
      catalogFiles(runbook, workloadInput({ runbooks: { failover: 'orders-api-failover' } })),
    );
    expect(catalog.runbooks).toHaveLength(1);
  });

  it('reject a runbook id defined in two files, naming the first', () => {
    const files = [...catalogFiles(runbookInput()), yamlFile('runbooks/z-copy.yaml', runbookInput())];
    expect(catalogProblems(files)).toEqual([
      {
        path: 'runbooks/z-copy.yaml#id',
        message: `Duplicate runbook id "orders-api-failover" (also in ${RUNBOOK_FILE})`,
      },
    ]);
  });

  it('report only the broken file when a reference names a file that failed its schema', () => {
    const files = catalogFiles(runbookInput({ steps: [] }), workloadWithRunbook({ tier: 9 }));
    expect(catalogProblems(files).map((problem) => problem.path)).toEqual([
      `${RUNBOOK_FILE}#steps`,
      `${WORKLOAD_FILE}#tier`,
    ]);
  });
});
