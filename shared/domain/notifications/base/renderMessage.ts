// A message that is the same for everyone, rendered from one view: its email and its Adaptive Card.
import type { AdaptiveCard } from './AdaptiveCard';
import type { MessageTemplateSet } from './MessageTemplates';
import { renderAdaptiveCard } from './renderAdaptiveCard';
import { renderEmail, type RenderedEmail } from './renderEmail';

export interface RenderedMessage {
  readonly email: RenderedEmail;
  readonly card: AdaptiveCard;
}

export function renderMessage(templates: MessageTemplateSet, view: object): RenderedMessage {
  return { email: renderEmail(templates, view), card: renderAdaptiveCard(templates.card, view) };
}
