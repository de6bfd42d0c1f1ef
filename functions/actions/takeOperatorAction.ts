// One operator action, whichever way it came in (the actions API, the console's buttons): plan it against the
// incident as it is now, then carry it out through applyOperatorAction. Callers check the role and map the
// outcome to their answer (JSON or a page).
import type { InvocationContext } from '@azure/functions';
import { container } from '../../shared/container';
import { approverOf } from '../../shared/domain/approval/approverOf';
import type { Identity } from '../../shared/domain/auth/Identity';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import type { Incident } from '../../shared/domain/incident/Incident';
import { whenPauseTakesEffect } from '../../shared/domain/incident/pauseRequest';
import { hasRole } from '../../shared/domain/auth/Role';
import { rollbackRole } from '../../shared/domain/catalog/compileFailbackPolicy';
import {
  actionRole,
  isStepAction,
  planOperatorAction,
  STEP_ACTIONS,
  type OperatorAction,
} from '../../shared/domain/incident/operatorActions';
import { ConflictError, type ValidationIssue } from '../../shared/errors';
import { applyOperatorAction } from './applyOperatorAction';

export interface OperatorActionRequest {
  readonly incidentId: string;
  readonly action: OperatorAction;
  readonly identity: Identity;
  readonly comment?: string;
  readonly stepId?: string;
  /** Where the action came from, recorded with approval decisions: `api` (default) or `console`. */
  readonly channel?: string;
}

export type OperatorActionOutcome =
  | {
      readonly kind: 'accepted';
      readonly incident: Incident;
      readonly actor: string;
      /** What the caller should know about when it takes effect (pause waits for the step boundary). */
      readonly note?: string;
    }
  | { readonly kind: 'invalid'; readonly message: string; readonly details: readonly ValidationIssue[] }
  | { readonly kind: 'not_found'; readonly message: string }
  /** The workload's policy asks for a role the identity lacks (rollback: operator or approver). */
  | { readonly kind: 'forbidden'; readonly message: string }
  | { readonly kind: 'conflict' | 'unavailable'; readonly message: string; readonly incident: Incident };

export async function takeOperatorAction(
  context: InvocationContext,
  request: OperatorActionRequest,
): Promise<OperatorActionOutcome> {
  const { action, incidentId } = request;
  if (request.stepId !== undefined && !isStepAction(action)) {
    return {
      kind: 'invalid',
      message: `stepId applies to ${STEP_ACTIONS.join(', ')}, not ${action}.`,
      details: [{ path: 'stepId', message: 'Not expected for this action' }],
    };
  }
  const incident = await container().incidentStore().get(incidentId);
  if (incident === undefined) {
    return { kind: 'not_found', message: `No incident '${incidentId}'.` };
  }
  const actor = request.identity.name;
  // Approvers decide as their contact in the workload's matrix when they are one (links carry that id).
  const workload = findWorkload(container().catalog(), incident.workloadId);
  const approver = approverOf(request.identity, workload?.contacts ?? {});
  const role = actionRole(action, rollbackRole(workload));
  if (!hasRole(request.identity, role)) {
    return {
      kind: 'forbidden',
      message: `${action} on ${incident.workloadId} needs the ${role} role (its policy); you hold ${request.identity.roles.join(', ') || 'none'}.`,
    };
  }
  const plan = planOperatorAction(
    incident,
    action,
    action === 'approve' || action === 'reject' ? approver.approver : actor,
    request.stepId,
    { failbackRunbook: workload?.runbooks.failback },
  );
  if (plan.kind === 'conflict' || plan.kind === 'unavailable') {
    return { kind: plan.kind, message: plan.reason, incident };
  }
  try {
    await applyOperatorAction(context, {
      incident,
      plan,
      actor,
      approver,
      at: container().now().toISOString(),
      ...(request.comment ? { comment: request.comment } : {}),
      ...(request.channel ? { channel: request.channel } : {}),
    });
  } catch (err) {
    if (err instanceof ConflictError) return { kind: 'conflict', message: err.message, incident };
    throw err;
  }
  const note = action === 'pause' ? `Pause requested; ${whenPauseTakesEffect(incident)}.` : undefined;
  return { kind: 'accepted', incident, actor, ...(note ? { note } : {}) };
}
