// The approval request as an Adaptive Card for a Teams channel: the facts, and an Approve / Reject pair
// per approver, each approver mentioned when their Teams UPN is known.
import type { AdaptiveCard } from './AdaptiveCard';
import type { ApprovalRequestFacts } from './ApprovalRequestFacts';
import { approvalRequestView } from './approvalRequestView';
import type { MessageTemplates } from './MessageTemplates';
import { renderAdaptiveCard } from './renderAdaptiveCard';

/** `facts` as validated by `approvalRequestFactsSchema` (buildApprovalRequestNotification does that). */
export function renderApprovalRequestCard(
  facts: ApprovalRequestFacts,
  templates: MessageTemplates,
): AdaptiveCard {
  return renderAdaptiveCard(templates.approvalRequest.card, approvalRequestView(facts));
}
