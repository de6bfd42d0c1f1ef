// Keeps the raw source alert on the normalised alert without letting one huge payload bloat every store.

/** Raw payloads whose JSON is larger than this (UTF-8 bytes) are replaced by a preview. */
export const RAW_PAYLOAD_LIMIT_BYTES = 16 * 1024;

export interface TruncatedRawPayload {
  readonly truncated: true;
  /** Size of the full JSON in UTF-8 bytes. */
  readonly size: number;
  /** The first 16 KB of the JSON, cut on a character boundary. */
  readonly preview: string;
}

export function boundRawPayload(raw: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(raw);
  } catch {
    // Cycles or BigInts cannot come from a parsed body; keep the alert and say the raw was unserialisable.
    return { truncated: true, size: 0, preview: '' } satisfies TruncatedRawPayload;
  }
  if (json === undefined) {
    return null;
  }
  const bytes = new TextEncoder().encode(json);
  if (bytes.length <= RAW_PAYLOAD_LIMIT_BYTES) {
    return raw;
  }
  return { truncated: true, size: bytes.length, preview: utf8Prefix(bytes, RAW_PAYLOAD_LIMIT_BYTES) };
}

/** Decodes at most `limit` bytes, dropping a character that the cut would split. */
function utf8Prefix(bytes: Uint8Array, limit: number): string {
  let end = limit;
  // UTF-8 continuation bytes look like 0b10xxxxxx: back up to the start of the split character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) {
    end -= 1;
  }
  return new TextDecoder().decode(bytes.subarray(0, end));
}
