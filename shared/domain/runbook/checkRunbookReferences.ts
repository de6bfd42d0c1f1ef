// Catalog cross-checks between workloads and runbooks: every reference names a file that exists and fits.
import { type Workload } from '../catalog/Workload';
import { formatZodPath } from '../validation/formatZodIssues';
import { type Runbook } from './Runbook';

/** One problem in one file, `path` dotted as in every catalog error. */
export interface ReferenceProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export interface Located<T> {
  readonly file: string;
  readonly value: T;
}

export interface RunbookReferences {
  readonly workloads: readonly Located<Workload>[];
  readonly runbooks: readonly Located<Runbook>[];
  /**
   * Ids declared by files that failed their schema: references to them are not reported, because the
   * author will fix that file rather than the reference.
   */
  readonly invalidWorkloadIds: ReadonlySet<string>;
  readonly invalidRunbookIds: ReadonlySet<string>;
}

export function checkRunbookReferences(catalog: RunbookReferences): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const workloads = new Map(catalog.workloads.map((entry) => [entry.value.id, entry]));
  const runbooks = new Map(catalog.runbooks.map((entry) => [entry.value.id, entry]));

  for (const { file, value: runbook } of catalog.runbooks) {
    const workload = workloads.get(runbook.workloadId)?.value;
    if (workload === undefined) {
      if (!catalog.invalidWorkloadIds.has(runbook.workloadId)) {
        problems.push({
          file,
          path: 'workload',
          message: `Unknown workload "${runbook.workloadId}": no kind: Workload file has this id`,
        });
      }
      continue;
    }
    const located = runbook.steps.flatMap((step, index) =>
      step.type === 'parallel'
        ? step.branches.flatMap((branch, b) =>
            branch.steps.map((inner, i) => ({
              step: inner,
              path: ['steps', index, 'branches', b, 'steps', i],
            })),
          )
        : [{ step, path: ['steps', index] }],
    );
    located.forEach(({ step, path }) => {
      if (step.type === 'healthCheck' && step.source.kind === 'workload') {
        const { target } = step.source;
        if (workload.healthChecks[target].length === 0) {
          problems.push({
            file,
            path: formatZodPath([...path, 'target']),
            message: `Workload "${workload.id}" has no ${target} health checks: add healthChecks.${target} to it, or give the step an inline probe`,
          });
        }
      }
    });
  }

  for (const { file, value: workload } of catalog.workloads) {
    for (const purpose of ['failover', 'failback'] as const) {
      const id = workload.runbooks[purpose];
      if (id === undefined || catalog.invalidRunbookIds.has(id)) {
        continue;
      }
      const runbook = runbooks.get(id);
      if (runbook === undefined) {
        problems.push({
          file,
          path: `runbooks.${purpose}`,
          message: `Unknown runbook "${id}": no kind: Runbook file has this id`,
        });
      } else if (runbook.value.workloadId !== workload.id) {
        problems.push({
          file,
          path: `runbooks.${purpose}`,
          message: `Runbook "${id}" belongs to workload "${runbook.value.workloadId}" (${runbook.file}), not "${workload.id}"`,
        });
      }
    }
  }
  return problems;
}
