// The approval gate: asks the first approvers, escalates level by level while nobody reaches a decision,
// and collects decisions from distinct people (anyone asked so far) until the quorum approves, someone
// rejects, the incident is aborted, or the last level's time runs out (then the policy's final-timeout
// outcome applies). Everyone asked hears the outcome. With `checkReadiness`, the secondary's readiness is
// checked fresh when approval is asked (approvers see it and the RPO exposure), and again before an automatic
// activation: onto a not-ready secondary it never auto-activates, it asks the executive level instead.
import type * as df from 'durable-functions';
import {
  APPROVAL_CANCEL_EVENT,
  APPROVAL_DECISION_EVENT,
  approvalDecisionEventSchema,
  approvalInputSchema,
  APPROVAL_NOTIFICATIONS_ORCHESTRATION,
  approvalNotificationsInstanceId,
  recordApprovalActivity,
  type ApprovalNotification,
  type ApprovalDecisionEvent,
  type ApprovalInput,
  type ApprovalOutcome,
  type ApprovalState,
} from '../shared/domain/contracts/approvalContracts';
import { recordTimelineActivity } from '../shared/domain/contracts/incidentLifecycleContracts';
import {
  assessReadinessActivity,
  type ReadinessSnapshot,
} from '../shared/domain/contracts/readinessContracts';
import { APPROVAL_CANCELLED_REASON } from '../shared/domain/incident/abort';
import { callActivity } from './support/callActivity';
import { EventWaits } from './support/EventWaits';
import { secondsAfter } from './support/waitForAny';

type Level = NonNullable<ApprovalInput['levels']>[number];

export function* approvalOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, ApprovalOutcome, unknown> {
  const input = approvalInputSchema.parse(context.df.getInput());
  // A copy: the guard rail adds a level for the executives it asks instead of activating.
  const levels: Level[] = [
    ...(input.levels ?? [{ roles: input.approverRoles, timeoutSeconds: input.deadlineSeconds }]),
  ];
  let deadline = secondsAfter(
    context,
    levels.reduce((total, level) => total + level.timeoutSeconds, 0),
  );
  const decisions: ApprovalDecisionEvent[] = [];
  // One for the whole gate: a decision that arrives while it records or escalates is not lost (EventWaits).
  const waits = new EventWaits(context);
  const state = (status: ApprovalState['status']): ApprovalState => ({
    round: input.round,
    status,
    quorum: {
      required: input.quorum,
      approvals: decisions.filter((d) => d.decision === 'approve').length,
      rejections: decisions.filter((d) => d.decision === 'reject').length,
    },
    decisions: [...decisions],
  });
  const record = (
    status: ApprovalState['status'],
    entry: { id: string; type: string; message: string; actor?: string },
  ) =>
    callActivity(context, recordApprovalActivity, {
      incidentId: input.incidentId,
      approval: state(status),
      entry,
      at: context.df.currentUtcDateTime.toISOString(),
    });
  const round = `approval-${input.round}`;
  let readiness: ReadinessSnapshot | undefined;
  const notify = (level: number, message: ApprovalNotification['message']) =>
    startNotification(context, {
      incidentId: input.incidentId,
      round: input.round,
      level,
      levels: [...levels],
      quorum: input.quorum,
      deadline: deadline.toISOString(),
      ...(readiness ? { readiness } : {}),
      message,
    });
  let guardRail: string | undefined;
  const finish = function* (
    level: number,
    outcome: ApprovalOutcome,
  ): Generator<df.Task, ApprovalOutcome, unknown> {
    yield* notify(level, { kind: 'approval-decided', outcome: outcome.outcome, reason: outcome.reason });
    return outcome;
  };

  if (input.checkReadiness === true) {
    readiness = yield* assessReadiness(context, input.incidentId);
  }
  yield* record('pending', {
    id: `${round}-requested`,
    type: 'approval-requested',
    message: `Approval requested from ${levels[0]?.roles.join(', ')}: ${input.quorum} approval(s) needed by ${deadline.toISOString()}${readiness ? `; ${readinessWords(readiness)}` : ''}`,
  });
  let level = 1;
  let levelEnds = secondsAfter(context, levels[0]?.timeoutSeconds ?? input.deadlineSeconds);
  yield* notify(level, { kind: 'approval-request' });

  for (;;) {
    // A cancel first: once the incident is aborted, a decision that came with it no longer counts.
    const waited = yield* waits.until(levelEnds, [APPROVAL_CANCEL_EVENT, APPROVAL_DECISION_EVENT]);
    if (waited.kind === 'timeout') {
      const next = levels[level];
      if (next !== undefined) {
        // Nobody reached a decision in time: ask the next level too; the earlier ones may still decide.
        level++;
        levelEnds = new Date(levelEnds.getTime() + next.timeoutSeconds * 1000);
        yield* callActivity(context, recordTimelineActivity, {
          incidentId: input.incidentId,
          entry: {
            id: `${round}-escalated-${level}`,
            at: context.df.currentUtcDateTime.toISOString(),
            type: 'approval-escalated',
            message: `No decision yet: asking ${next.roles.join(', ')} too (level ${level}, until ${levelEnds.toISOString()})`,
          },
        });
        yield* notify(level, { kind: 'approval-request' });
        continue;
      }
      let autoApprove = input.finalTimeoutOutcome === 'auto-activate' && guardRail === undefined;
      if (autoApprove && input.checkReadiness === true) {
        // The guard rail: decide on the secondary as it is now, not as it was when approval was asked.
        readiness = yield* assessReadiness(context, input.incidentId);
        const executives = levels[levels.length - 1];
        if (readiness.state === 'not-ready' && executives !== undefined) {
          guardRail = `Not activating automatically: the secondary (${readiness.secondary}) is not ready (${readiness.reasons.join('; ')})`;
          levels.push({ roles: executives.roles, timeoutSeconds: executives.timeoutSeconds });
          level = levels.length;
          levelEnds = new Date(levelEnds.getTime() + executives.timeoutSeconds * 1000);
          deadline = levelEnds;
          yield* callActivity(context, recordTimelineActivity, {
            incidentId: input.incidentId,
            entry: {
              id: `${round}-guard-rail`,
              at: context.df.currentUtcDateTime.toISOString(),
              type: 'approval-guard-rail',
              message: `${guardRail}; asking ${executives.roles.join(', ')} to decide instead (until ${levelEnds.toISOString()})`,
            },
          });
          yield* notify(level, { kind: 'approval-request', guardRail });
          continue;
        }
        autoApprove = true;
      }
      const status = autoApprove ? 'auto-approved' : 'expired';
      const reason = autoApprove
        ? 'no quorum by the deadline; the policy activates automatically'
        : guardRail !== undefined
          ? `no quorum by the deadline; no automatic activation: ${guardRail.replace(/^Not activating automatically: /, '')}`
          : 'no quorum by the deadline; the request expired';
      yield* record(status, {
        id: `${round}-${status}`,
        type: 'approval-decided',
        message: `Approval ${status}: ${reason}`,
        actor: 'policy',
      });
      return yield* finish(level, { outcome: status, reason });
    }
    if (waited.kind === APPROVAL_CANCEL_EVENT) {
      yield* record('cancelled', {
        id: `${round}-cancelled`,
        type: 'approval-decided',
        message: `Approval cancelled: ${APPROVAL_CANCELLED_REASON}`,
      });
      return yield* finish(level, { outcome: 'cancelled', reason: APPROVAL_CANCELLED_REASON });
    }
    const parsed = approvalDecisionEventSchema.safeParse(waited.payload);
    // The actions API and the link pages validate what they raise; anything else is ignored, not fatal.
    if (!parsed.success || decisions.some((d) => d.approver === parsed.data.approver)) {
      continue;
    }
    const decision = parsed.data;
    decisions.push(decision);
    const who = decision.name ?? decision.approver;
    const verb = decision.decision === 'approve' ? 'approved' : 'rejected';
    const entry = {
      id: `${round}-decision-${decisions.length}`,
      type: 'approval-decision',
      actor: who,
      message: `${who} ${verb} via ${decision.channel}${decision.comment ? `: ${decision.comment}` : ''}`,
    };
    const rejections = decisions.filter((d) => d.decision === 'reject');
    if (rejections.length >= (input.rejectionsToReject ?? 1)) {
      yield* record('rejected', entry);
      const rejecters = rejections.map((d) => d.name ?? d.approver).join(', ');
      return yield* finish(level, { outcome: 'rejected', reason: `rejected by ${rejecters}` });
    }
    const approvals = decisions.filter((d) => d.decision === 'approve');
    if (decision.decision === 'approve' && approvals.length >= input.quorum) {
      yield* record('approved', entry);
      const approvers = approvals.map((d) => d.name ?? d.approver).join(', ');
      return yield* finish(level, {
        outcome: 'approved',
        reason: `approved by ${approvers} (${approvals.length} of ${input.quorum} needed)`,
      });
    }
    yield* record('pending', entry);
  }
}

/** The fresh readiness check; a failed check is shown as unknown and never stops the approval. */
function* assessReadiness(
  context: df.OrchestrationContext,
  incidentId: string,
): Generator<df.Task, ReadinessSnapshot, unknown> {
  try {
    return yield* callActivity(context, assessReadinessActivity, { incidentId });
  } catch (err) {
    return {
      state: 'unknown',
      reasons: [`readiness could not be checked: ${err instanceof Error ? err.message : String(err)}`],
      evaluatedAt: context.df.currentUtcDateTime.toISOString(),
      secondary: 'the secondary',
    };
  }
}

function readinessWords(readiness: ReadinessSnapshot): string {
  const state = `secondary ${readiness.secondary} ${readiness.state}`;
  const why = readiness.reasons.length > 0 ? ` (${readiness.reasons.join('; ')})` : '';
  return `${state}${why}${readiness.rpoExposure ? `; ${readiness.rpoExposure.text}` : ''}`;
}

/**
 * Starts the notification without waiting for it: the sub-orchestration is scheduled by racing it with a
 * timer that is already due, and its completion (which nobody awaits) changes nothing here.
 */
function* startNotification(
  context: df.OrchestrationContext,
  notification: ApprovalNotification,
): Generator<df.Task, void, unknown> {
  const send = context.df.callSubOrchestrator(
    APPROVAL_NOTIFICATIONS_ORCHESTRATION,
    notification,
    approvalNotificationsInstanceId(notification),
  );
  const due = context.df.createTimer(context.df.currentUtcDateTime);
  if ((yield context.df.Task.any([send, due])) === send) {
    due.cancel();
  }
}
