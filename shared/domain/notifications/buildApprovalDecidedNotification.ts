// The end of an approval round as one notification: the same email to every recipient with an address,
// and a card for the Teams channel. It carries no links.
import { ValidationError } from '../../errors';
import type { Notification, OutgoingEmail } from '../../ports/NotificationChannel';
import { formatZodIssues } from '../validation/formatZodIssues';
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
  const parsed = approvalDecidedFactsSchema.safeParse(facts);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues);
    // The details go into the message too: an activity's failure keeps only the message.
    throw new ValidationError(
      `Approval decided facts are invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const valid = parsed.data;
  const rendered = renderApprovalDecided(valid, templates);
  const addresses = new Map<string, string>();
  for (const recipient of valid.recipients) {
    if (recipient.email !== undefined && !addresses.has(recipient.email.toLowerCase())) {
      addresses.set(recipient.email.toLowerCase(), recipient.email);
    }
  }
  const emails = [...addresses.values()].map((to): OutgoingEmail => ({ to, ...rendered.email }));
  return {
    id: approvalDecidedNotificationId(valid.incidentId, valid.round),
    kind: 'approval-decided',
    incidentId: valid.incidentId,
    emails,
    card: teamsMessage(rendered.card),
    links: [],
  };
}
