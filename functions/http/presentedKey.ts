// Key checks done by the app itself, for callers that cannot use the host's own key check (Alertmanager
// sends `Authorization: Bearer`). Accepts the key as `?code=`, `x-functions-key` or a Bearer token.
import type { HttpRequest } from '@azure/functions';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../../shared/Secret';

export function presentedKey(request: HttpRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return bearer?.[1] ?? request.headers.get('x-functions-key') ?? request.query.get('code') ?? undefined;
}

/** Constant-time: both sides are hashed to equal lengths first, so neither length nor content leaks. */
export function keyMatches(presented: string | undefined, expected: Secret): boolean {
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected.reveal()));
}
