// A change of a workload's DR readiness as other systems receive it: a CloudEvents 1.0 event on the
// workload-events topic (incident-events carries incident events only), with a deterministic id.
import type { ReadinessResult, ReadinessState } from '../readiness/ReadinessResult';

export const READINESS_EVENT_TYPE = 'io.lifeboat.workload.readiness-changed';
export const READINESS_EVENT_SOURCE = 'urn:lifeboat:workloads';

export interface ReadinessEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: typeof READINESS_EVENT_SOURCE;
  readonly type: typeof READINESS_EVENT_TYPE;
  /** The workload id. */
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: {
    readonly workloadId: string;
    readonly previousState?: ReadinessState;
    readonly state: ReadinessState;
    readonly evaluationId: string;
    readonly reasons: readonly string[];
    readonly replication?: ReadinessResult['replication'];
  };
}

export function readinessEvent(
  result: ReadinessResult,
  previousState: ReadinessState | undefined,
): ReadinessEvent {
  return {
    specversion: '1.0',
    id: `readiness-changed:${result.id}`,
    source: READINESS_EVENT_SOURCE,
    type: READINESS_EVENT_TYPE,
    subject: result.workloadId,
    time: result.evaluatedAt,
    datacontenttype: 'application/json',
    data: {
      workloadId: result.workloadId,
      ...(previousState ? { previousState } : {}),
      state: result.state,
      evaluationId: result.id,
      reasons: result.reasons,
      ...(result.replication ? { replication: result.replication } : {}),
    },
  };
}
