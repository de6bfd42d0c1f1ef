// The end of an approval round as one notification: the same email to every recipient with an address,
// and a card for the Teams channel. It carries no links.
import type { Notification } from '../../ports/NotificationChannel';
import { emailEachAddress } from './emailEachAddress';
import { parseFacts } from './parseFacts';
import { approvalDecidedFactsSchema, type ApprovalDecidedFacts } from './ApprovalDecidedFacts';
import type { MessageTemplates } from './MessageTemplates';
import { approvalDecidedNotificationId } from './notificationId';
import { renderApprovalDecided } from './renderApprovalDecided';
import { teamsMessage } from './TeamsMessage';

/** Throws ValidationError for facts that do not fit `approvalDecidedFactsSchema`. */
export function buildApprovalDecidedNotification(
  facts: ApprovalDecidedFacts,
  templates: MessageTemplates,
): Notification {
  const valid = parseFacts(approvalDecidedFactsSchema, facts, 'Approval decided');
  const rendered = renderApprovalDecided(valid, templates);
  const emails = emailEachAddress(valid.recipients, rendered.email);
  return {
    id: approvalDecidedNotificationId(valid.incidentId, valid.round),
    kind: 'approval-decided',
    incidentId: valid.incidentId,
    emails,
    card: teamsMessage(rendered.card),
    links: [],
  };
}
