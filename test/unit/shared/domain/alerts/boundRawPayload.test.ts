import {
  boundRawPayload,
  RAW_PAYLOAD_LIMIT_BYTES,
} from '../../../../../shared/domain/alerts/boundRawPayload';

describe('boundRawPayload', () => {
  it('keeps a payload whose JSON fits in 16 KB as it is', () => {
    const raw = { text: 'x'.repeat(RAW_PAYLOAD_LIMIT_BYTES - 20) };
    expect(JSON.stringify(raw).length).toBeLessThanOrEqual(RAW_PAYLOAD_LIMIT_BYTES);
    expect(boundRawPayload(raw)).toBe(raw);
  });

  it('replaces a larger payload with its size and a 16 KB preview', () => {
    const raw = { text: 'x'.repeat(RAW_PAYLOAD_LIMIT_BYTES) };
    const json = JSON.stringify(raw);
    expect(boundRawPayload(raw)).toEqual({
      truncated: true,
      size: json.length,
      preview: json.slice(0, RAW_PAYLOAD_LIMIT_BYTES),
    });
  });

  it('measures UTF-8 bytes and never cuts a character in half', () => {
    // "é" is two bytes: 9000 of them are 18000 bytes, over the limit in bytes but not in characters.
    const raw = `${'é'.repeat(9000)}`;
    const bounded = boundRawPayload(raw) as { truncated: boolean; size: number; preview: string };
    expect(bounded.truncated).toBe(true);
    expect(bounded.size).toBe(18002);
    expect(new TextEncoder().encode(bounded.preview).length).toBeLessThanOrEqual(RAW_PAYLOAD_LIMIT_BYTES);
    expect(bounded.preview).toBe(`"${'é'.repeat((RAW_PAYLOAD_LIMIT_BYTES - 2) / 2)}`);
    expect(bounded.preview).not.toContain('\uFFFD');
  });

  it('does not throw for values JSON cannot represent', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(boundRawPayload(cyclic)).toEqual({ truncated: true, size: 0, preview: '' });
    expect(boundRawPayload(undefined)).toBeNull();
  });
});
