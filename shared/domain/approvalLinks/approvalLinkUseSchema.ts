// What every ApprovalLinkStore checks a use (and the key it is looked up by) against before it records or
// reads it: a use carries what its link's claims carry, under the same rules.
import { z } from 'zod';
import { approvalLinkClaimsSchema } from './ApprovalLinkClaims';

const utcInstant = z.iso.datetime({ precision: 3 });
const claims = approvalLinkClaimsSchema.shape;

export const approvalLinkUseKeySchema = z.object({
  incidentId: claims.incidentId,
  round: claims.round,
  approver: claims.approver,
});

export const approvalLinkUseSchema = approvalLinkUseKeySchema.extend({
  decision: claims.decision,
  nonce: claims.nonce,
  channel: z.string().min(1),
  at: utcInstant,
  comment: z.string().optional(),
});
