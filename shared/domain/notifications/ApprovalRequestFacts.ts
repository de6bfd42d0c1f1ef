// What an approver is told when Lifeboat asks for a DR activation decision: the same facts go into the
// Teams card and into every approver's email, each approver with their own signed links.
import { z } from 'zod';
import { severitySchema } from '../alerts/Severity';
import { tierSchema } from '../catalog/Tier';

/**
 * Ids end up in file names (the outbox), Message-IDs and notification ids, so they are restricted to
 * characters that are safe in all three. Incident ids (`orders-api-20261122-031205`) fit.
 */
export const notificationSafeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/, 'Expected letters, digits, "-" or "_" (at most 200)');

/** Links are only ever http(s): a `javascript:` or `data:` URL in an href would run in a mail client. */
// Any host: links point at 127.0.0.1 locally and at private names inside company networks.
export const linkUrlSchema = z.url({ protocol: /^https?$/, error: 'Expected an absolute http(s) URL' });

const utcInstant = z.iso.datetime({ offset: true });

export const approverLinksSchema = z.object({
  name: z.string().trim().min(1),
  /** Gets one email with only this approver's links. */
  email: z.email().optional(),
  /** Mentioned on the Teams card. */
  teamsUpn: z.email().optional(),
  approveUrl: linkUrlSchema,
  rejectUrl: linkUrlSchema,
});
export type ApproverLinks = z.infer<typeof approverLinksSchema>;

export const recentAlertSchema = z.object({
  /** From the monitoring system: untrusted text, shown literally and never as markup. */
  summary: z.string(),
  severity: severitySchema.optional(),
  condition: z.enum(['fired', 'resolved']),
  at: utcInstant,
});
export type RecentAlert = z.infer<typeof recentAlertSchema>;

export const approvalRequestFactsSchema = z.object({
  incidentId: notificationSafeIdSchema,
  workloadId: z.string().min(1),
  workloadName: z.string().min(1),
  tier: tierSchema,
  severity: severitySchema.optional(),
  /** The RTO clock when the request is sent; `remainingSeconds` may be negative (already exceeded). */
  rto: z.object({
    targetSeconds: z.number().int().positive(),
    remainingSeconds: z.number().int(),
  }),
  /** Why the activation criteria matched, already in words. */
  reasons: z.array(z.string()),
  recentAlerts: z.array(recentAlertSchema),
  /** The approval round (`approvalInstanceId`). */
  round: z.number().int().positive(),
  /** Escalation level: 1 = the first approvers, 2 = the first escalation... */
  level: z.number().int().positive(),
  /** The roles asked at this level, e.g. `approver`, `deputy`. */
  levelRoles: z.array(z.string().min(1)),
  quorum: z.object({
    required: z.number().int().positive(),
    approvals: z.number().int().nonnegative(),
  }),
  /** When the request expires. */
  deadline: utcInstant,
  /** `GET /api/incidents/{id}`, for operators. */
  statusUrl: linkUrlSchema.optional(),
  /** Everyone asked at this level, each with their own links. */
  approvers: z.array(approverLinksSchema).min(1),
});
export type ApprovalRequestFacts = z.infer<typeof approvalRequestFactsSchema>;
