// Reads a request body up to a byte limit, stopping as soon as it is exceeded (no unbounded buffering).
import type { HttpRequest } from '@azure/functions';

export type BodyRead =
  { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly size: number };

export async function readBodyWithin(request: HttpRequest, limitBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return { ok: false, size: declared };
  }
  const stream = request.body;
  if (stream === null) {
    return { ok: true, bytes: Buffer.alloc(0) };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader: ReadableStreamDefaultReader<Uint8Array> = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel();
        return { ok: false, size };
      }
      chunks.push(Buffer.from(value));
    }
  } finally {
    reader.releaseLock();
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}
