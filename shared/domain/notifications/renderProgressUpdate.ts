// Tells the workload's people where a failover is: the same email to each recipient and one card for the
// Teams channel.
import type { AdaptiveCard } from './AdaptiveCard';
import type { MessageTemplates } from './MessageTemplates';
import type { ProgressUpdateFacts } from './ProgressUpdateFacts';
import { progressUpdateView } from './progressUpdateView';
import { renderAdaptiveCard } from './renderAdaptiveCard';
import { renderEmail, type RenderedEmail } from './renderEmail';

export interface RenderedProgressUpdate {
  readonly email: RenderedEmail;
  readonly card: AdaptiveCard;
}

/** `facts` as validated by `progressUpdateFactsSchema` (buildProgressUpdateNotification does that). */
export function renderProgressUpdate(
  facts: ProgressUpdateFacts,
  templates: MessageTemplates,
): RenderedProgressUpdate {
  const view = progressUpdateView(facts);
  return {
    email: renderEmail(templates.progressUpdate, view),
    card: renderAdaptiveCard(templates.progressUpdate.card, view),
  };
}
