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
import { readinessSnapshotSchema } from './readinessContracts';

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
  /** Rejections from distinct people that reject; absent in older histories (one rejects). */
  rejectionsToReject: z.number().int().positive().optional(),
  approverRoles: z.array(z.string()),
  deadlineSeconds: z.number().int().positive(),
  /**
   * Who is asked, level by level: level 1 the approver roles, then each escalation once the previous
   * level's time ran out without a decision. Everyone asked so far may still decide. Absent in older
   * histories: one level of `approverRoles` until the deadline.
   */
  levels: z
    .array(z.object({ roles: z.array(z.string()).min(1), timeoutSeconds: z.number().int().positive() }))
    .min(1)
    .optional(),
  finalTimeoutOutcome: z.enum(FINAL_TIMEOUT_OUTCOMES),
  /**
   * Check readiness fresh when asking, show it to approvers, and refuse to auto-activate onto a not-ready
   * secondary. Absent in older histories, which ran without it (their replay must not change).
   */
  checkReadiness: z.boolean().optional(),
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

export const NOTIFICATION_CHANNELS = ['email', 'teams'] as const;
export type NotificationChannelName = (typeof NOTIFICATION_CHANNELS)[number];

const approvalLevelsSchema = z
  .array(z.object({ roles: z.array(z.string()).min(1), timeoutSeconds: z.number().int().positive() }))
  .min(1);

/** What to tell: the request to one escalation level, or the outcome to everyone asked so far. */
export const approvalNotificationSchema = z.object({
  incidentId: z.string().min(1),
  round: z.number().int().positive(),
  /** Escalation level 1.. ; for an outcome, the last level asked (everyone up to it hears). */
  level: z.number().int().positive(),
  levels: approvalLevelsSchema,
  quorum: z.number().int().positive(),
  /** When the request expires (the links with it). */
  deadline: z.iso.datetime({ precision: 3 }),
  /** The secondary's readiness and RPO exposure when the request was made (absent in older histories). */
  readiness: readinessSnapshotSchema.optional(),
  message: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('approval-request'),
      /** Why this level is asked instead of an automatic activation (the guard rail), in words. */
      guardRail: z.string().min(1).optional(),
    }),
    z.object({
      kind: z.literal('approval-decided'),
      outcome: z.enum(APPROVAL_OUTCOMES),
      reason: z.string().min(1),
    }),
  ]),
});
export type ApprovalNotification = z.infer<typeof approvalNotificationSchema>;

/**
 * Sends one approval notification through every channel, each retried on its own, and writes a failed
 * channel on the timeline. Started and not awaited by the approval, so a slow or broken channel never
 * delays a decision or the failover that follows it.
 */
export const APPROVAL_NOTIFICATIONS_ORCHESTRATION = 'approvalNotifications';

export function approvalNotificationsInstanceId(notification: ApprovalNotification): string {
  return `${notification.incidentId}:approval:${notification.round}:${notification.message.kind}:${notification.level}`;
}

/**
 * Tells people about the approval through one channel. Safe to run twice: the links are derived
 * deterministically and the message carries a deterministic id.
 */
export const sendApprovalNotificationActivity = activityContract(
  'sendApprovalNotification',
  approvalNotificationSchema.extend({ channel: z.enum(NOTIFICATION_CHANNELS) }),
  z.object({
    /** Where it went: the channel itself, the local outbox (channel not configured), or nowhere (nobody to tell). */
    delivered: z.enum(['email', 'teams', 'outbox', 'skipped']),
    detail: z.string(),
  }),
);

/**
 * Cancels an approval whose incident was aborted while it was pending. The actions API cancels it too,
 * but the approval may not have existed yet when it tried; without this it would go on escalating.
 */
export const cancelApprovalActivity = activityContract(
  'cancelApproval',
  z.object({ instanceId: z.string().min(1) }),
  z.object({ delivered: z.boolean() }),
);
