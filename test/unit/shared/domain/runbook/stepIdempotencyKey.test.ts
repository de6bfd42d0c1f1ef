import { stepIdempotencyKey } from '../../../../../shared/domain/runbook/stepIdempotencyKey';

describe('stepIdempotencyKey', () => {
  it('is the same for every attempt of a round and new for each operator retry round', () => {
    expect(stepIdempotencyKey('orders-api-20261122-031205', 'switch-traffic', 1)).toBe(
      'lifeboat:orders-api-20261122-031205:switch-traffic',
    );
    expect(stepIdempotencyKey('orders-api-20261122-031205', 'switch-traffic', 2)).toBe(
      'lifeboat:orders-api-20261122-031205:switch-traffic:round-2',
    );
  });
});
