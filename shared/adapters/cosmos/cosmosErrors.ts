// What a Cosmos DB failure means to a port: throttling, timeouts and unavailability are TransientError
// (the SDK has already retried 429s as its retry options allow); the status codes a caller branches on
// (404, 409, 412) are read with `cosmosStatus`.
import { ensureErrorType, TransientError } from '../../errors';

/** Statuses worth retrying later: timeout, throttled, retry-with, internal error, unavailable. */
const TRANSIENT = new Set([408, 429, 449, 500, 503]);

export function cosmosStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/** Network-level failures the SDK reports without an HTTP status. */
const TRANSIENT_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** `err` as the error a port throws; `what` names the operation for the message. */
export function mapCosmosError(err: unknown, what: string): Error {
  const status = cosmosStatus(err);
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (
    (status !== undefined && TRANSIENT.has(status)) ||
    (typeof code === 'string' && TRANSIENT_NETWORK.has(code))
  ) {
    const retryAfter = (err as { retryAfterInMs?: unknown }).retryAfterInMs;
    return new TransientError(
      `Cosmos DB ${what} failed with ${status ?? String(code)}; try again`,
      typeof retryAfter === 'number' ? retryAfter : undefined,
      { cause: err },
    );
  }
  return ensureErrorType(err);
}

/** Runs `work`, turning its Cosmos DB failures into the port's errors (see mapCosmosError). */
export async function cosmosCall<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw mapCosmosError(err, what);
  }
}

/** Resolves undefined where Cosmos DB answered `status` (e.g. a 404 read, a 409 create). */
export async function unlessStatus<T>(status: number, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    if (cosmosStatus(err) === status) return undefined;
    throw err;
  }
}
