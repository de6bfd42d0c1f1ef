// Test support for runbooks: a valid runbook file as an author would write it, and a catalog around it.
import { type CatalogFile } from '../../../../../shared/domain/catalog/CatalogFile';
import { parseCatalogFiles } from '../../../../../shared/domain/catalog/parseCatalogFiles';
import { ValidationError, type ValidationIssue } from '../../../../../shared/errors';
import { workloadInput, yamlFile } from '../catalog/catalogTestSupport';

export const RUNBOOK_FILE = 'runbooks/orders-api-failover.yaml';
export const WORKLOAD_FILE = 'workloads/orders-api.yaml';

/** A fresh, valid runbook for orders-api (as parsed YAML) with `changes` merged over the top level. */
export function runbookInput(changes: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    kind: 'Runbook',
    id: 'orders-api-failover',
    name: 'Orders API failover',
    workload: 'orders-api',
    steps: [{ id: 'pause-a-moment', name: 'Pause a moment', type: 'wait', duration: '30s' }],
    ...changes,
  };
}

/** A runbook holding just `step`. */
export function runbookWithStep(step: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return runbookInput({ steps: [{ id: 'the-step', name: 'The step', ...step }] });
}

/** orders-api with secondary health checks, naming the runbook as its failover. */
export function workloadWithRunbook(
  changes: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return workloadInput({
    healthChecks: { secondary: [{ name: 'orders-api', url: 'https://orders-neu.example.com/health' }] },
    runbooks: { failover: 'orders-api-failover' },
    ...changes,
  });
}

/** The catalog files for a runbook and its workload. */
export function catalogFiles(
  runbook: Readonly<Record<string, unknown>>,
  workload: Readonly<Record<string, unknown>> = workloadWithRunbook(),
): CatalogFile[] {
  return [yamlFile(WORKLOAD_FILE, workload), yamlFile(RUNBOOK_FILE, runbook)];
}

/** The details of the ValidationError that parsing `files` throws. */
export function catalogProblems(files: readonly CatalogFile[]): readonly ValidationIssue[] {
  try {
    parseCatalogFiles(files);
  } catch (err) {
    if (err instanceof ValidationError) {
      return err.details;
    }
    throw err;
  }
  throw new Error('expected a ValidationError');
}
