// The approval gate: collects decisions from distinct approvers until the quorum approves, someone rejects,
// the incident is aborted, or the deadline passes (then the policy's final-timeout outcome applies).
import type * as df from 'durable-functions';
import {
  APPROVAL_CANCEL_EVENT,
  APPROVAL_DECISION_EVENT,
  approvalDecisionEventSchema,
  approvalInputSchema,
  recordApprovalActivity,
  type ApprovalDecisionEvent,
  type ApprovalOutcome,
  type ApprovalState,
} from '../shared/domain/contracts/approvalContracts';
import { callActivity } from './support/callActivity';
import { secondsAfter, waitForAny } from './support/waitForAny';

export function* approvalOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, ApprovalOutcome, unknown> {
  const input = approvalInputSchema.parse(context.df.getInput());
  const deadline = secondsAfter(context, input.deadlineSeconds);
  const decisions: ApprovalDecisionEvent[] = [];
  const state = (status: ApprovalState['status']): ApprovalState => ({
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

  yield* record('pending', {
    id: `${round}-requested`,
    type: 'approval-requested',
    message: `Approval requested from ${input.approverRoles.join(', ')}: ${input.quorum} approval(s) needed by ${deadline.toISOString()}`,
  });

  for (;;) {
    const waited = yield* waitForAny(context, deadline, [APPROVAL_DECISION_EVENT, APPROVAL_CANCEL_EVENT]);
    if (waited.kind === 'timeout') {
      const autoApprove = input.finalTimeoutOutcome === 'auto-activate';
      const status = autoApprove ? 'auto-approved' : 'expired';
      const reason = autoApprove
        ? 'no quorum by the deadline; the policy activates automatically'
        : 'no quorum by the deadline; the request expired';
      yield* record(status, {
        id: `${round}-${status}`,
        type: 'approval-decided',
        message: `Approval ${status}: ${reason}`,
        actor: 'policy',
      });
      return { outcome: status, reason };
    }
    if (waited.kind === APPROVAL_CANCEL_EVENT) {
      yield* record('cancelled', {
        id: `${round}-cancelled`,
        type: 'approval-decided',
        message: 'Approval cancelled: the incident was aborted',
      });
      return { outcome: 'cancelled', reason: 'the incident was aborted' };
    }
    const parsed = approvalDecisionEventSchema.safeParse(waited.payload);
    // The actions API validates what it raises; anything else reaching here is ignored, not fatal.
    if (!parsed.success || decisions.some((d) => d.approver === parsed.data.approver)) {
      continue;
    }
    const decision = parsed.data;
    decisions.push(decision);
    const verb = decision.decision === 'approve' ? 'approved' : 'rejected';
    const entry = {
      id: `${round}-decision-${decisions.length}`,
      type: 'approval-decision',
      actor: decision.approver,
      message: `${decision.approver} ${verb} via ${decision.channel}${decision.comment ? `: ${decision.comment}` : ''}`,
    };
    if (decision.decision === 'reject') {
      yield* record('rejected', entry);
      return { outcome: 'rejected', reason: `rejected by ${decision.approver}` };
    }
    const approvals = decisions.filter((d) => d.decision === 'approve').length;
    if (approvals >= input.quorum) {
      yield* record('approved', entry);
      const approvers = decisions.map((d) => d.approver).join(', ');
      return {
        outcome: 'approved',
        reason: `approved by ${approvers} (${approvals} of ${input.quorum} needed)`,
      };
    }
    yield* record('pending', entry);
  }
}
