// Reads at most `maxBytes` of a response body as UTF-8 text and stops the transfer there.

export interface BoundedText {
  readonly text: string;
  /** More bytes followed that were not read. */
  readonly truncated: boolean;
  /** Reading stopped early on this error (a timeout, a dropped connection); `text` is what arrived. */
  readonly error?: unknown;
}

export async function readBoundedText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<BoundedText> {
  if (!body) {
    return { text: '', truncated: false };
  }
  const reader = body.getReader();
  // Streaming decode without a final flush: a character cut at the limit is dropped, not mangled.
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return { text: text + decoder.decode(), truncated: false };
      }
      const room = maxBytes - received;
      if (value.byteLength > room) {
        text += decoder.decode(value.subarray(0, room), { stream: true });
        await reader.cancel().catch(() => undefined);
        return { text, truncated: true };
      }
      text += decoder.decode(value, { stream: true });
      received += value.byteLength;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    return { text, truncated: false, error };
  } finally {
    reader.releaseLock();
  }
}
