// Port: the single use of approval links. One use per approver per approval round of an incident, taken
// atomically, so the first link an approver submits in a round is the only one that decides.
import type { ApprovalLinkClaims } from '../domain/approvalLinks/ApprovalLinkClaims';

/** Who may use a link once: one approver in one approval round of one incident. */
export interface ApprovalLinkUseKey {
  readonly incidentId: string;
  readonly round: number;
  /** The contact key the link was issued to (lowercased email). */
  readonly approver: string;
}

/** A submitted link. The token itself is never stored: a stored token would be a usable credential. */
export interface ApprovalLinkUse extends ApprovalLinkUseKey {
  readonly decision: ApprovalLinkClaims['decision'];
  /** The link's single-use id, kept for the audit trail. */
  readonly nonce: string;
  /** How the link arrived: `email`, `teams` or `link`. */
  readonly channel: string;
  /** When it was used, an ISO instant. */
  readonly at: string;
  readonly comment?: string;
}

/** The use that took an approver's turn in a round, as recorded. */
export interface RecordedApprovalLinkUse {
  readonly decision: ApprovalLinkClaims['decision'];
  readonly at: string;
  readonly channel: string;
  readonly comment?: string;
  /** When the decision was handed to the approval orchestration; absent until then. */
  readonly deliveredAt?: string;
}

export type ApprovalLinkConsumption =
  { readonly consumed: true } | { readonly consumed: false; readonly previous: RecordedApprovalLinkUse };

export interface ApprovalLinkStore {
  /**
   * Records `use` if its approver has no use in this round yet, in one conditional write: concurrent
   * calls for one key (the same link twice, or the Approve and the Reject link) see exactly one
   * `consumed: true`; every other call gets the recorded use. Invalid input: ValidationError.
   */
  consume(use: ApprovalLinkUse): Promise<ApprovalLinkConsumption>;
  /**
   * Notes that the recorded use reached the approval orchestration. Idempotent: the first instant is
   * kept. A key with no recorded use: NotFoundError.
   */
  markDelivered(key: ApprovalLinkUseKey, at: string): Promise<void>;
}
