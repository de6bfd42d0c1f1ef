// Port: every readiness evaluation of every workload, and which one is each workload's latest. Recording
// says what the latest was before, atomically, so a change of state is seen (and told) by one writer only.
import type { ReadinessResult, ReadinessState } from '../domain/readiness/ReadinessResult';

export interface RecordedReadiness {
  /** The latest state before this evaluation; undefined for a workload's first. */
  readonly previousState?: ReadinessState;
  /**
   * Whether this evaluation became the latest (an older one arriving after a newer one is kept in the
   * history but does not replace it).
   */
  readonly latest: boolean;
}

export interface ReadinessStore {
  /**
   * Keeps `result` in its workload's history and makes it the latest when it is newer than the latest.
   * Idempotent by `result.id`: recording it again answers what the first recording answered.
   */
  record(result: ReadinessResult): Promise<RecordedReadiness>;
  latest(workloadId: string): Promise<ReadinessResult | undefined>;
  /** Newest first, at most `limit` (a positive integer; ValidationError otherwise). */
  history(workloadId: string, limit: number): Promise<ReadinessResult[]>;
}
