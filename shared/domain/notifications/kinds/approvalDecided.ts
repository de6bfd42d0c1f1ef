// Approval decided: what everyone asked for a decision is told once the approval round is over, and how,
// so approvers who did not decide know they need not (and their links no longer count). The same email to
// each recipient and one card for the Teams channel; it carries no links.
import { approvalSubjectView, type ApprovalSubjectView } from '../base/approvalSubject';
import { z } from 'zod';
import { APPROVAL_OUTCOMES, type ApprovalOutcome } from '../../contracts/approvalContracts';
import { linkUrlSchema, notificationRecipientSchema, notificationSafeIdSchema } from '../base/factFields';
import { incidentHeaderView, type IncidentHeaderView } from '../base/messageHeader';
import { defineBroadcastKind, type BroadcastKind, type BuildNotification } from '../base/MessageKind';

export const approvalDecidedFactsSchema = z.object({
  incidentId: notificationSafeIdSchema,
  workloadName: z.string().min(1),
  /** The approval round that was decided; it keeps failover and failback notifications apart. */
  round: z.number().int().positive(),
  outcome: z.enum(APPROVAL_OUTCOMES),
  /** The approval gate's reason, in words ("quorum of 2 reached"). */
  reason: z.string(),
  /** Display name of whoever decided; absent when a policy or the clock did. */
  decidedBy: z.string().min(1).optional(),
  statusUrl: linkUrlSchema.optional(),
  recipients: z.array(notificationRecipientSchema),
});
export type ApprovalDecidedFacts = z.infer<typeof approvalDecidedFactsSchema>;

export interface ApprovalDecidedView extends ApprovalSubjectView, IncidentHeaderView {
  readonly outcome: ApprovalOutcome['outcome'];
  /** `Approved`, `Rejected`, `Expired`, `Approved by policy`, `Cancelled`: for subjects and titles. */
  readonly outcomeTitle: string;
  /** `approved by Alice Example`, `approved automatically by the workload's policy`... */
  readonly outcomeText: string;
  /** True when failover goes ahead. */
  readonly proceeds: boolean;
  readonly reason: string;
  readonly hasReason: boolean;
  readonly hasDecidedBy: boolean;
  readonly decidedBy: string;
}

export function approvalDecidedView(facts: ApprovalDecidedFacts): ApprovalDecidedView {
  const by = facts.decidedBy === undefined ? '' : ` by ${facts.decidedBy}`;
  const wording = OUTCOME_WORDING[facts.outcome];
  return {
    ...incidentHeaderView(facts),
    ...approvalSubjectView(facts.round),
    outcome: facts.outcome,
    outcomeTitle: wording.title,
    outcomeText: wording.text(by),
    proceeds: facts.outcome === 'approved' || facts.outcome === 'auto-approved',
    reason: facts.reason,
    hasReason: facts.reason.trim() !== '',
    hasDecidedBy: facts.decidedBy !== undefined,
    decidedBy: facts.decidedBy ?? '',
  };
}

const OUTCOME_WORDING: Readonly<
  Record<ApprovalOutcome['outcome'], { readonly title: string; readonly text: (by: string) => string }>
> = {
  approved: { title: 'Approved', text: (by) => `approved${by}` },
  rejected: { title: 'Rejected', text: (by) => `rejected${by}` },
  expired: { title: 'Expired', text: () => 'not decided before the deadline' },
  'auto-approved': {
    title: 'Approved by policy',
    text: () => "approved automatically by the workload's policy",
  },
  cancelled: { title: 'Cancelled', text: (by) => `cancelled${by}` },
};

/** `approval-decided.orders-api-20261122-031205.r1`: one per approval round. */
export function approvalDecidedNotificationId(incidentId: string, round: number): string {
  return `approval-decided.${incidentId}.r${round}`;
}

export const approvalDecided: BroadcastKind<ApprovalDecidedFacts, ApprovalDecidedView> = defineBroadcastKind({
  kind: 'approval-decided',
  title: 'Approval decided',
  factsSchema: approvalDecidedFactsSchema,
  view: approvalDecidedView,
  notificationId: (facts) => approvalDecidedNotificationId(facts.incidentId, facts.round),
});

/** Throws ValidationError for facts that do not fit `approvalDecidedFactsSchema`. */
export const buildApprovalDecidedNotification: BuildNotification<ApprovalDecidedFacts> =
  approvalDecided.build;

/** The email every recipient gets and the card, for facts already valid (previews and tests). */
export const renderApprovalDecided = approvalDecided.render;
