// Carries out an operator action that planOperatorAction admitted, for every way in (the actions API, the
// console): what must survive is recorded on the incident first, then exactly one orchestration is told.
// - approve / reject: the decision goes to the approval gate (its own record is the approval's state);
// - confirm-step, retry-step, skip-step, pause, resume: the control is recorded in the incident's control log,
//   then raised to the runbook with its `seq` (a runbook that missed the event takes it from the log);
// - abort: the request is recorded on the incident, then the incident orchestration (or the follow-up phase's)
//   is told; it stops what its phase runs (shared/domain/incident/abort.ts);
// - failback, rollback: the follow-up phase is recorded, then its orchestration started (startFollowUpPhase).
import type { InvocationContext } from '@azure/functions';
import { container } from '../../shared/container';
import {
  APPROVAL_DECISION_EVENT,
  approvalInstanceId,
  FIRST_APPROVAL_ROUND,
} from '../../shared/domain/contracts/approvalContracts';
import { OPERATOR_ACTION_EVENT } from '../../shared/domain/contracts/incidentLifecycleContracts';
import { RUNBOOK_CONTROL_EVENT, runbookInstanceId } from '../../shared/domain/contracts/runbookContracts';
import {
  abortRequestedEntry,
  withAbortRequested,
  type AbortRequest,
} from '../../shared/domain/incident/abort';
import type { Incident } from '../../shared/domain/incident/Incident';
import type { ActionPlan } from '../../shared/domain/incident/operatorActions';
import {
  withControlRecorded,
  type RecordedRunbookControl,
} from '../../shared/domain/incident/runbookControlLog';
import { pauseRequestedEntry } from '../../shared/domain/incident/pauseRequest';
import { followUpInstanceId } from '../../shared/domain/incident/followUp';
import { ConflictError } from '../../shared/errors';
import { durableInstanceApi } from '../durable/durableInstanceApi';
import { startFollowUpPhase } from './startFollowUpPhase';

/** An admitted plan: what planOperatorAction returns when the action fits the incident. */
export type AdmittedPlan = Extract<ActionPlan, { kind: 'decide' | 'runbook' | 'abort' | 'follow-up' }>;

export interface ActionRequest {
  readonly incident: Incident;
  readonly plan: AdmittedPlan;
  /** Who acts: the operator's name; for a decision, the approver's contact. */
  readonly actor: string;
  readonly approver: { readonly approver: string; readonly name?: string };
  readonly at: string;
  readonly comment?: string;
  /** How a decision arrived, for the approval's record: `api` (default) or `console`. */
  readonly channel?: string;
}

/**
 * Resolves once the action is recorded and its orchestration told. A ConflictError when the orchestration it
 * is for has already finished (the incident moved on since it was read): nothing was recorded for a decision;
 * a recorded control or abort stays, for the record.
 */
export async function applyOperatorAction(context: InvocationContext, request: ActionRequest): Promise<void> {
  const { incident, plan, at, comment } = request;
  const instances = durableInstanceApi(context);
  const withComment = comment ? { comment } : {};
  switch (plan.kind) {
    case 'decide': {
      // The failover's approval is round 1; a failback's counts up from it (the incident keeps the current one).
      const raised = await instances.raiseEvent(
        approvalInstanceId(incident.id, incident.approval?.round ?? FIRST_APPROVAL_ROUND),
        APPROVAL_DECISION_EVENT,
        {
          ...request.approver,
          decision: plan.decision,
          channel: request.channel ?? 'api',
          at,
          ...withComment,
        },
      );
      if (raised !== 'delivered') {
        throw new ConflictError('The approval has just ended; read the incident again.');
      }
      return;
    }
    case 'runbook': {
      const purpose = incident.runbook?.purpose ?? 'failover';
      const control = await recordControl(incident.id, {
        purpose,
        action: plan.action,
        ...(plan.stepId ? { stepId: plan.stepId } : {}),
        actor: request.actor,
        at,
        ...withComment,
      });
      const { purpose: _purpose, ...event } = control;
      const raised = await instances.raiseEvent(
        runbookInstanceId(incident.id, purpose),
        RUNBOOK_CONTROL_EVENT,
        event,
      );
      if (raised !== 'delivered') {
        throw new ConflictError('The runbook has just ended; read the incident again.');
      }
      return;
    }
    case 'abort': {
      const abort: AbortRequest = { actor: request.actor, at, ...withComment };
      await container()
        .incidentStore()
        .update(
          incident.id,
          (current) => withAbortRequested(current, abort),
          (updated, changed) => {
            if (!changed) return [];
            const entry = abortRequestedEntry(abort);
            // A follow-up's abort is its own entry: the failover may have been aborted before it.
            const phase = updated.followUp;
            return [phase ? { ...entry, id: `${phase.phase}-${phase.seq}-${entry.id}` } : entry];
          },
        );
      // Only the incident (or its follow-up phase) is told: it owns what an abort stops in each phase.
      // Finished: nothing to stop.
      const owner = incident.followUp
        ? followUpInstanceId(incident.id, incident.followUp.phase, incident.followUp.seq)
        : incident.id;
      await instances.raiseEvent(owner, OPERATOR_ACTION_EVENT, { action: 'abort', ...abort });
      return;
    }
    case 'follow-up': {
      await startFollowUpPhase(context, {
        incidentId: incident.id,
        phase: plan.phase,
        actor: request.actor,
        at,
        ...withComment,
      });
      return;
    }
  }
}

async function recordControl(
  incidentId: string,
  request: Parameters<typeof withControlRecorded>[1],
): Promise<RecordedRunbookControl> {
  let recorded: RecordedRunbookControl | undefined;
  await container()
    .incidentStore()
    .update(
      incidentId,
      (current) => {
        const next = withControlRecorded(current, request);
        recorded = next.control;
        return next.incident;
      },
      // A pause waits for the step boundary: until then the timeline says it was asked for, and by whom.
      (updated) => (recorded?.action === 'pause' ? [pauseRequestedEntry(recorded, updated)] : []),
    );
  if (recorded === undefined) {
    throw new Error(`The control for incident '${incidentId}' was not recorded.`);
  }
  return recorded;
}
