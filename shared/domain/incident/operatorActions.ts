// Which operator action fits which incident state, who may take it, and what it does to the orchestrations.
import type { Role } from '../auth/Role';
import type { Incident } from './Incident';
import { pausedStepIds } from './IncidentRunbook';
import { isTerminal } from './IncidentStatus';

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
};

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
): ActionPlan {
  const status = incident.status;
  const conflict = (reason: string): ActionPlan => ({ kind: 'conflict', reason });
  switch (action) {
    case 'approve':
    case 'reject': {
      if (status === 'awaiting-approval' && incident.approval === undefined) {
        // The incident has moved on and its approval gate is starting: it records the request a moment later.
        return conflict('The approval is being requested; try again in a moment.');
      }
      if (status !== 'awaiting-approval' || incident.approval?.status !== 'pending') {
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
      if ((status !== 'failing-over' && status !== 'paused') || waiting.length === 0) {
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
      if (status !== 'failing-over') {
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
      return status === 'recovered'
        ? { kind: 'unavailable', reason: 'failback is not part of this build yet.' }
        : conflict(`failback applies to a recovered incident (incident is ${status}).`);
  }
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
