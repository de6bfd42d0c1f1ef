import { NONCE_PATTERN } from '../../../../../shared/domain/approvalLinks/ApprovalLinkClaims';
import { derivedNonce } from '../../../../../shared/domain/approvalLinks/derivedNonce';
import { Secret } from '../../../../../shared/Secret';

const key = new Secret('k'.repeat(32));
const link = {
  incidentId: 'orders-api-20261122-031205',
  round: 1,
  approver: 'alice@example.com',
  decision: 'approve' as const,
};

describe('derivedNonce', () => {
  it('is stable for the same link and a valid nonce', () => {
    expect(derivedNonce(key, link)).toBe(derivedNonce(key, { ...link }));
    expect(derivedNonce(key, link)).toMatch(NONCE_PATTERN);
  });

  it('differs for every other incident, round, approver, decision or key', () => {
    const nonces = new Set([
      derivedNonce(key, link),
      derivedNonce(key, { ...link, incidentId: 'orders-api-20261122-031206' }),
      derivedNonce(key, { ...link, round: 2 }),
      derivedNonce(key, { ...link, approver: 'bob@example.com' }),
      derivedNonce(key, { ...link, decision: 'reject' }),
      derivedNonce(new Secret('j'.repeat(32)), link),
    ]);
    expect(nonces.size).toBe(6);
  });
});
