// Issues the compact, URL-safe token behind an Approve or Reject link.
import { ValidationError } from '../../errors';
import { type Secret } from '../../Secret';
import { formatZodIssues } from '../validation/formatZodIssues';
import { approvalLinkClaimsSchema, type ApprovalLinkClaims } from './ApprovalLinkClaims';
import { approvalLinkMac, toPayload } from './approvalLinkWire';

/**
 * `base64url(JSON payload) + '.' + base64url(HMAC-SHA256(key, 'lifeboat.approval.v1.' + payloadPart))`.
 * Throws ValidationError for claims that verification would refuse, so a bad link is never sent.
 */
export function signApprovalLink(claims: ApprovalLinkClaims, key: Secret): string {
  const parsed = approvalLinkClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    throw new ValidationError('Approval link claims are invalid', formatZodIssues(parsed.error.issues));
  }
  const payloadPart = Buffer.from(JSON.stringify(toPayload(parsed.data)), 'utf8').toString('base64url');
  return `${payloadPart}.${approvalLinkMac(key, payloadPart).toString('base64url')}`;
}
