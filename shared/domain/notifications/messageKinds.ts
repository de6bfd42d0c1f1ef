// Every kind of message Lifeboat sends, in one place: a kind is one module in kinds/ registered here, and
// its name is the notification's `kind` and the stem of its template files in templates/messages/.
// Activities build a message by looking its kind up here (buildMessage); the template loader reads one set
// per kind listed here.
import type { z } from 'zod';
import type { Notification } from '../../ports/NotificationChannel';
import type { MessageTemplates } from './base/MessageTemplates';
import { approvalDecided } from './kinds/approvalDecided';
import { approvalRequest } from './kinds/approvalRequest';
import { followUpOutcome } from './kinds/followUpOutcome';
import { incidentOutcome } from './kinds/incidentOutcome';
import { progressUpdate } from './kinds/progressUpdate';
import { readinessChanged } from './kinds/readinessChanged';

export const MESSAGE_KINDS = {
  'approval-request': approvalRequest,
  'approval-decided': approvalDecided,
  'progress-update': progressUpdate,
  'incident-outcome': incidentOutcome,
  'follow-up-outcome': followUpOutcome,
  'readiness-changed': readinessChanged,
} as const;

export type NotificationKind = keyof typeof MESSAGE_KINDS;

/** In registration order. */
export const NOTIFICATION_KINDS = Object.keys(MESSAGE_KINDS) as NotificationKind[];

/** The facts a kind is built from (its schema's type). */
export type FactsOf<Kind extends NotificationKind> = z.output<(typeof MESSAGE_KINDS)[Kind]['factsSchema']>;

/**
 * The notification of kind `kind` for `facts`, rendered from that kind's templates. Throws ValidationError
 * for facts that do not fit the kind's schema, NonRetryableError for a template that does not render.
 */
export function buildMessage<Kind extends NotificationKind>(
  kind: Kind,
  facts: FactsOf<Kind>,
  templates: MessageTemplates,
): Notification {
  return MESSAGE_KINDS[kind].build(facts, templates);
}
