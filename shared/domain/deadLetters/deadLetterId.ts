// The ids GET /api/dead-letters gives dead letters, which the resubmit and discard routes take back:
// where it is (the broker's dead-letter sub-queue, or the app's own record) and how to find it there.
import { z } from 'zod';

export type DeadLetterRef =
  | { readonly source: 'broker'; readonly entity: string; readonly sequenceNumber: number }
  | { readonly source: 'app'; readonly entity: string; readonly messageId: string };

const refSchema = z.union([
  z.object({
    source: z.literal('broker'),
    entity: z.string().min(1),
    sequenceNumber: z.number().int().positive(),
  }),
  z.object({ source: z.literal('app'), entity: z.string().min(1), messageId: z.string().min(1) }),
]);

/** URL-safe and opaque. */
export function deadLetterId(ref: DeadLetterRef): string {
  return Buffer.from(JSON.stringify(ref), 'utf8').toString('base64url');
}

/** Undefined for anything this module did not make. */
export function parseDeadLetterId(id: string): DeadLetterRef | undefined {
  try {
    const parsed = refSchema.safeParse(JSON.parse(Buffer.from(id, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** How much of a dead letter's body a listing shows. */
export const DEAD_LETTER_PREVIEW_CHARS = 4096;

export function bodyPreview(text: string): { bodyPreview: string; bodyTruncated: boolean } {
  return text.length > DEAD_LETTER_PREVIEW_CHARS
    ? { bodyPreview: `${text.slice(0, DEAD_LETTER_PREVIEW_CHARS)}…`, bodyTruncated: true }
    : { bodyPreview: text, bodyTruncated: false };
}
