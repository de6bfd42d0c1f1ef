// The approval request as one notification: the Teams card, one email per approver with an address
// (only their own links in it), and every link for the outbox to print.
import type { ApprovalLinkLine, Notification, OutgoingEmail } from '../../ports/NotificationChannel';
import { parseFacts } from './parseFacts';
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
  const valid = parseFacts(approvalRequestFactsSchema, facts, 'Approval request');
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
