// A progress update of a failover as one notification: the same email to every recipient with an address,
// and a card for the Teams channel. It carries no links to act on.
import type { Notification } from '../../ports/NotificationChannel';
import { emailEachAddress } from './emailEachAddress';
import type { MessageTemplates } from './MessageTemplates';
import { progressUpdateNotificationId } from './notificationId';
import { parseFacts } from './parseFacts';
import { progressUpdateFactsSchema, type ProgressUpdateFacts } from './ProgressUpdateFacts';
import { renderProgressUpdate } from './renderProgressUpdate';
import { teamsMessage } from './TeamsMessage';

/** Throws ValidationError for facts that do not fit `progressUpdateFactsSchema`. */
export function buildProgressUpdateNotification(
  facts: ProgressUpdateFacts,
  templates: MessageTemplates,
): Notification {
  const valid = parseFacts(progressUpdateFactsSchema, facts, 'Progress update');
  const rendered = renderProgressUpdate(valid, templates);
  return {
    id: progressUpdateNotificationId(valid.incidentId, valid.sequence),
    kind: 'progress-update',
    incidentId: valid.incidentId,
    emails: emailEachAddress(valid.recipients, rendered.email),
    card: teamsMessage(rendered.card),
    links: [],
  };
}
