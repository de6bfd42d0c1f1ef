// The approval request as one notification: the Teams card, one email per approver with an address
// (only their own links in it), and every link for the outbox to print.
import { ValidationError } from '../../errors';
import type { ApprovalLinkLine, Notification, OutgoingEmail } from '../../ports/NotificationChannel';
import { formatZodIssues } from '../validation/formatZodIssues';
import { approvalRequestFactsSchema, type ApprovalRequestFacts } from './ApprovalRequestFacts';
import type { MessageTemplates } from './MessageTemplates';
import { approvalRequestNotificationId } from './notificationId';
import { renderApprovalRequestCard } from './renderApprovalRequestCard';
import { renderApprovalRequestEmail } from './renderApprovalRequestEmail';
import { teamsMessage } from './TeamsMessage';

/** Throws ValidationError for facts that do not fit `approvalRequestFactsSchema` (a non-http link...). */
export function buildApprovalRequestNotification(
  facts: ApprovalRequestFacts,
  templates: MessageTemplates,
): Notification {
  const parsed = approvalRequestFactsSchema.safeParse(facts);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues);
    // The details go into the message too: an activity's failure keeps only the message.
    throw new ValidationError(
      `Approval request facts are invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const valid = parsed.data;
  const emails: OutgoingEmail[] = [];
  const mailed = new Set<string>();
  for (const approver of valid.approvers) {
    // One person listed twice (two roles) gets one email: a second would repeat its Message-ID.
    if (approver.email === undefined || mailed.has(approver.email.toLowerCase())) {
      continue;
    }
    mailed.add(approver.email.toLowerCase());
    emails.push({ to: approver.email, ...renderApprovalRequestEmail(valid, approver, templates) });
  }
  const links = valid.approvers.flatMap((approver): ApprovalLinkLine[] => [
    { approver: approver.name, decision: 'approve', url: approver.approveUrl },
    { approver: approver.name, decision: 'reject', url: approver.rejectUrl },
  ]);
  return {
    id: approvalRequestNotificationId(valid.incidentId, valid.round, valid.level),
    kind: 'approval-request',
    incidentId: valid.incidentId,
    emails,
    card: teamsMessage(renderApprovalRequestCard(valid, templates)),
    links,
  };
}
