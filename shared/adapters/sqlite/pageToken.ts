// Opaque continuation tokens for keyset paging: base64url JSON, validated when read back.
import type { z } from 'zod';
import { ValidationError } from '../../errors';

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
