import { createHmac } from 'node:crypto';
import { approvalLinkMac } from '../../../../../shared/domain/approvalLinks/approvalLinkWire';
import { ValidationError } from '../../../../../shared/errors';
import { signApprovalLink } from '../../../../../shared/domain/approvalLinks/signApprovalLink';
import {
  MAX_APPROVAL_LINK_TOKEN_LENGTH,
  verifyApprovalLink,
} from '../../../../../shared/domain/approvalLinks/verifyApprovalLink';
import { type ApprovalLinkClaims } from '../../../../../shared/domain/approvalLinks/ApprovalLinkClaims';
import {
  BEFORE_EXPIRY,
  claims,
  EXPIRES_AT,
  KEY,
  OTHER_KEY,
  signRawPayload,
  splitToken,
  wirePayload,
} from './approvalLinkTestSupport';

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function reasonOf(token: string, now = BEFORE_EXPIRY, expected = {}): string {
  const result = verifyApprovalLink(token, KEY, now, expected);
  return result.ok ? 'ok' : result.reason;
}

describe('signApprovalLink / verifyApprovalLink', () => {
  const token = signApprovalLink(claims(), KEY);

  it('round-trips the claims', () => {
    expect(verifyApprovalLink(token, KEY, BEFORE_EXPIRY)).toEqual({ ok: true, claims: claims() });
  });

  it('accepts when every expected binding matches', () => {
    const c = claims();
    expect(
      verifyApprovalLink(token, KEY, BEFORE_EXPIRY, {
        incidentId: c.incidentId,
        round: c.round,
        approver: c.approver,
      }),
    ).toEqual({ ok: true, claims: c });
  });

  it('produces a short, URL-safe token with a 32-byte signature', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token.length).toBeLessThan(256);
  });

  it('binds the decision: approve and reject links differ and verify as signed', () => {
    const reject = signApprovalLink(claims({ decision: 'reject' }), KEY);
    expect(reject).not.toBe(token);
    const result = verifyApprovalLink(reject, KEY, BEFORE_EXPIRY);
    expect(result.ok && result.claims.decision).toBe('reject');
  });

  it('refuses to sign claims that verification would refuse', () => {
    for (const bad of [
      claims({ round: 0 }),
      claims({ round: 1.5 }),
      claims({ incidentId: '' }),
      claims({ approver: '' }),
      claims({ nonce: 'short' }),
      claims({ nonce: 'q1w2e3r4t5y6u7i8o9p0aB' }), // last character not canonical for 16 bytes
      claims({ expiresAt: 1.5 }),
      { ...claims(), extra: 'x' } as ApprovalLinkClaims,
    ]) {
      expect(() => signApprovalLink(bad, KEY)).toThrow(ValidationError);
    }
  });

  describe('signature', () => {
    it.each(
      Object.entries({
        incidentId: 'inc-other',
        round: 3,
        approver: 'mallory@example.com',
        decision: 'reject',
        nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
        expiresAt: EXPIRES_AT + 86_400,
      }),
    )('refuses a payload whose %s was changed under the original signature', (field, value) => {
      const tampered = wirePayload({ ...claims(), [field]: value });
      const payloadPart = Buffer.from(JSON.stringify(tampered), 'utf8').toString('base64url');
      const forged = `${payloadPart}.${splitToken(token).signaturePart}`;
      expect(reasonOf(forged)).toBe('bad-signature');
    });

    it('refuses a token forged with another key', () => {
      expect(reasonOf(signApprovalLink(claims(), OTHER_KEY))).toBe('bad-signature');
    });

    it('refuses a token signed with a rotated-out key (no grace period: links are reissued)', () => {
      const oldKeyToken = signApprovalLink(claims(), OTHER_KEY);
      expect(verifyApprovalLink(oldKeyToken, OTHER_KEY, BEFORE_EXPIRY).ok).toBe(true);
      expect(verifyApprovalLink(oldKeyToken, KEY, BEFORE_EXPIRY)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    });

    it('refuses signatures of the wrong length without treating them as structure errors', () => {
      const { payloadPart, signaturePart } = splitToken(token);
      expect(reasonOf(`${payloadPart}.${signaturePart.slice(0, 40)}`)).toBe('bad-signature');
      expect(reasonOf(`${payloadPart}.${signaturePart}AAAA`)).toBe('bad-signature');
      expect(reasonOf(`${payloadPart}.AA`)).toBe('bad-signature');
    });

    it('refuses a MAC computed without the purpose prefix', () => {
      const { payloadPart } = splitToken(token);
      const bareMac = createHmac('sha256', KEY.reveal()).update(payloadPart).digest('base64url');
      expect(reasonOf(`${payloadPart}.${bareMac}`)).toBe('bad-signature');
    });
  });

  describe('structure', () => {
    const { payloadPart, signaturePart } = splitToken(token);

    it.each([
      ['empty', ''],
      ['payload only', payloadPart],
      ['payload and a dot', `${payloadPart}.`],
      ['signature only', `.${signaturePart}`],
      ['a dot', '.'],
      ['an extra segment', `${token}.${signaturePart}`],
      ['an empty extra segment', `${token}.`],
      ['three dots', `${payloadPart}..${signaturePart}`],
      ['padding on the payload', `${payloadPart}=.${signaturePart}`],
      ['padding on the signature', `${payloadPart}.${signaturePart}=`],
      ['a leading space', ` ${token}`],
      ['a trailing newline', `${token}\n`],
      ['an inner space', `${payloadPart} .${signaturePart}`],
      ['an inner tab', `${payloadPart.slice(0, 5)}\t${payloadPart.slice(5)}.${signaturePart}`],
      ['standard base64 characters', `${payloadPart}.${signaturePart.replace(/[-_]/g, '+')}+/`],
      ['percent-encoding', `${payloadPart}%2E${signaturePart}`],
      ['non-ASCII characters', `${payloadPart}é.${signaturePart}`],
      ['an impossible base64 length', `${payloadPart}.${signaturePart}AA`],
    ])('refuses %s as malformed', (_name, input) => {
      expect(reasonOf(input)).toBe('malformed');
    });

    it('refuses an alternative (non-canonical) encoding of the same signature bytes', () => {
      const last = signaturePart.slice(-1);
      const alternative =
        signaturePart.slice(0, -1) + BASE64URL_ALPHABET.charAt(BASE64URL_ALPHABET.indexOf(last) | 1);
      expect(alternative).not.toBe(signaturePart);
      expect(Buffer.from(alternative, 'base64url')).toEqual(Buffer.from(signaturePart, 'base64url'));
      expect(reasonOf(`${payloadPart}.${alternative}`)).toBe('malformed');
    });

    it('refuses an alternative (non-canonical) encoding of the same payload bytes', () => {
      // Pick an approver length that leaves unused bits in the payload's last character.
      const t = [1, 2, 3]
        .map((n) => signApprovalLink(claims({ approver: `a${'x'.repeat(n)}@example.com` }), KEY))
        .find((candidate) => splitToken(candidate).payloadPart.length % 4 !== 0);
      if (t === undefined) throw new Error('no payload with unused bits');
      const parts = splitToken(t);
      const last = parts.payloadPart.slice(-1);
      const alternative =
        parts.payloadPart.slice(0, -1) + BASE64URL_ALPHABET.charAt(BASE64URL_ALPHABET.indexOf(last) | 1);
      expect(Buffer.from(alternative, 'base64url')).toEqual(Buffer.from(parts.payloadPart, 'base64url'));
      expect(reasonOf(`${alternative}.${parts.signaturePart}`)).toBe('malformed');
    });

    it('refuses every truncation of a valid token', () => {
      for (let length = 0; length < token.length; length++) {
        expect(['malformed', 'bad-signature']).toContain(reasonOf(token.slice(0, length)));
      }
    });

    it('refuses over-long input before doing any work', () => {
      expect(reasonOf('A'.repeat(MAX_APPROVAL_LINK_TOKEN_LENGTH + 1))).toBe('malformed');
    });
  });

  describe('authentic but unacceptable payloads', () => {
    it.each([
      ['an unknown version', { ...wirePayload(claims()), v: 2 }],
      ['a missing version', (({ v: _v, ...rest }) => rest)(wirePayload(claims()))],
      ['an unknown field', { ...wirePayload(claims()), x: 1 }],
      ['a missing field', (({ n: _n, ...rest }) => rest)(wirePayload(claims()))],
      ['an unknown decision', { ...wirePayload(claims()), d: 'maybe' }],
      ['round 0', { ...wirePayload(claims()), r: 0 }],
      ['a string round', { ...wirePayload(claims()), r: '2' }],
      ['a non-integer expiry', { ...wirePayload(claims()), e: EXPIRES_AT + 0.5 }],
      ['an array', [wirePayload(claims())]],
      ['null', null],
    ])('refuses %s as malformed', (_name, payload) => {
      expect(reasonOf(signRawPayload(JSON.stringify(payload)))).toBe('malformed');
    });

    it('refuses a payload that is not JSON', () => {
      expect(reasonOf(signRawPayload('{"v":1,'))).toBe('malformed');
    });

    it('refuses a payload that is not UTF-8', () => {
      const payloadPart = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url');
      const t = `${payloadPart}.${approvalLinkMac(KEY, payloadPart).toString('base64url')}`;
      expect(reasonOf(t)).toBe('malformed');
    });
  });

  describe('expiry (valid strictly before expiresAt)', () => {
    it('accepts one millisecond before expiresAt', () => {
      expect(reasonOf(token, new Date(EXPIRES_AT * 1000 - 1))).toBe('ok');
    });

    it('refuses at exactly expiresAt', () => {
      expect(reasonOf(token, new Date(EXPIRES_AT * 1000))).toBe('expired');
    });

    it('refuses after expiresAt', () => {
      expect(reasonOf(token, new Date((EXPIRES_AT + 1) * 1000))).toBe('expired');
    });

    it('fails closed on an invalid clock reading', () => {
      expect(reasonOf(token, new Date(Number.NaN))).toBe('expired');
    });
  });

  describe('binding to what the caller expects', () => {
    it('refuses a link for another incident', () => {
      expect(reasonOf(token, BEFORE_EXPIRY, { incidentId: 'inc-other' })).toBe('wrong-incident');
    });

    it('refuses a link from another approval round', () => {
      expect(reasonOf(token, BEFORE_EXPIRY, { round: 3 })).toBe('wrong-round');
    });

    it('refuses a link issued to another approver', () => {
      expect(reasonOf(token, BEFORE_EXPIRY, { approver: 'bob@example.com' })).toBe('wrong-approver');
    });

    it('reports a binding mismatch in preference to expiry', () => {
      const after = new Date((EXPIRES_AT + 1) * 1000);
      expect(reasonOf(token, after, { incidentId: 'inc-other' })).toBe('wrong-incident');
    });

    it('checks the signature before any binding', () => {
      const forged = signApprovalLink(claims(), OTHER_KEY);
      expect(reasonOf(forged, BEFORE_EXPIRY, { incidentId: 'inc-other' })).toBe('bad-signature');
    });
  });
});
