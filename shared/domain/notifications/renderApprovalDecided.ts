// Tells everyone who was asked that an approval round is over, and how: the same email to each recipient
// and one card for the Teams channel.
import type { AdaptiveCard } from './AdaptiveCard';
import type { ApprovalDecidedFacts } from './ApprovalDecidedFacts';
import { approvalDecidedView } from './approvalDecidedView';
import type { MessageTemplates } from './MessageTemplates';
import { renderAdaptiveCard } from './renderAdaptiveCard';
import { renderEmail, type RenderedEmail } from './renderEmail';

export interface RenderedApprovalDecided {
  readonly email: RenderedEmail;
  readonly card: AdaptiveCard;
}

/** `facts` as validated by `approvalDecidedFactsSchema` (buildApprovalDecidedNotification does that). */
export function renderApprovalDecided(
  facts: ApprovalDecidedFacts,
  templates: MessageTemplates,
): RenderedApprovalDecided {
  const view = approvalDecidedView(facts);
  return {
    email: renderEmail(templates.approvalDecided, view),
    card: renderAdaptiveCard(templates.approvalDecided.card, view),
  };
}
