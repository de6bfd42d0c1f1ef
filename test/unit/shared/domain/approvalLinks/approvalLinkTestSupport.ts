// Shared fixtures for the approval link tests: keys, valid claims and a raw signer for crafted payloads.
import { type ApprovalLinkClaims } from '../../../../../shared/domain/approvalLinks/ApprovalLinkClaims';
import { approvalLinkMac } from '../../../../../shared/domain/approvalLinks/approvalLinkWire';
import { Secret } from '../../../../../shared/Secret';

export const KEY = new Secret('test-signing-key-0123456789abcdef0123456789abcdef');
export const OTHER_KEY = new Secret('another-signing-key-fedcba9876543210fedcba98765432');

/** 2030-01-01T00:00:00Z */
export const EXPIRES_AT = 1_893_456_000;
export const BEFORE_EXPIRY = new Date((EXPIRES_AT - 3600) * 1000);

export function claims(overrides: Partial<ApprovalLinkClaims> = {}): ApprovalLinkClaims {
  return {
    incidentId: 'inc-7f3c2a9e-payments-weu',
    round: 2,
    approver: 'alice@example.com',
    decision: 'approve',
    nonce: 'q1w2e3r4t5y6u7i8o9p0aQ',
    expiresAt: EXPIRES_AT,
    ...overrides,
  };
}

/** Signs an arbitrary payload text the way signApprovalLink would, to test what happens after the MAC. */
export function signRawPayload(payloadJson: string, key: Secret = KEY): string {
  const payloadPart = Buffer.from(payloadJson, 'utf8').toString('base64url');
  return `${payloadPart}.${approvalLinkMac(key, payloadPart).toString('base64url')}`;
}

/** The wire payload of `c` as signApprovalLink writes it (documented in docs/approval-links.md). */
export function wirePayload(c: ApprovalLinkClaims): Record<string, unknown> {
  return { v: 1, i: c.incidentId, r: c.round, a: c.approver, d: c.decision, n: c.nonce, e: c.expiresAt };
}

export function splitToken(token: string): { payloadPart: string; signaturePart: string } {
  const [payloadPart, signaturePart, ...rest] = token.split('.');
  if (payloadPart === undefined || signaturePart === undefined || rest.length > 0) {
    throw new Error(`not a two-part token: ${token}`);
  }
  return { payloadPart, signaturePart };
}
