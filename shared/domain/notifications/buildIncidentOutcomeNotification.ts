// The end of a failover as one notification: the same email to every recipient with an address, and a
// card for the Teams channel. It carries no links to act on.
import { ValidationError } from '../../errors';
import type { Notification, OutgoingEmail } from '../../ports/NotificationChannel';
import { formatZodIssues } from '../validation/formatZodIssues';
import { incidentOutcomeFactsSchema, type IncidentOutcomeFacts } from './IncidentOutcomeFacts';
import type { MessageTemplates } from './MessageTemplates';
import { incidentOutcomeNotificationId } from './notificationId';
import { renderIncidentOutcome } from './renderIncidentOutcome';
import { teamsMessage } from './TeamsMessage';

/** Throws ValidationError for facts that do not fit `incidentOutcomeFactsSchema`. */
export function buildIncidentOutcomeNotification(
  facts: IncidentOutcomeFacts,
  templates: MessageTemplates,
): Notification {
  const parsed = incidentOutcomeFactsSchema.safeParse(facts);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues);
    // The details go into the message too: an activity's failure keeps only the message.
    throw new ValidationError(
      `Incident outcome facts are invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const valid = parsed.data;
  const rendered = renderIncidentOutcome(valid, templates);
  // One person listed twice (two roles, any case) gets one email: a second would repeat its Message-ID.
  const addresses = new Map<string, string>();
  for (const recipient of valid.recipients) {
    if (recipient.email !== undefined && !addresses.has(recipient.email.toLowerCase())) {
      addresses.set(recipient.email.toLowerCase(), recipient.email);
    }
  }
  const emails = [...addresses.values()].map((to): OutgoingEmail => ({ to, ...rendered.email }));
  return {
    id: incidentOutcomeNotificationId(valid.incidentId),
    kind: 'incident-outcome',
    incidentId: valid.incidentId,
    emails,
    card: teamsMessage(rendered.card),
    links: [],
  };
}
