// What makes a kind of message (kinds/): its facts schema, the view its templates read, its id and who gets
// an email. Turning facts into a Notification is the same for every kind, so it is written once here.
import type { z } from 'zod';
import type {
  ApprovalLinkLine,
  Notification,
  NotificationKind,
  OutgoingEmail,
} from '../../../ports/NotificationChannel';
import { emailEachAddress } from './emailEachAddress';
import { templateKey, type EmailTemplates, type MessageTemplates } from './MessageTemplates';
import { parseFacts } from './parseFacts';
import { renderAdaptiveCard } from './renderAdaptiveCard';
import { renderEmail } from './renderEmail';
import { renderMessage, type RenderedMessage } from './renderMessage';
import { teamsMessage } from './TeamsMessage';

export interface MessageKindSpec<Facts extends { readonly incidentId: string }, View extends object> {
  /** The notification's kind, and the stem of its template files in templates/messages/. */
  readonly kind: NotificationKind;
  /** Names the facts in validation errors: `Approval request facts are invalid: …`. */
  readonly title: string;
  readonly factsSchema: z.ZodType<Facts>;
  /**
   * The facts in words, once, for every template (email and card): templates only place text, they never
   * compute it, so the card and the email cannot disagree. Every field defined (see messageHeader.ts).
   */
  readonly view: (facts: Facts) => View;
  /** Deterministic (see notificationId.ts): the same facts give the same id. */
  readonly notificationId: (facts: Facts) => string;
  /** The emails, each address once. */
  readonly emails: (facts: Facts, view: View, templates: EmailTemplates) => OutgoingEmail[];
  /** Links to act on, for the outbox to print; none when absent. */
  readonly links?: (facts: Facts) => ApprovalLinkLine[];
}

/** `(facts, templates) => Notification`, typed with the kind's facts for the kind's own `build…` export. */
export type BuildNotification<Facts> = (facts: Facts, templates: MessageTemplates) => Notification;

export interface MessageKind<
  Facts extends { readonly incidentId: string },
  View extends object,
> extends MessageKindSpec<Facts, View> {
  /**
   * Validates `facts` against the kind's schema (a ValidationError naming every problem otherwise), renders
   * the emails and the card from the kind's templates and derives the id. Takes `unknown` because it
   * validates: the registry (buildMessage) and the kind's own export give it the facts' type.
   */
  readonly build: (facts: unknown, templates: MessageTemplates) => Notification;
}

export function defineMessageKind<Facts extends { readonly incidentId: string }, View extends object>(
  spec: MessageKindSpec<Facts, View>,
): MessageKind<Facts, View> {
  return {
    ...spec,
    build: (facts, templates) => {
      const set = templates[templateKey(spec.kind)];
      const valid = parseFacts(spec.factsSchema, facts, spec.title);
      const view = spec.view(valid);
      // Emails before the card, so a broken template of either fails the same way every time.
      const emails = spec.emails(valid, view, set);
      return {
        id: spec.notificationId(valid),
        kind: spec.kind,
        incidentId: valid.incidentId,
        emails,
        card: teamsMessage(renderAdaptiveCard(set.card, view)),
        links: spec.links?.(valid) ?? [],
      };
    },
  };
}

interface Recipients {
  readonly recipients: readonly { readonly email?: string | undefined }[];
}

/** A kind whose message is the same for everyone: one email text to each recipient with an address, one card. */
export interface BroadcastKind<
  Facts extends { readonly incidentId: string } & Recipients,
  View extends object,
> extends MessageKind<Facts, View> {
  /** The email every recipient gets and the card, for facts already valid (previews and tests). */
  readonly render: (facts: Facts, templates: MessageTemplates) => RenderedMessage;
}

export function defineBroadcastKind<
  Facts extends { readonly incidentId: string } & Recipients,
  View extends object,
>(spec: Omit<MessageKindSpec<Facts, View>, 'emails'>): BroadcastKind<Facts, View> {
  return {
    ...defineMessageKind({
      ...spec,
      // Each address once: one person listed twice (two roles, any case) must not get the same Message-ID twice.
      emails: (facts, view, templates) => emailEachAddress(facts.recipients, renderEmail(templates, view)),
    }),
    render: (facts, templates) => renderMessage(templates[templateKey(spec.kind)], spec.view(facts)),
  };
}
