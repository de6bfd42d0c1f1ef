// Function-key checks for `function` and `admin` routes: `code=` in the query or the x-functions-key header.
import { timingSafeEqual } from 'node:crypto';

export function presentedKey(
  query: URLSearchParams,
  headers: Record<string, string | undefined>,
): string | undefined {
  return headers['x-functions-key'] ?? query.get('code') ?? undefined;
}

export function keyMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) {
    return false;
  }
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
