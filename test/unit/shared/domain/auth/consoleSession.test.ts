import {
  csrfMatches,
  csrfToken,
  issueSession,
  keyDigest,
  SESSION_TTL_SECONDS,
  sessionKey,
  verifySession,
} from '../../../../../shared/domain/auth/consoleSession';
import { Secret } from '../../../../../shared/Secret';
import type { OperatorKey } from '../../../../../shared/domain/auth/operatorKeysSchema';

const key = sessionKey(new Secret('signing-key-0123456789abcdef0123456789'));
const OSCAR: OperatorKey = { key: new Secret('oscar-key-0123456789'), name: 'oscar', roles: ['operator'] };
const VERA: OperatorKey = { key: new Secret('vera-key-0123456789ab'), name: 'vera', roles: ['viewer'] };
const NOW = Date.parse('2026-12-04T03:00:00.000Z');

describe('console sessions', () => {
  const { token, payload } = issueSession(key, 'oscar-key-0123456789', NOW);

  it('names the key by digest only and resolves to that key while it is configured', () => {
    expect(token).not.toContain('oscar-key');
    expect(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).not.toContain('oscar-key');
    expect(payload.k).toBe(keyDigest('oscar-key-0123456789'));
    expect(verifySession(key, token, [VERA, OSCAR], NOW + 1000)).toMatchObject({
      ok: true,
      operatorKey: OSCAR,
    });
  });

  it('ends when it expires, when its key is removed, and when it is signed by another key', () => {
    expect(verifySession(key, token, [OSCAR], NOW + SESSION_TTL_SECONDS * 1000)).toEqual({
      ok: false,
      reason: 'the session has expired',
    });
    expect(verifySession(key, token, [VERA], NOW)).toEqual({
      ok: false,
      reason: 'the operator key of this session is no longer configured',
    });
    const other = sessionKey(new Secret('another-signing-key-0123456789abcdef'));
    expect(verifySession(other, token, [OSCAR], NOW)).toMatchObject({
      ok: false,
      reason: 'the session cookie is not signed by this Lifeboat',
    });
  });

  it('refuses a payload edited to name another key, and malformed cookies', () => {
    const [, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...payload, k: keyDigest('vera-key-0123456789ab') }),
    ).toString('base64url');
    expect(verifySession(key, `${forged}.${signature ?? ''}`, [OSCAR, VERA], NOW)).toMatchObject({
      ok: false,
    });
    for (const bad of ['', 'abc', 'a.b.c', `${token}x`]) {
      expect(verifySession(key, bad, [OSCAR], NOW).ok).toBe(false);
    }
  });

  it('binds CSRF tokens to the session nonce', () => {
    const token1 = csrfToken(key, payload.n);
    expect(csrfMatches(key, payload.n, token1)).toBe(true);
    expect(csrfMatches(key, issueSession(key, 'oscar-key-0123456789', NOW).payload.n, token1)).toBe(false);
    expect(csrfMatches(key, payload.n, undefined)).toBe(false);
    expect(csrfMatches(key, payload.n, '')).toBe(false);
  });
});
