// One measured runbook: an incident driven to its runbook over HTTP, every step's call timed where it lands
// (the target), the incident read back and checked, and the per-step figures worked out against the
// same run's baseline. The bench asks the runtime nothing while the steps run: it watches the target.
import { runbookInstanceId } from '../../shared/domain/contracts/runbookContracts';
import type { IncidentView } from '../../shared/domain/incident/incidentView';
import { CpuMeter, type CpuUse } from '../support/cpuMeter';
import { arrivalGaps } from './arrivalGaps';
import { distribution, type Distribution } from './distribution';
import type { RunbookRuntime } from './RunbookRuntime';
import type { Arrival, StepTarget } from './StepTarget';
import { stepId } from './writeBenchCatalog';

/** No step call for this long means the runbook stopped (steps take milliseconds): give up early. */
const STALL_MS = 30_000;

export interface EngineRunFigures {
  readonly steps: number;
  readonly incidentId: string;
  readonly runbookInstanceId: string;
  /** Between consecutive step calls arriving at the target. */
  readonly gapMs: Distribution;
  /** Each gap minus the baseline's median call time: what the engine adds per step. */
  readonly overheadMs: Distribution;
  /** Median gap over the runbook's first and last quarter: growth within one run. */
  readonly firstQuarterGapMs: number;
  readonly lastQuarterGapMs: number;
  /** From the first step's startedAt to the last step's endedAt (the incident record), divided by the steps. */
  readonly wallMsPerStep: number;
  /** From the approval being sent to the last step's call arriving (the bench's clock). */
  readonly approvalToLastCallMs: number;
  /** CPU used from the approval to the last call: the runtime, the bench, everything else. */
  readonly cpu: CpuUse | undefined;
}

export interface RunbookIncident {
  readonly incidentId: string;
  readonly incident: IncidentView;
  readonly arrivals: readonly Arrival[];
  readonly approvalToLastCallMs: number;
  readonly cpu: CpuUse | undefined;
}

/** Raises the workload's incident, approves it and waits until it has recovered; checks every step ran once. */
export async function runIncidentToRecovery(
  runtime: RunbookRuntime,
  target: StepTarget,
  workloadId: string,
  steps: number,
  timeoutMs: number,
): Promise<RunbookIncident> {
  const incidentId = await runtime.raiseIncident(workloadId, `${workloadId}-alert`, timeoutMs);
  const meter = new CpuMeter(() => [runtime.child.pid]).start();
  const approving = performance.now();
  await runtime.approve(incidentId);
  const arrived = await target.waitForArrivals(workloadId, steps, { timeoutMs, stallMs: STALL_MS });
  const approvalToLastCallMs = performance.now() - approving;
  const cpu = meter.stop();
  if (arrived !== 'arrived') {
    const status = await runtime.incident(incidentId).then(
      (incident) => incident.status,
      (err: unknown) => `unreadable (${err instanceof Error ? err.message : String(err)})`,
    );
    throw new Error(
      `Only ${target.arrivalsOf(workloadId).length} of ${steps} step calls of ${workloadId} arrived ` +
        (arrived === 'stalled' ? `(none for ${STALL_MS / 1000} s)` : `within ${timeoutMs / 1000} s`) +
        `; incident ${incidentId} is ${status}`,
    );
  }
  const incident = await runtime.waitForStatus(incidentId, 'recovered', timeoutMs);
  const arrivals = target.arrivalsOf(workloadId);
  checkEveryStepRanOnce(incident, arrivals, steps);
  return { incidentId, incident, arrivals, approvalToLastCallMs, cpu };
}

export function engineRunFigures(run: RunbookIncident, baselineCallMedianMs: number): EngineRunFigures {
  const steps = run.arrivals.length;
  const gaps = arrivalGaps(run.arrivals);
  const quarter = Math.max(1, Math.floor(gaps.length / 4));
  const first = run.incident.steps[0]?.startedAt;
  const last = run.incident.steps.at(-1)?.endedAt;
  return {
    steps,
    incidentId: run.incidentId,
    runbookInstanceId: runbookInstanceId(run.incidentId, 'failover'),
    gapMs: distribution(gaps),
    overheadMs: distribution(gaps.map((gap) => gap - baselineCallMedianMs)),
    firstQuarterGapMs: distribution(gaps.slice(0, quarter)).median,
    lastQuarterGapMs: distribution(gaps.slice(-quarter)).median,
    wallMsPerStep:
      first === undefined || last === undefined ? Number.NaN : (Date.parse(last) - Date.parse(first)) / steps,
    approvalToLastCallMs: run.approvalToLastCallMs,
    cpu: run.cpu,
  };
}

/** A bench of a runbook that skipped, repeated or reordered steps would measure something else: stop. */
function checkEveryStepRanOnce(incident: IncidentView, arrivals: readonly Arrival[], steps: number): void {
  const problems: string[] = [];
  if (incident.steps.length !== steps) problems.push(`${incident.steps.length} steps on the incident`);
  const notOnce = incident.steps.filter((s) => s.status !== 'succeeded' || s.attempts !== 1);
  if (notOnce.length > 0) {
    problems.push(
      `steps not succeeded at the first attempt: ${notOnce.map((s) => `${s.id} ${s.status}×${s.attempts}`).join(', ')}`,
    );
  }
  if (arrivals.length !== steps) problems.push(`${arrivals.length} calls arrived at the target`);
  arrivals.forEach((arrival, i) => {
    const id = stepId(i);
    const key = `lifeboat:${incident.id}:${id}`;
    if (!arrival.path.endsWith(`/${id}`) || arrival.idempotencyKey !== key) {
      problems.push(
        `call ${i + 1} was ${arrival.path} with key ${arrival.idempotencyKey}, expected ${id}, ${key}`,
      );
    }
  });
  if (problems.length > 0) {
    throw new Error(
      `Runbook of incident ${incident.id} did not run as expected: ${problems.slice(0, 5).join('; ')}`,
    );
  }
}
