// How an activity reports a failure that retrying cannot fix. durable-functions' RetryOptions cannot exempt
// an error type, so a thrown NonRetryableError would be retried to the policy's limit by the host (and the
// local engine alike); instead the activity returns this result, which no contract's output can look like,
// and the orchestration's activity helper turns it back into an error at the first attempt.
import { z } from 'zod';

/** The key that marks the result; a name no activity output uses. Stored in history: never rename. */
const MARK = '$lifeboatPermanentFailure';

export const permanentFailureSchema = z.object({
  [MARK]: z.object({
    /** The error class that was thrown (`NonRetryableError`, `ValidationError`). */
    error: z.string().min(1),
    message: z.string(),
  }),
});
export type PermanentFailure = z.infer<typeof permanentFailureSchema>;

export function permanentFailure(error: {
  readonly name: string;
  readonly message: string;
}): PermanentFailure {
  return { [MARK]: { error: error.name, message: error.message } };
}

/** The failure's error class and message when `result` is a permanent failure; otherwise undefined. */
export function readPermanentFailure(
  result: unknown,
): { readonly error: string; readonly message: string } | undefined {
  if (typeof result !== 'object' || result === null || !(MARK in result)) {
    return undefined;
  }
  const parsed = permanentFailureSchema.safeParse(result);
  return parsed.success ? parsed.data[MARK] : undefined;
}
