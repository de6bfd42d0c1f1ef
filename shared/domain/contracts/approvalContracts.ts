// The approval gate's stable contract: a sub-orchestration that collects decisions until a quorum, a
// rejection, a cancellation or its deadline. Used by the incident lifecycle (and later by failback).
import { z } from 'zod';
import { FINAL_TIMEOUT_OUTCOMES } from '../catalog/EffectivePolicy';
import {
  approvalDecisionSchema,
  incidentApprovalSchema,
  type ApprovalDecision,
} from '../incident/IncidentApproval';
import { activityContract } from './ActivityContract';

export const APPROVAL_ORCHESTRATION = 'approval';

/** The failover's approval; later rounds (failback) will count up from it. */
export const FIRST_APPROVAL_ROUND = 1;

/** One round per approval asked of an incident; the child instance id is derived from it. */
export function approvalInstanceId(incidentId: string, round: number): string {
  return `${incidentId}:approval:${round}`;
}

export const approvalInputSchema = z.object({
  incidentId: z.string().min(1),
  round: z.number().int().positive(),
  quorum: z.number().int().positive(),
  approverRoles: z.array(z.string()),
  deadlineSeconds: z.number().int().positive(),
  finalTimeoutOutcome: z.enum(FINAL_TIMEOUT_OUTCOMES),
});
export type ApprovalInput = z.infer<typeof approvalInputSchema>;

export const APPROVAL_OUTCOMES = ['approved', 'rejected', 'expired', 'auto-approved', 'cancelled'] as const;
export const approvalOutcomeSchema = z.object({
  outcome: z.enum(APPROVAL_OUTCOMES),
  reason: z.string(),
});
export type ApprovalOutcome = z.infer<typeof approvalOutcomeSchema>;

/** Raised to the approval instance by the operator actions API (and, later, the signed-link pages). */
export const APPROVAL_DECISION_EVENT = 'approval-decision';
export const approvalDecisionEventSchema = approvalDecisionSchema;
export type ApprovalDecisionEvent = ApprovalDecision;

/** Raised to the approval instance when the incident is aborted while approval is pending. */
export const APPROVAL_CANCEL_EVENT = 'approval-cancel';

export {
  incidentApprovalSchema as approvalStateSchema,
  type IncidentApproval as ApprovalState,
} from '../incident/IncidentApproval';

export const recordApprovalActivity = activityContract(
  'recordApproval',
  z.object({
    incidentId: z.string().min(1),
    approval: incidentApprovalSchema,
    /** Deterministic timeline entry id and text for what changed. */
    entry: z.object({
      id: z.string().min(1),
      type: z.string().min(1),
      message: z.string().min(1),
      actor: z.string().optional(),
    }),
    at: z.iso.datetime({ precision: 3 }),
  }),
  z.object({ recorded: z.boolean() }),
);
