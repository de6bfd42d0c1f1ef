// What Cosmos DB failures become at the ports: throttling (after the SDK's own retries), timeouts and
// unavailability are TransientError with the service's retry-after; the statuses the adapters branch on pass
// through for them to map; anything else stays what it was.
import { cosmosStatus, mapCosmosError } from '../../../../../shared/adapters/cosmos/cosmosErrors';
import { TransientError } from '../../../../../shared/errors';

/** Shaped like the SDK's ErrorResponse: an Error with the HTTP status as `code`. */
function cosmosError(code: number | string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`status ${code}`), { code, ...extra });
}

describe('mapCosmosError', () => {
  it.each([408, 429, 449, 500, 503])('makes %i a TransientError', (code) => {
    const mapped = mapCosmosError(cosmosError(code), 'incident read');
    expect(mapped).toBeInstanceOf(TransientError);
    expect(mapped.message).toBe(`Cosmos DB incident read failed with ${code}; try again`);
    expect(mapped.cause).toBeInstanceOf(Error);
  });

  it("keeps the service's retry-after of a 429 as the hint", () => {
    const mapped = mapCosmosError(cosmosError(429, { retryAfterInMs: 1200 }), 'alert record');
    expect(mapped).toMatchObject({ name: 'TransientError', retryAfterMs: 1200 });
  });

  it('makes a refused or reset connection transient', () => {
    expect(mapCosmosError(cosmosError('ECONNREFUSED'), 'x')).toBeInstanceOf(TransientError);
    expect(mapCosmosError(cosmosError('ECONNRESET'), 'x')).toBeInstanceOf(TransientError);
  });

  it.each([400, 401, 403, 404, 409, 412, 413])('leaves %i as it is', (code) => {
    const original = cosmosError(code);
    expect(mapCosmosError(original, 'x')).toBe(original);
    expect(cosmosStatus(original)).toBe(code);
  });

  it('turns a thrown non-error into an Error', () => {
    expect(mapCosmosError('boom', 'x')).toEqual(new Error('boom'));
    expect(cosmosStatus('boom')).toBeUndefined();
  });
});
