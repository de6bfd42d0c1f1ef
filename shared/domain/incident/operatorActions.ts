// Which operator action fits which incident state, who may take it, and what it does to the orchestrations.
import type { Role } from '../auth/Role';
import { describeRollbackCoverage, failoverSteps, rollbackCoverage } from './followUp';
import type { Incident } from './Incident';
import { pausedStepIds } from './IncidentRunbook';
import { FOLLOW_UP_START, isTerminal, type FollowUpPhase, type IncidentStatus } from './IncidentStatus';

export const OPERATOR_ACTIONS = [
  'approve',
  'reject',
  'confirm-step',
  'retry-step',
  'skip-step',
  'pause',
  'resume',
  'abort',
  'failback',
  'rollback',
] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

export const ACTION_ROLES: Readonly<Record<OperatorAction, Role>> = {
  approve: 'approver',
  reject: 'approver',
  'confirm-step': 'operator',
  'retry-step': 'operator',
  'skip-step': 'operator',
  pause: 'operator',
  resume: 'operator',
  abort: 'operator',
  failback: 'operator',
  // The workload's policy says which role (operator by default, or approver): checked with the incident in
  // hand (actionRole); the route only asks for a signed-in identity.
  rollback: 'viewer',
};

/** The role `action` needs on an incident of a workload whose rollback policy asks for `rollbackRole`. */
export function actionRole(action: OperatorAction, rollbackRole: Role): Role {
  return action === 'rollback' ? rollbackRole : ACTION_ROLES[action];
}

/** The statuses a runbook runs in, one per direction; `paused` is a state of each. */
const RUNNING_STATUSES: readonly IncidentStatus[] = ['failing-over', 'failing-back', 'rolling-back'];
const APPROVAL_STATUSES: readonly IncidentStatus[] = ['awaiting-approval', 'awaiting-failback-approval'];

/** What the catalog says about the incident's workload that the plan depends on. */
export interface PlanFacts {
  /** The workload's failback runbook id; undefined: it has none (or the workload left the catalog). */
  readonly failbackRunbook?: string | undefined;
}

/** The actions about one step: the body may name it (`stepId`), otherwise the current one is meant. */
export const STEP_ACTIONS = [
  'confirm-step',
  'retry-step',
  'skip-step',
] as const satisfies readonly OperatorAction[];
/** The actions the runbook orchestration takes (abort goes to the incident, which passes it on). */
export const RUNBOOK_ACTIONS = [
  ...STEP_ACTIONS,
  'pause',
  'resume',
] as const satisfies readonly OperatorAction[];
export type RunbookAction = (typeof RUNBOOK_ACTIONS)[number];

export type ActionPlan =
  | { readonly kind: 'decide'; readonly decision: 'approve' | 'reject' }
  | { readonly kind: 'abort' }
  | { readonly kind: 'runbook'; readonly action: RunbookAction; readonly stepId?: string }
  /**
   * A follow-up phase to record and start (followUp.ts); `repeat`: it is already recorded, and only needs
   * its orchestration to run (starting it again is idempotent).
   */
  | { readonly kind: 'follow-up'; readonly phase: FollowUpPhase; readonly repeat: boolean }
  | { readonly kind: 'conflict'; readonly reason: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

export function isOperatorAction(value: string): value is OperatorAction {
  return (OPERATOR_ACTIONS as readonly string[]).includes(value);
}

export function isStepAction(action: OperatorAction): boolean {
  return (STEP_ACTIONS as readonly string[]).includes(action);
}

/** Decides what `action` by `actor` (about step `stepId`, if named) means for the incident as it is now. */
export function planOperatorAction(
  incident: Incident,
  action: OperatorAction,
  actor: string,
  stepId?: string,
  facts: PlanFacts = {},
): ActionPlan {
  const status = incident.status;
  const conflict = (reason: string): ActionPlan => ({ kind: 'conflict', reason });
  switch (action) {
    case 'approve':
    case 'reject': {
      if (APPROVAL_STATUSES.includes(status) && incident.approval === undefined) {
        // The incident has moved on and its approval gate is starting: it records the request a moment later.
        return conflict('The approval is being requested; try again in a moment.');
      }
      if (!APPROVAL_STATUSES.includes(status) || incident.approval?.status !== 'pending') {
        return conflict(
          `Incident is ${status}; approval is ${incident.approval?.status ?? 'not requested'}.`,
        );
      }
      if (incident.approval.decisions.some((d) => d.approver === actor)) {
        return conflict(`${actor} has already decided on this approval.`);
      }
      return { kind: 'decide', decision: action };
    }
    case 'abort':
      return isTerminal(status) ? conflict(`Incident is already ${status}.`) : { kind: 'abort' };
    case 'confirm-step': {
      // Several at once only in parallel branches, where one branch may be paused while another waits.
      const waiting = incident.steps.filter((s) => s.status === 'waiting').map((s) => s.id);
      if ((!RUNNING_STATUSES.includes(status) && status !== 'paused') || waiting.length === 0) {
        return conflict(`No step is waiting for confirmation (incident is ${status}).`);
      }
      return oneOf(waiting, stepId, action);
    }
    case 'retry-step':
    case 'skip-step': {
      const paused = incident.runbook?.paused;
      const failed = pausedStepIds(paused);
      if (status !== 'paused' || failed.length === 0) {
        return conflict(
          `${action} applies when the runbook is paused on a failed step (incident is ${status}${paused ? `, paused by ${paused.actor ?? 'an operator'}: use resume` : ''}).`,
        );
      }
      return oneOf(failed, stepId, action);
    }
    case 'pause':
      if (!RUNNING_STATUSES.includes(status)) {
        return conflict(`pause applies while the runbook runs (incident is ${status}).`);
      }
      if (incident.runbook === undefined) {
        return conflict('The runbook has not started yet; try again in a moment.');
      }
      return { kind: 'runbook', action };
    case 'resume':
      if (status !== 'paused' || incident.runbook?.paused?.reason !== 'operator') {
        return conflict(
          status === 'paused'
            ? 'The runbook is paused on a failed step: use retry-step or skip-step.'
            : `resume applies to a runbook an operator paused (incident is ${status}).`,
        );
      }
      return { kind: 'runbook', action };
    case 'failback':
      return planFailback(incident, facts);
    case 'rollback':
      return planRollback(incident);
  }
}

/** A repeat of the request that started the phase now running: admitted, it changes nothing. */
function repeatOf(incident: Incident, phase: FollowUpPhase): ActionPlan | undefined {
  const followUp = incident.followUp;
  if (followUp?.phase !== phase) return undefined;
  return followUp.outcome === undefined
    ? { kind: 'follow-up', phase, repeat: true }
    : { kind: 'conflict', reason: `The ${phase} has ended: incident is ${incident.status}.` };
}

function planFailback(incident: Incident, facts: PlanFacts): ActionPlan {
  const repeat = repeatOf(incident, 'failback');
  if (repeat) return repeat;
  if (!startsFrom('failback', incident.status) || incident.followUp !== undefined) {
    return {
      kind: 'conflict',
      reason: `failback applies to a recovered incident (incident is ${incident.status}).`,
    };
  }
  if (facts.failbackRunbook === undefined) {
    return {
      kind: 'conflict',
      reason: `Workload ${incident.workloadId} has no failback runbook (runbooks.failback in its catalog file): fail it back by hand, or add one.`,
    };
  }
  return { kind: 'follow-up', phase: 'failback', repeat: false };
}

function planRollback(incident: Incident): ActionPlan {
  const repeat = repeatOf(incident, 'rollback');
  if (repeat) return repeat;
  if (!startsFrom('rollback', incident.status) || incident.followUp !== undefined || !incident.activatedAt) {
    return {
      kind: 'conflict',
      reason: `rollback applies to a failover that failed or was aborted after it started (incident is ${incident.status}${incident.activatedAt ? '' : ', and no failover ran'}).`,
    };
  }
  const coverage = rollbackCoverage(failoverSteps(incident));
  if (coverage.undoable.length === 0) {
    return {
      kind: 'conflict',
      reason: `Nothing to roll back: ${describeRollbackCoverage(coverage) ?? 'no step of the failover completed'}.`,
    };
  }
  return { kind: 'follow-up', phase: 'rollback', repeat: false };
}

function startsFrom(phase: FollowUpPhase, status: IncidentStatus): boolean {
  return (FOLLOW_UP_START[phase].from as readonly IncidentStatus[]).includes(status);
}

/** The step a step action is for: the one named, which must be among `current`, or the only one there is. */
function oneOf(current: readonly string[], named: string | undefined, action: RunbookAction): ActionPlan {
  const [only] = current;
  if (named === undefined && current.length > 1) {
    return {
      kind: 'conflict',
      reason: `Steps ${current.join(', ')} are all waiting for ${action}: name one (stepId).`,
    };
  }
  if (named !== undefined && current.length > 1) {
    return current.includes(named)
      ? { kind: 'runbook', action, stepId: named }
      : {
          kind: 'conflict',
          reason: `Step ${named} is not a step this action applies to now (${current.join(', ')} are).`,
        };
  }
  const step = only ?? '';
  return sameStep(step, named) ?? { kind: 'runbook', action, stepId: step };
}

function sameStep(current: string, named: string | undefined): ActionPlan | undefined {
  return named === undefined || named === current
    ? undefined
    : {
        kind: 'conflict',
        reason: `Step ${named} is not the step this action applies to now (${current} is).`,
      };
}
