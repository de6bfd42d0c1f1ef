// Checks an approval link token: structure, then signature, then (only once authentic) its claims,
// expiry and binding. Never throws; the caller still has to consume the nonce once in the store.
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Secret } from '../../Secret';
import { type ApprovalLinkClaims } from './ApprovalLinkClaims';
import {
  approvalLinkMac,
  approvalLinkPayloadSchema,
  decodeBase64UrlStrict,
  fromPayload,
} from './approvalLinkWire';
import { type ApprovalLinkRefusalReason } from './refusalMessage';

/**
 * Far above any token signApprovalLink can produce (claims are bounded); refusing longer input early
 * bounds the work an attacker can cause and says nothing about the key.
 */
export const MAX_APPROVAL_LINK_TOKEN_LENGTH = 4096;

/** What the caller already knows the link must be for (from the route, the store or the session). */
export interface ApprovalLinkExpectation {
  readonly incidentId?: string;
  readonly round?: number;
  readonly approver?: string;
}

export type ApprovalLinkVerification =
  | { readonly ok: true; readonly claims: ApprovalLinkClaims }
  | { readonly ok: false; readonly reason: ApprovalLinkRefusalReason };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function refuse(reason: ApprovalLinkRefusalReason): ApprovalLinkVerification {
  return { ok: false, reason };
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/**
 * Verifies `token` under `key` at `now`. The link is valid while `now < expiresAt` (expiry is
 * exclusive: at the `expiresAt` second it is already expired); an invalid `now` counts as expired.
 */
export function verifyApprovalLink(
  token: string,
  key: Secret,
  now: Date,
  expected: ApprovalLinkExpectation = {},
): ApprovalLinkVerification {
  try {
    return verify(token, key, now, expected);
  } catch {
    // Defence in depth: every step above is total, but "never throws" must not depend on that.
    return refuse('malformed');
  }
}

function verify(
  token: unknown,
  key: Secret,
  now: Date,
  expected: ApprovalLinkExpectation,
): ApprovalLinkVerification {
  if (typeof token !== 'string' || token.length > MAX_APPROVAL_LINK_TOKEN_LENGTH) {
    return refuse('malformed');
  }
  const parts = token.split('.');
  if (parts.length !== 2) {
    return refuse('malformed');
  }
  const [payloadPart = '', signaturePart = ''] = parts;
  const payloadBytes = decodeBase64UrlStrict(payloadPart);
  const signature = decodeBase64UrlStrict(signaturePart);
  if (payloadBytes === undefined || signature === undefined) {
    return refuse('malformed');
  }

  // Compare digests of both MACs: fixed 32-byte inputs, so neither the length nor the content of the
  // presented signature changes the comparison's timing. Nothing in the payload is read before this.
  const expectedMac = approvalLinkMac(key, payloadPart);
  if (!timingSafeEqual(sha256(expectedMac), sha256(signature))) {
    return refuse('bad-signature');
  }

  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payloadBytes));
  } catch {
    return refuse('malformed');
  }
  // An unknown version fails the `v` literal: a future format is refused, never half-understood.
  const payload = approvalLinkPayloadSchema.safeParse(json);
  if (!payload.success) {
    return refuse('malformed');
  }
  const claims = fromPayload(payload.data);

  // Binding before expiry: a link used for the wrong incident, round or person is the more telling fact.
  if (expected.incidentId !== undefined && claims.incidentId !== expected.incidentId) {
    return refuse('wrong-incident');
  }
  if (expected.round !== undefined && claims.round !== expected.round) {
    return refuse('wrong-round');
  }
  if (expected.approver !== undefined && claims.approver !== expected.approver) {
    return refuse('wrong-approver');
  }
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs) || nowMs >= claims.expiresAt * 1000) {
    return refuse('expired');
  }
  return { ok: true, claims };
}
