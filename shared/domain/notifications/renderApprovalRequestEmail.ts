// One approver's approval request email: every fact the card shows, and only this approver's links.
import type { ApprovalRequestFacts, ApproverLinks } from './ApprovalRequestFacts';
import { approvalRequestEmailView, approvalRequestView } from './approvalRequestView';
import type { MessageTemplates } from './MessageTemplates';
import { renderEmail, type RenderedEmail } from './renderEmail';

/** `facts` as validated by `approvalRequestFactsSchema` (buildApprovalRequestNotification does that). */
export function renderApprovalRequestEmail(
  facts: ApprovalRequestFacts,
  approver: ApproverLinks,
  templates: MessageTemplates,
): RenderedEmail {
  return renderEmail(
    templates.approvalRequest,
    approvalRequestEmailView(approvalRequestView(facts), approver),
  );
}
