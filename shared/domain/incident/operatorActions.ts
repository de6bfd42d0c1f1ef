// Which operator action fits which incident state, who may take it, and what it does to the orchestrations.
import type { Role } from '../auth/Role';
import type { Incident } from './Incident';
import { isTerminal, type IncidentStatus } from './IncidentStatus';

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

/** Statuses in which the runbook stage would take the action; that stage is not part of this build. */
const RUNBOOK_ACTION_STATUSES: Readonly<Partial<Record<OperatorAction, readonly IncidentStatus[]>>> = {
  'confirm-step': ['failing-over'],
  'retry-step': ['paused'],
  'skip-step': ['paused'],
  pause: ['failing-over'],
  resume: ['paused'],
  failback: ['recovered'],
};

export type ActionPlan =
  | { readonly kind: 'decide'; readonly decision: 'approve' | 'reject' }
  | { readonly kind: 'abort' }
  | { readonly kind: 'conflict'; readonly reason: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

export function isOperatorAction(value: string): value is OperatorAction {
  return (OPERATOR_ACTIONS as readonly string[]).includes(value);
}

/** Decides what `action` by `actor` means for the incident as it is now. */
export function planOperatorAction(incident: Incident, action: OperatorAction, actor: string): ActionPlan {
  const status = incident.status;
  switch (action) {
    case 'approve':
    case 'reject': {
      if (status !== 'awaiting-approval' || incident.approval?.status !== 'pending') {
        return {
          kind: 'conflict',
          reason: `Incident is ${status}; approval is ${incident.approval?.status ?? 'not requested'}.`,
        };
      }
      if (incident.approval.decisions.some((d) => d.approver === actor)) {
        return { kind: 'conflict', reason: `${actor} has already decided on this approval.` };
      }
      return { kind: 'decide', decision: action };
    }
    case 'abort':
      return isTerminal(status)
        ? { kind: 'conflict', reason: `Incident is already ${status}.` }
        : { kind: 'abort' };
    default: {
      const fits = RUNBOOK_ACTION_STATUSES[action] ?? [];
      return fits.includes(status)
        ? {
            kind: 'unavailable',
            reason: `${action} is taken by the runbook stage, which this build does not have yet.`,
          }
        : {
            kind: 'conflict',
            reason: `${action} does not apply while the incident is ${status} (it applies when ${fits.join(' or ')}).`,
          };
    }
  }
}
