// Tells the workload's people how a failover ended: the same email to each recipient and one card for the
// Teams channel.
import type { AdaptiveCard } from './AdaptiveCard';
import type { IncidentOutcomeFacts } from './IncidentOutcomeFacts';
import { incidentOutcomeView } from './incidentOutcomeView';
import type { MessageTemplates } from './MessageTemplates';
import { renderAdaptiveCard } from './renderAdaptiveCard';
import { renderEmail, type RenderedEmail } from './renderEmail';

export interface RenderedIncidentOutcome {
  readonly email: RenderedEmail;
  readonly card: AdaptiveCard;
}

/** `facts` as validated by `incidentOutcomeFactsSchema` (buildIncidentOutcomeNotification does that). */
export function renderIncidentOutcome(
  facts: IncidentOutcomeFacts,
  templates: MessageTemplates,
): RenderedIncidentOutcome {
  const view = incidentOutcomeView(facts);
  return {
    email: renderEmail(templates.incidentOutcome, view),
    card: renderAdaptiveCard(templates.incidentOutcome.card, view),
  };
}
