import { NONCE_PATTERN } from '../../../../../shared/domain/approvalLinks/ApprovalLinkClaims';
import { newNonce } from '../../../../../shared/domain/approvalLinks/newNonce';
import {
  APPROVAL_LINK_REFUSAL_REASONS,
  refusalMessage,
} from '../../../../../shared/domain/approvalLinks/refusalMessage';

describe('newNonce', () => {
  it('returns 128 random bits as canonical unpadded base64url', () => {
    const nonces = Array.from({ length: 1000 }, newNonce);
    for (const nonce of nonces) {
      expect(nonce).toMatch(NONCE_PATTERN);
      expect(Buffer.from(nonce, 'base64url')).toHaveLength(16);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe('refusalMessage', () => {
  it('gives each refusal reason its own sentence saying nothing was decided', () => {
    const messages = APPROVAL_LINK_REFUSAL_REASONS.map(refusalMessage);
    expect(new Set(messages).size).toBe(APPROVAL_LINK_REFUSAL_REASONS.length);
    for (const message of messages) {
      expect(message).toMatch(/nothing was decided/i);
    }
  });
});
