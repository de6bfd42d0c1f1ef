// The runbook stage's stable contracts: a sub-orchestration that runs a workload's runbook step by step
// (used by the incident lifecycle for failover, later for failback), the operator events it takes and the
// activities it calls. Names are stored in history: never rename.
import { z } from 'zod';
import { abortRequestSchema } from '../incident/abort';
import { drillKindSchema } from '../incident/IncidentDrill';
import { runbookPauseSchema, runbookPurposeSchema, type RunbookPurpose } from '../incident/IncidentRunbook';
import { recordedRunbookControlSchema } from '../incident/runbookControlLog';
import { stepChangeSchema } from '../incident/stepChange';
import { HEALTH_CHECK_TARGETS } from '../runbook/runbookStepSchema';
import { RUNBOOK_ACTIONS } from '../incident/operatorActions';
import { runbookPlanStepSchema } from '../runbook/runbookPlanStep';
import { activityContract } from './ActivityContract';

const instant = z.iso.datetime({ precision: 3 });
const id = z.string().min(1);

export const RUNBOOK_ORCHESTRATION = 'runbook';

/** One runbook instance per incident and purpose; the actions API raises step actions to it. */
export function runbookInstanceId(incidentId: string, purpose: RunbookPurpose): string {
  return `${incidentId}:runbook:${purpose}`;
}

export const RUNBOOK_OUTCOMES = ['completed', 'failed', 'aborted'] as const;
export const runbookOutcomeSchema = z.object({
  /** `completed`: every step succeeded, was skipped, or failed with on-failure `continue`. */
  outcome: z.enum(RUNBOOK_OUTCOMES),
  reason: z.string().min(1),
  actor: z.string().min(1).optional(),
  failedSteps: z.array(id),
  skippedSteps: z.array(id),
});
export type RunbookOutcome = z.infer<typeof runbookOutcomeSchema>;

/** What operators do to a running runbook (the actions API raises it; abort arrives via the incident). */
export const RUNBOOK_CONTROL_EVENT = 'runbook-control';
/**
 * `branch-ended`: a branch of a parallel group tells the runbook it has ended (`stepId` the group,
 * `branch` its position), so the runbook, which listens for controls while its branches run, wakes to
 * collect it.
 */
export const RUNBOOK_CONTROL_ACTIONS = [...RUNBOOK_ACTIONS, 'abort', 'branch-ended'] as const;
export type RunbookControlAction = (typeof RUNBOOK_CONTROL_ACTIONS)[number];
export const runbookControlEventSchema = z.object({
  action: z.enum(RUNBOOK_CONTROL_ACTIONS),
  /** The step a step action is for; the actions API fills it with the current step when the caller did not. */
  stepId: id.optional(),
  actor: id,
  at: instant,
  comment: z.string().max(2000).optional(),
  /**
   * Where the actions API recorded it in the incident's control log (absent for an abort, which the incident
   * passes on, and in events raised before the log existed): a runbook that already took it ignores a repeat.
   */
  seq: z.number().int().positive().optional(),
  /** For `branch-ended`: which branch of the group `stepId`. */
  branch: z.number().int().nonnegative().optional(),
});
export type RunbookControlEvent = z.infer<typeof runbookControlEventSchema>;

/**
 * What an execution of the runbook must know before its first step, because the events about it may have
 * been lost at a hand-over: an abort recorded on the incident, and the controls recorded after the last one
 * the previous execution heard. Absent in results recorded before the control log existed.
 */
const recordedSinceSchema = {
  abortRequested: abortRequestSchema.optional(),
  controls: z.array(recordedRunbookControlSchema).optional(),
  /** The last `seq` of the log when it was read: every control up to it is in `controls` or was heard. */
  controlsLast: z.number().int().nonnegative().optional(),
};

/**
 * Steps one execution of the runbook orchestration runs before it continues as new with the next ones:
 * every episode replays its execution's whole history, so an unbounded history would make each step of a
 * long runbook slower than the one before. Runbooks this long or shorter never hand over.
 */
export const STEPS_PER_EXECUTION = 25;

/**
 * What a long runbook hands on when it continues as new after its share of steps: where the next
 * execution starts in the runbook the incident keeps (`IncidentStore.runbookPlan`), and what the final
 * outcome, the timeline entry ids and a pending pause still need.
 */
export const runbookContinuationSchema = z.object({
  runbook: z.object({ id, name: id }),
  stepCount: z.number().int().positive(),
  /** The next step's position in the runbook, from 0. */
  from: z.number().int().positive(),
  failedSteps: z.array(id),
  skippedSteps: z.array(id),
  /** Pauses and ignored operator events so far: they number their timeline entries. */
  pauses: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  /** A pause an operator asked for that takes effect before the next step. */
  pauseRequest: runbookControlEventSchema.optional(),
  /**
   * What the runbook heard of the incident's control log: every control up to `seen`, and those in `above`
   * (absent in older histories: nothing).
   */
  controlsHeard: z
    .object({ seen: z.number().int().nonnegative(), above: z.array(z.number().int().positive()) })
    .optional(),
});
export type RunbookContinuation = z.infer<typeof runbookContinuationSchema>;

/** One branch of a parallel group: a sub-orchestration of the runbook that runs the branch's steps in order. */
export const RUNBOOK_BRANCH_ORCHESTRATION = 'runbookBranch';

export function runbookBranchInstanceId(runbookInstanceId: string, groupId: string, branch: number): string {
  return `${runbookInstanceId}:${groupId}:${branch}`;
}

export const runbookBranchInputSchema = z.object({
  incidentId: id,
  workloadId: id,
  purpose: runbookPurposeSchema,
  /** The runbook instance that runs the group: where the branch says it has ended. */
  parentInstanceId: id,
  groupId: id,
  branch: z.number().int().nonnegative(),
  branchName: z.string().min(1),
  steps: z.array(runbookPlanStepSchema).min(1),
  /** A drill's branch: steps use their drill overrides, or (dry-run) are described, not run. */
  drill: drillKindSchema.optional(),
});
export type RunbookBranchInput = z.infer<typeof runbookBranchInputSchema>;

export const runbookInputSchema = z.object({
  incidentId: id,
  workloadId: id,
  purpose: runbookPurposeSchema,
  continuation: runbookContinuationSchema.optional(),
  /** A drill's runbook: steps use their drill overrides, or (dry-run) are described, not run. */
  drill: drillKindSchema.optional(),
});
export type RunbookInput = z.infer<typeof runbookInputSchema>;

/** Where a health gate's checks come from: the workload's checks of a region, or one inline probe. */
export const probeSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('workload'),
    target: z.enum(HEALTH_CHECK_TARGETS),
    /** A drill's probe: the workload's drill health checks (drills.healthChecks) when it has them. */
    drill: z.boolean().optional(),
  }),
  /**
   * A failback's readiness: the primary's health checks and the workload's `failback.readiness.checks`; a
   * drill's: the drill environment's primary checks (drills.healthChecks) when it has them, nothing live.
   */
  z.object({ kind: z.literal('failback-readiness'), drill: z.boolean().optional() }),
  z.object({
    kind: z.literal('probe'),
    probe: z.object({
      url: z.string().min(1),
      expectStatus: z.number().int(),
      maxLatencyMs: z.number().positive().optional(),
      bodyContains: z.string().min(1).optional(),
    }),
  }),
]);
export type ProbeSource = z.infer<typeof probeSourceSchema>;

const timelineEntryInput = z.object({
  id,
  type: id,
  message: z.string().min(1),
  actor: id.optional(),
});

/** Loads the runbook from the catalog and lists its steps on the incident as pending. */
export const startRunbookActivity = activityContract(
  'startRunbook',
  z.object({ incidentId: id, workloadId: id, purpose: runbookPurposeSchema, at: instant }),
  z.discriminatedUnion('found', [
    z.object({
      found: z.literal(true),
      runbook: z.object({ id, name: id }),
      /** The first execution's share of the steps. */
      steps: z.array(runbookPlanStepSchema).min(1),
      /** Steps in the whole runbook; absent in results recorded before runbooks were handed on in shares. */
      stepCount: z.number().int().positive().optional(),
      ...recordedSinceSchema,
    }),
    z.object({ found: z.literal(false), reason: z.string().min(1) }),
  ]),
);

/** A later execution's share of the steps, from the runbook the incident kept when it started. */
export const loadRunbookStepsActivity = activityContract(
  'loadRunbookSteps',
  z.object({
    incidentId: id,
    purpose: runbookPurposeSchema,
    from: z.number().int().nonnegative(),
    count: z.number().int().positive(),
    /** Every control up to this one was heard by the previous execution: the result lists those after it. */
    controlsSeen: z.number().int().nonnegative().optional(),
  }),
  z.object({ steps: z.array(runbookPlanStepSchema), ...recordedSinceSchema }),
);

/** One attempt of an http step: records it started, calls the target with the idempotency key, records the result. */
export const runHttpStepActivity = activityContract(
  'runHttpStep',
  z.object({
    incidentId: id,
    step: runbookPlanStepSchema,
    attempt: z.number().int().positive(),
    /** Operator retries start a new round, with a new idempotency key. */
    round: z.number().int().positive(),
    /** The revision of the `started` change; the result is `revision + 1`. */
    revision: z.number().int().positive(),
    /** Timeline entry ids start with it (one runbook run of the incident). */
    entryPrefix: id,
    /** The runbook's direction, part of the idempotency key; absent in older histories: failover. */
    purpose: runbookPurposeSchema.optional(),
  }),
  z.object({
    ok: z.boolean(),
    /** Set when the call was not made because the incident is being aborted: who asked. */
    abortedBy: id.optional(),
    /** Whether another attempt (same idempotency key) may succeed. */
    retryable: z.boolean(),
    /** Success: what came back; failure: why, in words without secrets. */
    summary: z.string().min(1),
    retryAfterSeconds: z.number().nonnegative().optional(),
  }),
);

/**
 * A dry-run's stand-in for running a step: records on the step what it would have sent (secrets masked),
 * what an operator would be asked and how long it would take (shared/domain/drill/dryRun/). Calls nothing.
 */
export const describeDryRunStepActivity = activityContract(
  'describeDryRunStep',
  z.object({
    incidentId: id,
    workloadId: id,
    step: runbookPlanStepSchema,
    revision: z.number().int().positive(),
    entryPrefix: id,
  }),
  z.object({ summary: z.string().min(1) }),
);

/**
 * One attempt of an Azure step (shared/domain/runbook/azure/): records it started, reads the target's state,
 * changes it when needed (polling long-running operations within the step's timeout), records the result.
 * Same input and output as an http step's, so the runbook treats both alike.
 */
export const runAzureStepActivity = activityContract(
  'runAzureStep',
  runHttpStepActivity.input,
  runHttpStepActivity.output,
);

/** One round of health probes; records the round on the step (or the validation's timeline). */
export const probeHealthActivity = activityContract(
  'probeHealth',
  z.object({
    incidentId: id,
    workloadId: id,
    source: probeSourceSchema,
    timeoutSeconds: z.number().positive(),
    round: z.number().int().positive(),
    /** Passes in a row before this round, and how many make the gate pass: for the record's wording. */
    passesBefore: z.number().int().nonnegative(),
    passesRequired: z.number().int().positive(),
    record: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('step'),
        stepId: id,
        revision: z.number().int().positive(),
        entryPrefix: id,
      }),
      z.object({
        kind: z.literal('validation'),
        entryId: id,
        /** What the round is for, opening its timeline entry (default `Validation`). */
        label: z.string().min(1).optional(),
      }),
    ]),
  }),
  z.object({
    ok: z.boolean(),
    /** The round in words: which checks passed or failed, and why. */
    summary: z.string().min(1),
    checks: z.number().int().nonnegative(),
  }),
);

/** A change of one step's record made by the orchestration itself (waits, skips, final failures...). */
export const recordStepChangeActivity = activityContract(
  'recordStepChange',
  z.object({
    incidentId: id,
    stepId: id,
    revision: z.number().int().positive(),
    at: instant,
    change: stepChangeSchema,
    entry: timelineEntryInput,
  }),
  z.object({ applied: z.boolean() }),
);

/** Pauses (status paused, with why) or resumes (status failing-over) the runbook on the incident record. */
export const setRunbookPausedActivity = activityContract(
  'setRunbookPaused',
  z.object({ incidentId: id, at: instant, paused: runbookPauseSchema.nullable(), entry: timelineEntryInput }),
  z.object({ status: z.string().min(1) }),
);

/** Records that a step inside a parallel branch paused the runbook (or, with `paused: false`, that it goes on). */
export const setBranchStepPausedActivity = activityContract(
  'setBranchStepPaused',
  z.object({ incidentId: id, at: instant, stepId: id, paused: z.boolean(), entry: timelineEntryInput }),
  z.object({ status: z.string().min(1) }),
);

/** Raises a control event to a runbook instance: how the incident orchestration passes an abort on. */
export const forwardRunbookControlActivity = activityContract(
  'forwardRunbookControl',
  z.object({ instanceId: id, event: runbookControlEventSchema }),
  z.object({ delivered: z.boolean() }),
);
