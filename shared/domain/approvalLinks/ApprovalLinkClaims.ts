// What a signed approval link asserts: one approver's decision on one approval round of one incident,
// single-use (by nonce) and valid until an expiry.
import { z } from 'zod';

/** 16 random bytes in canonical unpadded base64url: 21 free characters, the last one carries 2 bits. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** Bounds keep tokens short enough for URLs and mail clients; real ids are far below them. */
export const MAX_INCIDENT_ID_LENGTH = 200;
export const MAX_APPROVER_LENGTH = 320;

export const APPROVAL_LINK_DECISIONS = ['approve', 'reject'] as const;

export const approvalLinkClaimsSchema = z.strictObject({
  incidentId: z.string().min(1).max(MAX_INCIDENT_ID_LENGTH),
  /** The approval round (see `approvalInstanceId`); a link from an earlier round is superseded. */
  round: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** Stable approver id from the contact matrix (email or contact key), not a display name. */
  approver: z.string().min(1).max(MAX_APPROVER_LENGTH),
  decision: z.enum(APPROVAL_LINK_DECISIONS),
  /** The single-use id the store consumes atomically when the decision is recorded. */
  nonce: z.string().regex(NONCE_PATTERN, 'expected 16 random bytes in unpadded base64url'),
  /** Epoch seconds; the link is valid strictly before this instant. */
  expiresAt: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type ApprovalLinkClaims = z.infer<typeof approvalLinkClaimsSchema>;
