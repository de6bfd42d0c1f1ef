// The bench's catalog: per runbook length, a workload whose failover runbook is that many no-op http steps
// (retry none) against the bench's target, approval asked at once, activation on any Sev1 alert and no
// secondary health checks (validation then passes at once, noted as unverified). Written with the e2e tests'
// catalog writer, so the bench and the tests build workloads the same way.
import { writeRunbookCatalog } from '../../test/e2e/support/runbookCatalog';

export interface BenchRunbook {
  /** Workload id, and the first path segment of its steps' URLs (StepTarget.arrivalsOf). */
  readonly workloadId: string;
  readonly steps: number;
}

/** Returns the catalog directory (under the OS temp directory; the caller removes it). */
export function writeBenchCatalog(targetUrl: string, runbooks: readonly BenchRunbook[]): string {
  return writeRunbookCatalog(
    runbooks.map(({ workloadId, steps }) => ({
      id: workloadId,
      steps: Array.from({ length: steps }, (_, i) => {
        const id = stepId(i);
        return {
          id,
          name: `No-op ${i + 1} of ${steps}`,
          type: 'http',
          request: { method: 'POST', url: `${targetUrl}/${workloadId}/${id}`, body: { step: id } },
          retry: 'none',
        };
      }),
    })),
  );
}

/** `step-001`…: ids sort in runbook order. */
export function stepId(index: number): string {
  return `step-${String(index + 1).padStart(3, '0')}`;
}
