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
import type { EmailTemplates, MessageTemplateSet } from './MessageTemplates';
import { parseFacts } from './parseFacts';
import { renderAdaptiveCard } from './renderAdaptiveCard';
import { renderEmail } from './renderEmail';
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
  /** The emails, each address once; `sameEmailToEachRecipient` for a message that is the same for everyone. */
  readonly emails: (facts: Facts, view: View, templates: EmailTemplates) => OutgoingEmail[];
  /** Links to act on, for the outbox to print; none when absent. */
  readonly links?: (facts: Facts) => ApprovalLinkLine[];
}

export interface MessageKind<
  Facts extends { readonly incidentId: string },
  View extends object,
> extends MessageKindSpec<Facts, View> {
  /**
   * Validates `facts` against the kind's schema (a ValidationError naming every problem otherwise), renders
   * the emails and the card from `templates` and derives the id.
   */
  readonly build: (facts: unknown, templates: MessageTemplateSet) => Notification;
}

export function defineMessageKind<Facts extends { readonly incidentId: string }, View extends object>(
  spec: MessageKindSpec<Facts, View>,
): MessageKind<Facts, View> {
  return {
    ...spec,
    build: (facts, templates) => {
      const valid = parseFacts(spec.factsSchema, facts, spec.title);
      const view = spec.view(valid);
      // Emails before the card, so a broken template of either fails the same way every time.
      const emails = spec.emails(valid, view, templates);
      return {
        id: spec.notificationId(valid),
        kind: spec.kind,
        incidentId: valid.incidentId,
        emails,
        card: teamsMessage(renderAdaptiveCard(templates.card, view)),
        links: spec.links?.(valid) ?? [],
      };
    },
  };
}

/** The same email to every recipient with an address (each address once): messages that carry no personal links. */
export function sameEmailToEachRecipient<View extends object>(
  facts: { readonly recipients: readonly { readonly email?: string | undefined }[] },
  view: View,
  templates: EmailTemplates,
): OutgoingEmail[] {
  return emailEachAddress(facts.recipients, renderEmail(templates, view));
}
