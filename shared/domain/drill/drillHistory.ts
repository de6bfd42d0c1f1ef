// A workload's drill history as GET /api/workloads/{id}/drills shows it: each drill scored against the RTO,
// with the steps that failed or were slow, and when the next drill is due.
import { z } from 'zod';
import { TIER_DEFAULTS } from '../catalog/tierDefaults';
import type { Workload } from '../catalog/Workload';
import type { Incident } from '../incident/Incident';
import { drillKindSchema } from '../incident/IncidentDrill';
import { incidentStatusSchema, type IncidentStatus } from '../incident/IncidentStatus';

/** A step that alone took this share of the RTO target or more is slow: the budget cannot afford many. */
export const SLOW_STEP_SHARE_OF_RTO = 0.25;

const MS_PER_SECOND = 1000;

export const drillRecordSchema = z.object({
  incidentId: z.string(),
  kind: drillKindSchema,
  status: incidentStatusSchema,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  requestedBy: z.string(),
  scenario: z.string().optional(),
  comment: z.string().optional(),
  rto: z.object({
    targetSeconds: z.number().int().nonnegative(),
    /** From the drill's start to its recovery (validated secondary); absent when it did not recover. */
    achievedSeconds: z.number().int().nonnegative().optional(),
    met: z.boolean().optional(),
    /**
     * A dry-run's score instead: how long the runbook as written is expected to take (its steps' expected
     * durations, parallel branches side by side), and whether even its longest run fits in the target.
     */
    expected: z
      .object({
        minSeconds: z.number().nonnegative(),
        maxSeconds: z.number().nonnegative(),
        fits: z.boolean(),
      })
      .optional(),
  }),
  /** Why it ended as it did (aborted by a live incident, rejected, a failed step...); absent while running. */
  outcome: z.string().optional(),
  /** A round-trip drill's failback: how it ended (or that it runs) and how long it took from its request. */
  failback: z
    .object({
      status: incidentStatusSchema,
      seconds: z.number().int().nonnegative().optional(),
      outcome: z.string().optional(),
    })
    .optional(),
  failedSteps: z.array(z.object({ id: z.string(), name: z.string(), error: z.string().optional() })),
  slowSteps: z.array(z.object({ id: z.string(), name: z.string(), seconds: z.number().int().nonnegative() })),
});
export type DrillRecord = z.infer<typeof drillRecordSchema>;

export function toDrillRecord(incident: Incident): DrillRecord {
  const drill = incident.drill;
  // The failover's record: after a failback (the round trip) its steps are kept among the earlier phases.
  const steps = incident.earlierPhases?.find((p) => p.phase === 'failover')?.steps ?? incident.steps;
  const failback = incident.followUp?.phase === 'failback' ? incident.followUp : undefined;
  // Recovered, and still so when a failback followed: the RTO is the failover's.
  const achieved =
    incident.recoveredAt !== undefined
      ? Math.max(
          0,
          Math.floor((Date.parse(incident.recoveredAt) - Date.parse(incident.detectedAt)) / MS_PER_SECOND),
        )
      : undefined;
  const slowAfter = incident.rtoTargetSeconds * SLOW_STEP_SHARE_OF_RTO;
  // A dry-run ran nothing, so the time it took says nothing: the plan's expected duration is its score.
  const expected = drill?.kind === 'dry-run' ? expectedRunbookSeconds(steps) : undefined;
  return {
    incidentId: incident.id,
    kind: drill?.kind ?? 'drill',
    status: incident.status,
    startedAt: incident.detectedAt,
    ...(incident.endedAt === undefined ? {} : { endedAt: incident.endedAt }),
    requestedBy: drill?.requestedBy ?? 'unknown',
    ...(drill?.scenario === undefined ? {} : { scenario: drill.scenario }),
    ...(drill?.comment === undefined ? {} : { comment: drill.comment }),
    rto: {
      targetSeconds: incident.rtoTargetSeconds,
      ...(achieved === undefined || drill?.kind === 'dry-run'
        ? {}
        : { achievedSeconds: achieved, met: achieved <= incident.rtoTargetSeconds }),
      ...(expected === undefined
        ? {}
        : { expected: { ...expected, fits: expected.maxSeconds <= incident.rtoTargetSeconds } }),
    },
    ...(incident.outcome === undefined ? {} : { outcome: incident.outcome.reason }),
    ...(failback === undefined
      ? {}
      : {
          failback: {
            status: failback.outcome?.status ?? incident.status,
            ...(failback.endedAt === undefined
              ? {}
              : {
                  seconds: Math.max(
                    0,
                    Math.floor(
                      (Date.parse(failback.endedAt) - Date.parse(failback.requestedAt)) / MS_PER_SECOND,
                    ),
                  ),
                }),
            ...(failback.outcome === undefined ? {} : { outcome: failback.outcome.reason }),
          },
        }),
    failedSteps: steps
      .filter((step) => step.status === 'failed' || (step.error !== undefined && step.status !== 'succeeded'))
      .map((step) => ({ id: step.id, name: step.name, ...(step.error ? { error: step.error } : {}) })),
    slowSteps: steps.flatMap((step) => {
      // A dry-run's steps took no time: their expected durations are in the step's dry-run description.
      if (step.dryRun !== undefined || step.startedAt === undefined || step.endedAt === undefined) return [];
      const seconds = Math.floor((Date.parse(step.endedAt) - Date.parse(step.startedAt)) / MS_PER_SECOND);
      return seconds >= slowAfter && seconds > 0 ? [{ id: step.id, name: step.name, seconds }] : [];
    }),
  };
}

/**
 * The expected duration of the steps a dry-run described: one after another, except that the branches of a
 * parallel group run side by side (the group takes its longest branch). Undefined when none was described.
 */
export function expectedRunbookSeconds(
  steps: Incident['steps'],
): { minSeconds: number; maxSeconds: number } | undefined {
  const described = steps.filter((step) => step.dryRun !== undefined);
  if (described.length === 0) return undefined;
  let minSeconds = 0;
  let maxSeconds = 0;
  const branches = new Map<string, Map<number, { min: number; max: number }>>();
  for (const step of described) {
    const { min, max } = step.dryRun?.expectedSeconds ?? { min: 0, max: 0 };
    if (step.group === undefined) {
      minSeconds += min;
      maxSeconds += max;
      continue;
    }
    const group = branches.get(step.group.id) ?? new Map<number, { min: number; max: number }>();
    const branch = group.get(step.group.branch) ?? { min: 0, max: 0 };
    group.set(step.group.branch, { min: branch.min + min, max: branch.max + max });
    branches.set(step.group.id, group);
  }
  for (const group of branches.values()) {
    const sums = [...group.values()];
    minSeconds += Math.max(...sums.map((b) => b.min));
    maxSeconds += Math.max(...sums.map((b) => b.max));
  }
  return { minSeconds, maxSeconds };
}

/** How often the workload should be drilled: its own `drills.every`, else its tier's default. */
export function drillEverySeconds(workload: Pick<Workload, 'tier' | 'drills'>): number {
  return workload.drills.everySeconds ?? TIER_DEFAULTS[workload.tier].drillEverySeconds;
}

/** The ends of a drill that was held: its runbook ran. */
const HELD: readonly IncidentStatus[] = ['recovered', 'failed'];

export const drillScheduleSchema = z.object({
  everySeconds: z.number().int().positive(),
  /** The latest drill (a dry-run rehearses the plan, not the failover, so it does not count). */
  lastDrill: drillRecordSchema.nullable(),
  /** When the next drill is due: the last full drill that ended plus the frequency; now when none ran. */
  nextDueAt: z.string(),
  overdue: z.boolean(),
});
export type DrillSchedule = z.infer<typeof drillScheduleSchema>;

/**
 * `drills` newest first. A drill counts once its runbook ran to an end in kind `drill` (a dry-run calls no
 * target, so it proves nothing about the failover; an aborted, rejected or expired one never got there); one
 * that failed counts too: it was held, and its failure is what the report is for.
 */
export function drillSchedule(
  workload: Pick<Workload, 'tier' | 'drills'>,
  drills: readonly DrillRecord[],
  now: Date,
): DrillSchedule {
  const everySeconds = drillEverySeconds(workload);
  const last = drills.find((d) => d.kind === 'drill' && HELD.includes(d.status) && d.endedAt !== undefined);
  const due =
    last?.endedAt === undefined ? now : new Date(Date.parse(last.endedAt) + everySeconds * MS_PER_SECOND);
  return {
    everySeconds,
    lastDrill: drills[0] ?? null,
    nextDueAt: due.toISOString(),
    overdue: due.getTime() <= now.getTime(),
  };
}
