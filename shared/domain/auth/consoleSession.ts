// The console's session cookie and CSRF tokens. A session names the operator key it was opened with by a
// digest (never the key), is signed and expires; every request looks the key up again, so removing a key
// from LIFEBOAT_OPERATOR_KEYS ends its sessions at once. CSRF tokens are HMACs bound to the session.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Secret } from '../../Secret';
import type { OperatorKey } from './operatorKeysSchema';

/** A shift: long enough for a night's incident, short enough that a forgotten browser signs itself out. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
export const SESSION_VERSION = 1;

const sessionPayloadSchema = z.strictObject({
  v: z.literal(SESSION_VERSION),
  /** sha256 of the operator key, base64url. */
  k: z.string().min(1),
  /** Random: what CSRF tokens are bound to. */
  n: z.string().min(16),
  /** Expiry, epoch seconds. */
  exp: z.number().int().positive(),
});
export type SessionPayload = z.infer<typeof sessionPayloadSchema>;

/** The console's own HMAC key, derived from the approval signing key so no new secret needs managing. */
export function sessionKey(signingKey: Secret): Buffer {
  return createHmac('sha256', signingKey.reveal()).update('lifeboat-console-session-v1').digest();
}

export function keyDigest(operatorKey: string): string {
  return createHash('sha256').update(operatorKey, 'utf8').digest('base64url');
}

export function issueSession(
  key: Buffer,
  operatorKey: string,
  nowMs: number,
): { token: string; payload: SessionPayload } {
  const payload: SessionPayload = {
    v: SESSION_VERSION,
    k: keyDigest(operatorKey),
    n: randomBytes(18).toString('base64url'),
    exp: Math.floor(nowMs / 1000) + SESSION_TTL_SECONDS,
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return { token: `${body}.${mac(key, `session:${body}`)}`, payload };
}

export type SessionCheck =
  | { readonly ok: true; readonly payload: SessionPayload; readonly operatorKey: OperatorKey }
  | { readonly ok: false; readonly reason: string };

export function verifySession(
  key: Buffer,
  token: string,
  keys: readonly OperatorKey[],
  nowMs: number,
): SessionCheck {
  const [body, signature, extra] = token.split('.');
  if (body === undefined || signature === undefined || extra !== undefined) {
    return { ok: false, reason: 'the session cookie is malformed' };
  }
  if (!equal(signature, mac(key, `session:${body}`))) {
    return { ok: false, reason: 'the session cookie is not signed by this Lifeboat' };
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'the session cookie is malformed' };
  }
  const parsed = sessionPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'the session cookie is malformed' };
  if (parsed.data.exp * 1000 <= nowMs) return { ok: false, reason: 'the session has expired' };
  // Every key is compared, so the time taken does not say which one matched.
  let matched: OperatorKey | undefined;
  for (const entry of keys) {
    if (equal(keyDigest(entry.key.reveal()), parsed.data.k) && matched === undefined) matched = entry;
  }
  return matched === undefined
    ? { ok: false, reason: 'the operator key of this session is no longer configured' }
    : { ok: true, payload: parsed.data, operatorKey: matched };
}

/** The token a form carries; `binding` is the session nonce (or a stable id for App Service sign-in). */
export function csrfToken(key: Buffer, binding: string): string {
  return mac(key, `csrf:${binding}`);
}

export function csrfMatches(key: Buffer, binding: string, presented: string | undefined): boolean {
  return sameToken(presented, csrfToken(key, binding));
}

/** Constant-time comparison of a presented token with the expected one. */
export function sameToken(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && equal(presented, expected);
}

function mac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('base64url');
}

function equal(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
