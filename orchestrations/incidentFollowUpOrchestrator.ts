// A follow-up phase of a finished incident, one instance per incident and phase (followUpInstanceId), started
// by the actions API after it recorded the request (shared/domain/incident/followUp.ts):
// - failback: failback-requested → the primary ready (its health checks pass N rounds in a row) →
//   awaiting-failback-approval (always a person) → failing-back (the failback runbook, paused/retried/skipped
//   like the failover's) → validating-primary → failed-back, or failback-failed with the reason;
// - rollback: rolling-back (the rollback steps of the failover's completed steps, in reverse) → rolled-back, or
//   rollback-failed with what is left to undo by hand.
// An abort is recorded on the incident and raised here; every wait hears it through IncidentWaits.
import type * as df from 'durable-functions';
import {
  APPROVAL_ORCHESTRATION,
  approvalInstanceId,
  approvalOutcomeSchema,
  cancelApprovalActivity,
  FIRST_APPROVAL_ROUND,
} from '../shared/domain/contracts/approvalContracts';
import {
  followUpInputSchema,
  openFollowUpActivity,
  sendFollowUpOutcomeActivity,
  type FailbackPlan,
  type FollowUpInput,
} from '../shared/domain/contracts/followUpContracts';
import type { ProbeSource } from '../shared/domain/contracts/runbookContracts';
import { taskFailureMessage } from '../shared/domain/contracts/taskFailureMessage';
import { abortOf, type Abort } from '../shared/domain/incident/abort';
import {
  FOLLOW_UP_FAILED,
  type FollowUpPhase,
  type IncidentStatus,
} from '../shared/domain/incident/IncidentStatus';
import { drillLabel, type DrillKind } from '../shared/domain/incident/IncidentDrill';
import { IncidentWaits } from './incident/incidentAborts';
import { runHealthGate, type GateResult } from './runbook/healthGate';
import { runRunbookStage } from './runbook/runRunbookStage';
import { callActivity } from './support/callActivity';
import { transition } from './support/transition';
import { sendThroughChannels } from './support/sendThroughChannels';

export interface FollowUpOutcome {
  readonly status: IncidentStatus;
  readonly reason: string;
}

export function* incidentFollowUpOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, FollowUpOutcome, unknown> {
  const input = followUpInputSchema.parse(context.df.getInput());
  const waits = new IncidentWaits(context);
  context.df.setCustomStatus({ phase: input.phase });
  const opened = yield* callActivity(context, openFollowUpActivity, {
    incidentId: input.incidentId,
    phase: input.phase,
  });
  // Recorded before it was raised: the event may have come before this instance listened.
  if (opened.abortRequested !== undefined) {
    const abort = abortOf(opened.abortRequested);
    return yield* end(
      context,
      input,
      FOLLOW_UP_FAILED[input.phase],
      stopped(input.phase, abort),
      abort.actor,
    );
  }
  const phase: Phase = { ...input, ...(opened.drill ? { drill: opened.drill } : {}) };
  if (input.phase === 'rollback') {
    return yield* rollback(context, waits, phase);
  }
  if (opened.failback === undefined) {
    // openFollowUp always plans a failback; a result without one was not made by it.
    return yield* end(context, phase, 'failback-failed', 'the failback plan is missing');
  }
  return yield* failback(context, waits, phase, opened.failback);
}

/** The phase as it runs: its input, and for a drill's phase the drill kind (fixed when it opened). */
interface Phase extends FollowUpInput {
  readonly drill?: DrillKind;
}

function* failback(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  input: Phase,
  plan: FailbackPlan,
): Generator<df.Task, FollowUpOutcome, unknown> {
  const { incidentId } = input;
  const fail = (reason: string, actor?: string) =>
    end(context, input, 'failback-failed', `${reason}; the workload stays on ${plan.secondaryRegion}`, actor);

  // 1. The primary must be ready to take the workload back before anyone is asked.
  if (plan.readiness.checks === 0) {
    return yield* fail(
      `workload has no primary health checks, so ${plan.primaryRegion} cannot be shown ready; fail back by hand or add healthChecks.primary`,
    );
  }
  context.df.setCustomStatus({ phase: 'failback-requested', waitingFor: 'primary readiness' });
  const ready = yield* gate(context, waits, input, plan.readiness, 'Failback readiness', 'readiness', {
    kind: 'failback-readiness',
    ...(input.drill ? { drill: true } : {}),
  });
  if (ready.kind === 'abort') return yield* fail(stopped('failback', ready), ready.actor);
  if (ready.kind === 'failed') {
    return yield* fail(
      `${plan.primaryRegion} was not ready within ${plan.readiness.deadlineSeconds}s: ${ready.summary}`,
    );
  }

  // 2. A person approves, whatever the failover policy (a drill's failback as the drill policy says).
  let approved: string | FollowUpOutcome;
  if (plan.skipApproval) {
    approved = 'the workload lets drills skip approval';
    yield* transition(
      context,
      input.incidentId,
      'awaiting-failback-approval',
      `Primary ${plan.primaryRegion} ready (${ready.summary}); approval skipped (drills.approval: skip)`,
    );
  } else {
    approved = yield* approveFailback(context, waits, input, plan, ready.summary);
  }
  if (typeof approved !== 'string') return approved;

  // 3. The failback runbook, steered like the failover's.
  yield* transition(
    context,
    incidentId,
    'failing-back',
    `Failing back to ${plan.primaryRegion}: ${approved}`,
  );
  context.df.setCustomStatus({ phase: 'failing-back' });
  const runbook = yield* runRunbookStage(context, waits, {
    incidentId: input.incidentId,
    workloadId: input.workloadId,
    purpose: input.phase,
    ...(input.drill ? { drill: input.drill } : {}),
  });
  if (runbook.outcome !== 'completed') {
    const reason =
      runbook.outcome === 'aborted'
        ? stopped('failback', { actor: runbook.actor ?? 'an operator', reason: runbook.reason })
        : `failback runbook failed: ${runbook.reason}`;
    return yield* fail(reason, runbook.actor);
  }

  // 4. The primary proves healthy again.
  yield* transition(context, incidentId, 'validating-primary', `Validating the primary: ${runbook.reason}`);
  context.df.setCustomStatus({ phase: 'validating-primary' });
  const validated = yield* gate(context, waits, input, plan.validation, 'Failback validation', 'validation', {
    kind: 'workload',
    target: 'primary',
    ...(input.drill ? { drill: true } : {}),
  });
  if (validated.kind === 'abort') return yield* fail(stopped('failback', validated), validated.actor);
  if (validated.kind === 'failed')
    return yield* fail(`validation of the primary failed: ${validated.summary}`);
  return yield* end(
    context,
    input,
    'failed-back',
    `back on ${plan.primaryRegion}, primary healthy: ${validated.summary}`,
  );
}

/**
 * The failback's approval round: a person decides (the timeout expires the request, never approves it).
 * Resolves with the approval's reason, or with how the phase ended.
 */
function* approveFailback(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  input: Phase,
  plan: FailbackPlan,
  readiness: string,
): Generator<df.Task, string | FollowUpOutcome, unknown> {
  const { incidentId } = input;
  const fail = (reason: string, actor?: string) =>
    end(context, input, 'failback-failed', `${reason}; the workload stays on ${plan.secondaryRegion}`, actor);
  yield* transition(
    context,
    incidentId,
    'awaiting-failback-approval',
    `Primary ${plan.primaryRegion} ready (${readiness}); failback approval asked of ${plan.approval.approverRoles.join(', ')}`,
  );
  context.df.setCustomStatus({ phase: 'awaiting-failback-approval' });
  const round = FIRST_APPROVAL_ROUND + input.seq;
  const approvalId = approvalInstanceId(incidentId, round);
  const approvalTask = context.df.callSubOrchestrator(
    APPROVAL_ORCHESTRATION,
    {
      incidentId,
      round,
      quorum: plan.approval.quorum,
      approverRoles: plan.approval.approverRoles,
      deadlineSeconds: plan.approval.timeoutSeconds,
      levels: [{ roles: plan.approval.approverRoles, timeoutSeconds: plan.approval.timeoutSeconds }],
      finalTimeoutOutcome: 'expire',
    },
    approvalId,
  );
  const approvalRace = yield* waits.race(approvalTask);
  if (approvalRace.kind === 'abort') {
    if (approvalRace.scheduled) {
      yield* callActivity(context, cancelApprovalActivity, { instanceId: approvalId });
    }
    return yield* fail(stopped('failback', approvalRace), approvalRace.actor);
  }
  if (approvalTask.isFaulted) {
    return yield* fail(
      `the failback approval could not be collected (${taskFailureMessage(approvalTask.result)}); see instance ${approvalId}`,
    );
  }
  const approval = approvalOutcomeSchema.parse(approvalTask.result);
  if (approval.outcome !== 'approved') {
    // auto-approved cannot happen (the outcome on timeout is expire); it would not count if it did.
    return yield* fail(`failback ${approval.outcome}: ${approval.reason}`);
  }
  return approval.reason;
}

function* rollback(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  input: Phase,
): Generator<df.Task, FollowUpOutcome, unknown> {
  context.df.setCustomStatus({ phase: 'rolling-back' });
  const runbook = yield* runRunbookStage(context, waits, {
    incidentId: input.incidentId,
    workloadId: input.workloadId,
    purpose: input.phase,
    ...(input.drill ? { drill: input.drill } : {}),
  });
  if (runbook.outcome === 'completed') {
    return yield* end(context, input, 'rolled-back', runbook.reason);
  }
  const reason =
    runbook.outcome === 'aborted'
      ? stopped('rollback', { actor: runbook.actor ?? 'an operator', reason: runbook.reason })
      : `rollback failed: ${runbook.reason}`;
  return yield* end(context, input, 'rollback-failed', reason, runbook.actor);
}

/** The health gate of the primary's checks, for readiness and for validation; an abort ends it. */
function* gate(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  input: Phase,
  plan: FailbackPlan['readiness'],
  label: string,
  entry: string,
  source: ProbeSource,
): Generator<df.Task, GateResult, unknown> {
  if (input.drill === 'dry-run') {
    // A dry-run calls nothing, health checks included: it says what the gate would have done.
    return {
      kind: 'passed',
      rounds: 0,
      summary: `dry-run, nothing probed: ${label.toLowerCase()} would probe ${plan.checks} check(s) until ${plan.passesRequired} pass(es) in a row, for up to ${plan.deadlineSeconds}s`,
    };
  }
  return yield* runHealthGate(context, {
    incidentId: input.incidentId,
    workloadId: input.workloadId,
    source,
    timeoutSeconds: plan.timeoutSeconds,
    passesRequired: plan.passesRequired,
    intervalSeconds: plan.intervalSeconds,
    deadlineSeconds: plan.deadlineSeconds,
    record: (round) => ({
      kind: 'validation',
      entryId: `${input.phase}-${input.seq}-${entry}-${round}`,
      label,
    }),
    sleepUntil: function* (until) {
      const waited = yield* waits.until(until, []);
      return waited.kind === 'abort' ? waited : undefined;
    },
  });
}

/** How an abort reads in a follow-up's outcome: the phase ends failed, saying who stopped it and why. */
function stopped(phase: FollowUpPhase, abort: Abort): string {
  return `${phase} aborted by ${abort.actor} (${abort.reason}); steps that ran are not undone`;
}

/** Records how the phase ended (on the incident's follow-up: the failover's RTO stays as it was). */
function* end(
  context: df.OrchestrationContext,
  input: Phase,
  status: IncidentStatus,
  reason: string,
  actor?: string,
): Generator<df.Task, FollowUpOutcome, unknown> {
  const label = input.drill ? drillLabel(input.drill) : 'Incident';
  yield* transition(context, input.incidentId, status, `${label} ${status}: ${reason}`, actor);
  // How it ended, to the workload's people, in the direction it ran (a channel that fails is on the timeline).
  yield* sendThroughChannels(context, {
    incidentId: input.incidentId,
    activity: sendFollowUpOutcomeActivity.name,
    input: (channel) =>
      sendFollowUpOutcomeActivity.input.parse({
        incidentId: input.incidentId,
        channel,
        phase: input.phase,
        seq: input.seq,
      }),
    entryId: `${input.phase}-${input.seq}-outcome`,
    what: `${input.phase} outcome message`,
  });
  context.df.setCustomStatus({ phase: status });
  return { status, reason };
}
