// A health gate: rounds of probes until enough pass in a row, or the deadline leaves no room for them.
// Used by healthCheck steps and by the validation that gates `recovered`.
import type * as df from 'durable-functions';
import type { z } from 'zod';
import { probeHealthActivity, type ProbeSource } from '../../shared/domain/contracts/runbookContracts';
import { callActivity } from '../support/callActivity';
import type { Abort } from './RunbookControl';

export interface HealthGate {
  readonly incidentId: string;
  readonly workloadId: string;
  readonly source: ProbeSource;
  readonly timeoutSeconds: number;
  readonly passesRequired: number;
  readonly intervalSeconds: number;
  readonly deadlineSeconds: number;
  /** Where round `round` is recorded: the step (with a fresh revision) or the validation's timeline. */
  readonly record: (
    round: number,
  ) =>
    | { kind: 'step'; stepId: string; revision: number; entryPrefix: string }
    | { kind: 'validation'; entryId: string; label?: string };
  /** Waits between rounds; an abort ends the gate. */
  readonly sleepUntil: (until: Date) => Generator<df.Task, Abort | undefined, unknown>;
}

export type GateResult =
  | { readonly kind: 'passed'; readonly summary: string; readonly rounds: number }
  | { readonly kind: 'failed'; readonly summary: string; readonly rounds: number }
  | Abort;

/** How a gate reaches the orchestration: its clock and the probe activity (the runbook's goes through its control). */
export interface GateIo {
  readonly now: () => Date;
  readonly probe: (
    input: z.input<typeof probeHealthActivity.input>,
  ) => Generator<df.Task, z.output<typeof probeHealthActivity.output>, unknown>;
}

export function* runHealthGate(
  context: df.OrchestrationContext,
  gate: HealthGate,
): Generator<df.Task, GateResult, unknown> {
  return yield* runHealthGateWith(
    {
      now: () => context.df.currentUtcDateTime,
      probe: (input) => callActivity(context, probeHealthActivity, input),
    },
    gate,
  );
}

export function* runHealthGateWith(io: GateIo, gate: HealthGate): Generator<df.Task, GateResult, unknown> {
  const deadline = io.now().getTime() + gate.deadlineSeconds * 1000;
  let passes = 0;
  for (let round = 1; ; round++) {
    const probed = yield* io.probe({
      incidentId: gate.incidentId,
      workloadId: gate.workloadId,
      source: gate.source,
      timeoutSeconds: gate.timeoutSeconds,
      round,
      passesBefore: passes,
      passesRequired: gate.passesRequired,
      record: gate.record(round),
    });
    passes = probed.ok ? passes + 1 : 0;
    if (passes >= gate.passesRequired) {
      return {
        kind: 'passed',
        rounds: round,
        summary: `${passes} of ${gate.passesRequired} probe rounds passed in a row: ${probed.summary}`,
      };
    }
    const next = new Date(io.now().getTime() + gate.intervalSeconds * 1000);
    if (next.getTime() > deadline) {
      return {
        kind: 'failed',
        rounds: round,
        summary: `not healthy within ${gate.deadlineSeconds}s (${passes} of ${gate.passesRequired} passes in a row after ${round} rounds); last round: ${probed.summary}`,
      };
    }
    const interrupted = yield* gate.sleepUntil(next);
    if (interrupted) {
      return interrupted;
    }
  }
}
