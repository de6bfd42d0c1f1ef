// The nonce of an approval link, derived from what the link is for: the same approver, round and decision
// always get the same link, so a notification activity that runs twice sends identical links. It stays
// unguessable (an HMAC under the signing key), and single use is enforced per approver and round by the
// store, not by the nonce's randomness.
import { createHmac } from 'node:crypto';
import type { Secret } from '../../Secret';
import type { ApprovalLinkClaims } from './ApprovalLinkClaims';

const NONCE_BYTES = 16;
const DOMAIN = 'lifeboat.approval-nonce.v1';

export function derivedNonce(
  key: Secret,
  link: Pick<ApprovalLinkClaims, 'incidentId' | 'round' | 'approver' | 'decision'>,
): string {
  return createHmac('sha256', key.reveal())
    .update([DOMAIN, link.incidentId, String(link.round), link.approver, link.decision].join('\n'))
    .digest()
    .subarray(0, NONCE_BYTES)
    .toString('base64url');
}
