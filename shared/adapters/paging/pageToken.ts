// Keyset paging for the stores: opaque continuation tokens (base64url JSON, validated when read
// back) and the page built from `limit + 1` rows.
import type { z } from 'zod';
import { ValidationError } from '../../errors';
import type { Page } from '../../ports/Page';

export function encodePageToken(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodePageToken<T>(token: string, schema: z.ZodType<T>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new ValidationError('continuationToken is not a token this listing issued', [
      { path: 'continuationToken', message: 'expected the continuationToken of a previous page' },
    ]);
  }
  return result.data;
}

/**
 * A page from rows read with `LIMIT limit + 1`: the extra row only says that more follow, and the token
 * carries the last returned row's position.
 */
export function keysetPage<R, T>(
  rows: readonly R[],
  limit: number,
  map: (row: R) => T,
  position: (row: R) => unknown,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last !== undefined
    ? { items: items.map(map), continuationToken: encodePageToken(position(last)) }
    : { items: items.map(map) };
}
