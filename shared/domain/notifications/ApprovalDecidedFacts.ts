// What everyone asked for a decision is told once the approval round is over, so approvers who did not
// decide know they need not (and their links no longer count).
import { z } from 'zod';
import { APPROVAL_OUTCOMES } from '../contracts/approvalContracts';
import { linkUrlSchema, notificationSafeIdSchema } from './ApprovalRequestFacts';

export const notificationRecipientSchema = z.object({
  name: z.string().trim().min(1),
  email: z.email().optional(),
  teamsUpn: z.email().optional(),
});
export type NotificationRecipient = z.infer<typeof notificationRecipientSchema>;

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
