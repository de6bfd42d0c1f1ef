// The incident orchestration, one per correlation window (instance id = incident id): detected → observing
// → (dismissed) → awaiting-approval → (rejected | expired) → failing-over (the runbook sub-orchestration,
// paused while an operator decides) → validating → recovered | failed, with abort from any open state.
// Every transition is written to the incident record and timeline by an activity; the store holds the
// alerts and an abort request, events only wake it up. What an abort stops in each phase is defined in
// shared/domain/incident/abort.ts; every wait hears it through ./incident/incidentAborts.ts.
import type * as df from 'durable-functions';
import {
  APPROVAL_ORCHESTRATION,
  cancelApprovalActivity,
  FIRST_APPROVAL_ROUND,
  approvalInstanceId,
  approvalOutcomeSchema,
} from '../shared/domain/contracts/approvalContracts';
import {
  ALERTS_CHANGED_EVENT,
  closeCorrelationWindowActivity,
  incidentOrchestrationInputSchema,
  type IncidentOrchestrationInput,
} from '../shared/domain/contracts/incidentContracts';
import {
  assessIncidentActivity,
  openIncidentActivity,
  sendIncidentOutcomeActivity,
  type IncidentPolicy,
} from '../shared/domain/contracts/incidentLifecycleContracts';
import type { IncidentStatus } from '../shared/domain/incident/IncidentStatus';
import { validationPlan } from '../shared/domain/catalog/validationPlan';
import { startDrillFailbackActivity } from '../shared/domain/contracts/followUpContracts';
import { abortOf } from '../shared/domain/incident/abort';
import { drillLabel } from '../shared/domain/incident/IncidentDrill';
import { IncidentWaits } from './incident/incidentAborts';
import { runHealthGate, type GateResult } from './runbook/healthGate';
import { runRunbookStage } from './runbook/runRunbookStage';
import { taskFailureMessage } from '../shared/domain/contracts/taskFailureMessage';
import { callActivity } from './support/callActivity';
import { transition } from './support/transition';
import { sendThroughChannels } from './support/sendThroughChannels';
import { secondsAfter } from './support/waitForAny';

/** History is bounded by starting afresh (the store holds the state) after this many wake-ups. */
const WAKE_UPS_PER_GENERATION = 100;
/**
 * Criteria such as `sustainedFor` become true with time alone, and a correlator that crashed after claiming
 * a wake-up never raises it: re-assessing this often covers both.
 */
const REASSESS_EVERY_SECONDS = 60;
/**
 * During an alert storm wake-ups arrive continuously, and each assessment reads every alert of the
 * incident: assessing at most this often keeps the cost bounded while reacting within seconds.
 */
const MIN_SECONDS_BETWEEN_ASSESSMENTS = 5;

export interface IncidentOutcome {
  readonly status: IncidentStatus;
  readonly reason: string;
}

type Observation =
  | { readonly verdict: 'activate'; readonly reasons: readonly string[] }
  | { readonly verdict: 'dismissed' | 'aborted'; readonly reason: string; readonly actor?: string }
  | { readonly verdict: 'continue'; readonly observingSince?: string };

export function* incidentOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, IncidentOutcome | undefined, unknown> {
  const input = incidentOrchestrationInputSchema.parse(context.df.getInput());
  const { incidentId } = input;
  const subject = subjectOf(input);
  const waits = new IncidentWaits(context);
  const opened = yield* callActivity(context, openIncidentActivity, {
    incidentId,
    workloadId: input.workloadId,
    detectedAt: input.openedAt,
    ...(input.drill ? { drill: input.drill } : {}),
  });
  // Recorded before it was raised: its event may have been lost when the previous execution handed over.
  if (opened.abortRequested !== undefined) {
    const abort = abortOf(opened.abortRequested);
    return yield* end(context, subject, 'aborted', abort.reason, abort.actor);
  }

  // A drill is started on purpose: its criteria were reported when it opened, and nothing is observed.
  const observed: Observation = input.drill
    ? {
        verdict: 'activate',
        reasons: [`${drillLabel(input.drill.kind)}: started on purpose, criteria not waited for`],
      }
    : yield* observe(context, waits, input, opened.policy);
  if (observed.verdict === 'continue') {
    context.df.continueAsNew({
      ...input,
      ...(observed.observingSince ? { observingSince: observed.observingSince } : {}),
    });
    return undefined;
  }
  if (observed.verdict !== 'activate') {
    return yield* end(context, subject, observed.verdict, observed.reason, observed.actor);
  }

  // An abort that arrived while the criteria were assessed is already waiting: take it before asking anyone.
  const early = yield* waits.until(context.df.currentUtcDateTime, []);
  if (early.kind === 'abort') {
    return yield* end(context, subject, 'aborted', early.reason, early.actor);
  }

  yield* transition(
    context,
    incidentId,
    'awaiting-approval',
    input.drill
      ? `${observed.reasons.join('; ')}; approval ${opened.policy.drillApproval === 'skip' ? 'skipped (the workload lets drills skip it: drills.approval skip)' : 'asked of the same approvers, marked as a drill'}`
      : `Activation criteria met: ${observed.reasons.join('; ')}`,
  );
  context.df.setCustomStatus({ phase: 'awaiting-approval' });
  const approved =
    input.drill && opened.policy.drillApproval === 'skip'
      ? 'the workload lets drills skip approval'
      : yield* approve(context, waits, subject, opened.policy);
  if (typeof approved !== 'string') return approved;

  yield* transition(context, incidentId, 'failing-over', `Failover activated: ${approved}`);
  context.df.setCustomStatus({ phase: 'failing-over' });
  const runbook = yield* runRunbookStage(context, waits, {
    incidentId,
    workloadId: input.workloadId,
    purpose: 'failover',
    ...(input.drill ? { drill: input.drill.kind } : {}),
  });
  if (runbook.outcome !== 'completed') {
    const status = runbook.outcome === 'aborted' ? 'aborted' : 'failed';
    const reason =
      runbook.outcome === 'aborted' ? runbook.reason : `failover runbook failed: ${runbook.reason}`;
    return yield* announce(context, yield* end(context, subject, status, reason, runbook.actor), incidentId);
  }

  yield* transition(context, incidentId, 'validating', `Validating the secondary: ${runbook.reason}`);
  context.df.setCustomStatus({ phase: 'validating' });
  const validation = yield* validateSecondary(context, waits, input, opened.policy);
  const outcome =
    validation.kind === 'abort'
      ? yield* end(context, subject, 'aborted', validation.reason, validation.actor)
      : validation.kind === 'failed'
        ? yield* end(context, subject, 'failed', `validation failed: ${validation.summary}`)
        : yield* end(
            context,
            subject,
            'recovered',
            // A dry-run probed nothing: its summary says what validation would have done.
            input.drill?.kind === 'dry-run' ? validation.summary : `secondary healthy: ${validation.summary}`,
          );
  const announced = yield* announce(context, outcome, incidentId);
  if (input.drill?.roundTrip && announced.status === 'recovered') {
    // The round trip: the failback phase is its own orchestration, started as an operator's request would be.
    yield* callActivity(context, startDrillFailbackActivity, {
      incidentId,
      at: context.df.currentUtcDateTime.toISOString(),
    });
  }
  return announced;
}

/**
 * The approval gate: the approval sub-orchestration raced with an abort. Resolves with the approval's reason
 * when failover may start, or with how the incident ended (rejected, expired, aborted, failed).
 */
function* approve(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  subject: Subject,
  policy: IncidentPolicy,
): Generator<df.Task, string | IncidentOutcome, unknown> {
  const { incidentId, drill } = subject;
  const approvalTask = context.df.callSubOrchestrator(
    APPROVAL_ORCHESTRATION,
    {
      incidentId,
      round: FIRST_APPROVAL_ROUND,
      quorum: policy.quorum,
      ...(policy.rejectionsToReject ? { rejectionsToReject: policy.rejectionsToReject } : {}),
      approverRoles: policy.approverRoles,
      deadlineSeconds: policy.approvalDeadlineSeconds,
      ...(policy.approvalLevels ? { levels: policy.approvalLevels } : {}),
      finalTimeoutOutcome: policy.finalTimeoutOutcome,
      // A fresh readiness check of the live secondary for the approvers: not for a drill.
      checkReadiness: !drill,
    },
    approvalInstanceId(incidentId, FIRST_APPROVAL_ROUND),
  );
  // Abort while awaiting approval: the approval is cancelled, so nobody further is asked.
  const approvalRace = yield* waits.race(approvalTask);
  if (approvalRace.kind === 'abort') {
    if (approvalRace.scheduled) {
      yield* callActivity(context, cancelApprovalActivity, {
        instanceId: approvalInstanceId(incidentId, FIRST_APPROVAL_ROUND),
      });
    }
    return yield* end(context, subject, 'aborted', approvalRace.reason, approvalRace.actor);
  }
  if (approvalTask.isFaulted) {
    // The approval gate itself broke (its activities exhausted their retries): nothing was failed over,
    // and the incident must say so rather than sit in awaiting-approval.
    const cause = taskFailureMessage(approvalTask.result);
    return yield* end(
      context,
      subject,
      'failed',
      `the approval could not be collected (${cause}); nothing was failed over; see instance ${approvalInstanceId(incidentId, FIRST_APPROVAL_ROUND)}`,
    );
  }
  const approval = approvalOutcomeSchema.parse(approvalTask.result);
  switch (approval.outcome) {
    case 'rejected':
    case 'expired':
      return yield* end(context, subject, approval.outcome, approval.reason);
    case 'cancelled': {
      // Only an abort cancels the approval; before the incident owned that, the actions API cancelled it
      // directly and raised the abort here as well: its event says who.
      const abort = yield* waits.nextAbort();
      return yield* end(context, subject, 'aborted', abort.reason, abort.actor);
    }
    case 'approved':
    case 'auto-approved':
      return approval.reason;
  }
}

/** The final message of a failover: how it ended and the RTO achieved, to the workload's people. */
function* announce(
  context: df.OrchestrationContext,
  outcome: IncidentOutcome,
  incidentId: string,
): Generator<df.Task, IncidentOutcome, unknown> {
  yield* sendThroughChannels(context, {
    incidentId,
    activity: sendIncidentOutcomeActivity.name,
    input: (channel) => sendIncidentOutcomeActivity.input.parse({ incidentId, channel }),
    entryId: `outcome-${outcome.status}`,
    what: `${outcome.status} message`,
  });
  return outcome;
}

/** The workload's secondary health checks gate `recovered`; an abort still ends it. */
function* validateSecondary(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  input: IncidentOrchestrationInput,
  policy: IncidentPolicy,
): Generator<df.Task, GateResult, unknown> {
  const plan = policy.validation ?? validationPlan({ healthChecks: { primary: [], secondary: [] } });
  if (input.drill?.kind === 'dry-run') {
    // A dry-run calls nothing, the secondary's health checks included: it says what validation would do.
    return {
      kind: 'passed',
      rounds: 0,
      summary: `dry-run, nothing probed: validation would probe ${plan.checks} secondary health check(s) until ${plan.passesRequired} pass(es) in a row, for up to ${plan.deadlineSeconds}s`,
    };
  }
  if (plan.checks === 0) {
    return {
      kind: 'passed',
      rounds: 0,
      summary: 'the workload has no secondary health checks, so recovery is NOT verified by probes',
    };
  }
  return yield* runHealthGate(context, {
    incidentId: input.incidentId,
    workloadId: input.workloadId,
    source: { kind: 'workload', target: 'secondary', ...(input.drill ? { drill: true } : {}) },
    timeoutSeconds: plan.timeoutSeconds,
    passesRequired: plan.passesRequired,
    intervalSeconds: plan.intervalSeconds,
    deadlineSeconds: plan.deadlineSeconds,
    record: (round) => ({ kind: 'validation', entryId: `validation-probe-${round}` }),
    // Abort while validating: validation stops and the incident ends aborted, not recovered.
    sleepUntil: function* (until) {
      const waited = yield* waits.until(until, []);
      return waited.kind === 'abort' ? waited : undefined;
    },
  });
}

/**
 * Detection and observation: re-assesses on every wake-up and on a timer; dismisses when everything has
 * resolved and the grouping window passed quietly; activates once the criteria hold after the
 * observation window.
 */
function* observe(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  input: IncidentOrchestrationInput,
  policy: IncidentPolicy,
): Generator<df.Task, Observation, unknown> {
  const { incidentId } = input;
  let observingSince = input.observingSince === undefined ? undefined : new Date(input.observingSince);
  for (let wakeUps = 0; wakeUps < WAKE_UPS_PER_GENERATION; wakeUps++) {
    const now = context.df.currentUtcDateTime;
    const assessed = yield* callActivity(context, assessIncidentActivity, {
      incidentId,
      at: now.toISOString(),
    });
    context.df.setCustomStatus({
      phase: observingSince ? 'observing' : 'detected',
      alerts: assessed.summary,
      decision: assessed.decision,
    });

    let until: Date;
    if (assessed.decision === 'dismiss') {
      // Everything has resolved: wait out the grouping window, so a flapping alert stays in this incident.
      until = secondsAfter(context, policy.groupingWindowSeconds);
    } else {
      if (observingSince === undefined) {
        observingSince = now;
        yield* transition(
          context,
          incidentId,
          'observing',
          `Observing for ${policy.observationWindowSeconds}s: ${assessed.reasons.join('; ')}`,
        );
      }
      const windowEnds = new Date(observingSince.getTime() + policy.observationWindowSeconds * 1000);
      if (assessed.decision === 'activate' && now.getTime() >= windowEnds.getTime()) {
        return { verdict: 'activate', reasons: assessed.reasons };
      }
      const reassessAt = secondsAfter(context, REASSESS_EVERY_SECONDS);
      until = assessed.decision === 'activate' && windowEnds < reassessAt ? windowEnds : reassessAt;
    }

    // Abort while detected or observing: nobody is asked to approve.
    const waited = yield* waits.until(until, [ALERTS_CHANGED_EVENT]);
    if (waited.kind === 'abort') {
      return { verdict: 'aborted', reason: waited.reason, actor: waited.actor };
    }
    if (waited.kind === ALERTS_CHANGED_EVENT) {
      const settled = yield* settle(context, waits, now);
      if (settled) {
        return { verdict: 'aborted', ...settled };
      }
    }
    if (waited.kind === 'timeout' && assessed.decision === 'dismiss') {
      const closing = yield* callActivity(context, closeCorrelationWindowActivity, {
        incidentId,
        expectedVersion: assessed.version,
        at: context.df.currentUtcDateTime.toISOString(),
      });
      if (closing.closed) {
        return {
          verdict: 'dismissed',
          reason: `every alert resolved and none arrived for ${policy.groupingWindowSeconds}s`,
        };
      }
    }
  }
  return { verdict: 'continue', ...(observingSince ? { observingSince: observingSince.toISOString() } : {}) };
}

/** Lets a burst of alerts settle before the next assessment; an abort still ends it at once. */
function* settle(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  lastAssessedAt: Date,
): Generator<df.Task, { reason: string; actor: string } | undefined, unknown> {
  const next = new Date(lastAssessedAt.getTime() + MIN_SECONDS_BETWEEN_ASSESSMENTS * 1000);
  if (context.df.currentUtcDateTime.getTime() >= next.getTime()) {
    return undefined;
  }
  const waited = yield* waits.until(next, []);
  return waited.kind === 'abort' ? { reason: waited.reason, actor: waited.actor } : undefined;
}

/** The incident the orchestration runs, and what its timeline calls it: `Incident`, or a drill's marker. */
interface Subject {
  readonly incidentId: string;
  readonly label: string;
  /** A drill never touches the live environment, whose health the readiness check at approval probes. */
  readonly drill: boolean;
}

function subjectOf(input: IncidentOrchestrationInput): Subject {
  return {
    incidentId: input.incidentId,
    label: input.drill ? drillLabel(input.drill.kind) : 'Incident',
    drill: input.drill !== undefined,
  };
}

/** Records the final status and closes the correlation window, so later alerts open a new incident. */
function* end(
  context: df.OrchestrationContext,
  { incidentId, label }: Subject,
  status: IncidentStatus,
  reason: string,
  actor?: string,
): Generator<df.Task, IncidentOutcome, unknown> {
  yield* transition(context, incidentId, status, `${label} ${status}: ${reason}`, actor);
  yield* callActivity(context, closeCorrelationWindowActivity, {
    incidentId,
    at: context.df.currentUtcDateTime.toISOString(),
  });
  context.df.setCustomStatus({ phase: status });
  return { status, reason };
}
