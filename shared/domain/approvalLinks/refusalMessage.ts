// Why an approval link was refused, in words for the approver's result page.

export const APPROVAL_LINK_REFUSAL_REASONS = [
  'malformed',
  'bad-signature',
  'expired',
  'wrong-incident',
  'wrong-round',
  'wrong-approver',
] as const;
export type ApprovalLinkRefusalReason = (typeof APPROVAL_LINK_REFUSAL_REASONS)[number];

/** Says what happened and what to do, without echoing anything from the token. */
export function refusalMessage(reason: ApprovalLinkRefusalReason): string {
  switch (reason) {
    case 'malformed':
      return 'This approval link is incomplete or damaged. Open it again from the original message, without editing it; nothing was decided.';
    case 'bad-signature':
      return 'This approval link is not valid: it was altered, or it was not issued by Lifeboat with the current key. Nothing was decided.';
    case 'expired':
      return 'This approval link has expired. Nothing was decided; ask the incident commander for a new approval request if the decision is still open.';
    case 'wrong-incident':
      return 'This approval link belongs to a different incident. Nothing was decided.';
    case 'wrong-round':
      return 'This approval link belongs to an earlier approval request that has been superseded. Use the link from the latest message; nothing was decided.';
    case 'wrong-approver':
      return 'This approval link was issued to a different approver and cannot be used by you. Nothing was decided.';
  }
}
