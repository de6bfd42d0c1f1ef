// The approval link's wire format, shared by signing and verifying: compact payload keys, the MAC
// with its domain-separation prefix, and strict base64url decoding.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { type Secret } from '../../Secret';
import { approvalLinkClaimsSchema, type ApprovalLinkClaims } from './ApprovalLinkClaims';

export const APPROVAL_LINK_VERSION = 1;

/** Binds the MAC to this purpose and version, so a MAC made for anything else never verifies here. */
const MAC_CONTEXT = 'lifeboat.approval.v1.';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** One-letter keys keep the token short; the mapping is documented in docs/approval-links.md. */
const claims = approvalLinkClaimsSchema.shape;
export const approvalLinkPayloadSchema = z.strictObject({
  v: z.literal(APPROVAL_LINK_VERSION),
  i: claims.incidentId,
  r: claims.round,
  a: claims.approver,
  d: claims.decision,
  n: claims.nonce,
  e: claims.expiresAt,
});
type ApprovalLinkPayload = z.infer<typeof approvalLinkPayloadSchema>;

export function toPayload(c: ApprovalLinkClaims): ApprovalLinkPayload {
  return {
    v: APPROVAL_LINK_VERSION,
    i: c.incidentId,
    r: c.round,
    a: c.approver,
    d: c.decision,
    n: c.nonce,
    e: c.expiresAt,
  };
}

export function fromPayload(p: ApprovalLinkPayload): ApprovalLinkClaims {
  return {
    incidentId: p.i,
    round: p.r,
    approver: p.a,
    decision: p.d,
    nonce: p.n,
    expiresAt: p.e,
  };
}

/** HMAC-SHA256 over the payload part exactly as it appears in the token (32 bytes). */
export function approvalLinkMac(key: Secret, payloadPart: string): Buffer {
  return createHmac('sha256', key.reveal())
    .update(MAC_CONTEXT + payloadPart, 'utf8')
    .digest();
}

/**
 * Decodes unpadded base64url, or undefined when `part` is empty, uses another alphabet, has padding or
 * whitespace, or is not the canonical encoding of its bytes (Buffer's decoder would accept all of those).
 */
export function decodeBase64UrlStrict(part: string): Buffer | undefined {
  if (!BASE64URL.test(part)) {
    return undefined;
  }
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}
