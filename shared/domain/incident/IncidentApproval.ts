// The approval an activation needs: its status, the quorum the workload's policy asks for, and the decisions so far.
import { z } from 'zod';

const utcInstant = z.iso.datetime({ precision: 3 });

export const APPROVAL_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'auto-approved',
  'cancelled',
] as const;
export const approvalStatusSchema = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

export const approvalDecisionSchema = z.object({
  /**
   * Who decided, as one id per person: the contact key (email) from the workload's contact matrix when
   * known, so one person deciding by link and by API counts once; otherwise the operator identity's name.
   */
  approver: z.string().min(1),
  /** The display name, when `approver` is a contact key. */
  name: z.string().min(1).optional(),
  decision: z.enum(['approve', 'reject']),
  /** How the decision arrived: `teams`, `email`, `api`... */
  channel: z.string().min(1),
  at: utcInstant,
  comment: z.string().optional(),
});
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

export const approvalQuorumSchema = z.object({
  required: z.number().int().nonnegative(),
  approvals: z.number().int().nonnegative(),
  rejections: z.number().int().nonnegative(),
});
export type ApprovalQuorum = z.infer<typeof approvalQuorumSchema>;

export const incidentApprovalSchema = z.object({
  /** The approval round (`approvalInstanceId`); links of another round are superseded. */
  round: z.number().int().positive().optional(),
  status: approvalStatusSchema,
  quorum: approvalQuorumSchema,
  decisions: z.array(approvalDecisionSchema),
});
export type IncidentApproval = z.infer<typeof incidentApprovalSchema>;
