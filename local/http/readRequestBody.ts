// Reads a request body into memory, refusing more than the host's limit.
import type { IncomingMessage } from 'node:http';

/** The Functions host's default maximum request body size. */
export const maxRequestBodyBytes = 100 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export async function readRequestBody(req: IncomingMessage, limit = maxRequestBodyBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) {
      throw new BodyTooLargeError(`Request body exceeds ${limit} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
