// Which action buttons the console shows a user on an incident, and what each says will happen. Only actions
// the user's roles allow and the incident's state admits are shown; the server checks both again on POST.
import type { Identity } from '../../shared/domain/auth/Identity';
import { hasRole } from '../../shared/domain/auth/Role';
import { findWorkload, type Catalog } from '../../shared/domain/catalog/Catalog';
import { approverOf } from '../../shared/domain/approval/approverOf';
import type { Incident } from '../../shared/domain/incident/Incident';
import { rollbackRole } from '../../shared/domain/catalog/compileFailbackPolicy';
import {
  describeRollbackCoverage,
  failoverSteps,
  rollbackCoverage,
} from '../../shared/domain/incident/followUp';
import {
  actionRole,
  OPERATOR_ACTIONS,
  planOperatorAction,
  type OperatorAction,
} from '../../shared/domain/incident/operatorActions';

export interface ConsoleAction {
  readonly action: OperatorAction;
  readonly label: string;
  /** What pressing the button will do, in words, shown before the user confirms. */
  readonly consequence: string;
  readonly stepId?: string;
  readonly danger: boolean;
}

const LABELS: Readonly<Record<OperatorAction, string>> = {
  approve: 'Approve failover',
  reject: 'Reject failover',
  'confirm-step': 'Confirm step',
  'retry-step': 'Retry step',
  'skip-step': 'Skip step',
  pause: 'Pause runbook',
  resume: 'Resume runbook',
  abort: 'Abort incident',
  failback: 'Start failback',
  rollback: 'Roll back failover',
};

export function consoleActions(incident: Incident, identity: Identity, catalog: Catalog): ConsoleAction[] {
  const workload = findWorkload(catalog, incident.workloadId);
  const approver = approverOf(identity, workload?.contacts ?? {}).approver;
  const secondary = workload?.regions.secondary ?? 'the secondary region';
  const actions: ConsoleAction[] = [];
  for (const action of OPERATOR_ACTIONS) {
    if (!hasRole(identity, actionRole(action, rollbackRole(workload)))) continue;
    const plan = planOperatorAction(
      incident,
      action,
      action === 'approve' || action === 'reject' ? approver : identity.name,
      undefined,
      { failbackRunbook: workload?.runbooks.failback },
    );
    if (plan.kind === 'conflict' || plan.kind === 'unavailable') continue;
    // The phase is already running: its button would only repeat the request.
    if (plan.kind === 'follow-up' && plan.repeat) continue;
    const stepId = plan.kind === 'runbook' ? plan.stepId : undefined;
    const step = incident.steps.find((s) => s.id === stepId);
    const stepName = step ? `${step.id} (${step.name})` : (stepId ?? '');
    const quorum = incident.approval?.quorum;
    actions.push({
      action,
      label: LABELS[action],
      consequence: {
        approve: `Records your approval. ${quorum ? `${quorum.approvals + 1} of ${quorum.required} needed` : 'With the quorum reached'}: failover to ${secondary} starts as soon as the quorum is reached.`,
        reject:
          'Records your rejection. With enough rejections the incident ends as rejected and nothing fails over.',
        'confirm-step': `Confirms that step ${stepName} was done by hand; the runbook goes on with the next step.`,
        'retry-step': `Runs the failed step ${stepName} again, as a new round with a new idempotency key.`,
        'skip-step': `Marks the failed step ${stepName} skipped and goes on with the next step; the report lists it as a deviation.`,
        pause: 'Pauses the runbook between steps: the step running now finishes first.',
        resume: 'Continues the runbook with the next step.',
        abort:
          'Stops the incident: no further step runs and a running call is not made again. This cannot be undone.',
        failback: `Starts the failback back from ${secondary}: it waits for the primary to be ready, then asks for approval before any step runs.`,
        rollback: `Runs the rollback steps of the failover's completed steps in reverse order${rollbackNote(incident)}.`,
      }[action],
      ...(stepId ? { stepId } : {}),
      danger: action === 'abort' || action === 'reject' || action === 'skip-step',
    });
  }
  return actions;
}

/** What the rollback will and will not undo, said before anyone presses it. */
function rollbackNote(incident: Incident): string {
  const text = describeRollbackCoverage(rollbackCoverage(failoverSteps(incident)));
  return text ? ` (${text})` : '';
}
