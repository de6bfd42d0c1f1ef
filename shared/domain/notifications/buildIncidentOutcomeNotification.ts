// The end of a failover as one notification: the same email to every recipient with an address, and a
// card for the Teams channel. It carries no links to act on.
import type { Notification } from '../../ports/NotificationChannel';
import { emailEachAddress } from './emailEachAddress';
import { parseFacts } from './parseFacts';
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
  const valid = parseFacts(incidentOutcomeFactsSchema, facts, 'Incident outcome');
  const rendered = renderIncidentOutcome(valid, templates);
  const emails = emailEachAddress(valid.recipients, rendered.email);
  return {
    id: incidentOutcomeNotificationId(valid.incidentId),
    kind: 'incident-outcome',
    incidentId: valid.incidentId,
    emails,
    card: teamsMessage(rendered.card),
    links: [],
  };
}
