// Registers an activity behind its contract: input validated on the way in, output on the way out. A failure
// that retrying cannot fix (a bad input, a NonRetryableError or ValidationError from the implementation) is
// returned as a permanent failure instead of thrown, because the host retries every thrown error whatever its
// type; the orchestration's activity helper (orchestrations/support/callActivity.ts) fails at once on it.
import type { FunctionInput, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { z } from 'zod';
import type { ActivityContract } from '../../shared/domain/contracts/ActivityContract';
import { permanentFailure, type PermanentFailure } from '../../shared/domain/contracts/PermanentFailure';
import { formatZodIssues } from '../../shared/domain/validation/formatZodIssues';
import { isPermanentError } from '../../shared/errors';
import { invocationLogger } from '../../shared/logging';

export function registerActivity<I extends z.ZodType, O extends z.ZodType>(
  contract: ActivityContract<I, O>,
  implementation: (input: z.output<I>, context: InvocationContext) => Promise<z.input<O>>,
  options: { readonly extraInputs?: FunctionInput[] } = {},
): void {
  df.app.activity(contract.name, {
    ...(options.extraInputs ? { extraInputs: options.extraInputs } : {}),
    handler: async (raw: unknown, context: InvocationContext): Promise<z.output<O> | PermanentFailure> => {
      const input = contract.input.safeParse(raw);
      if (!input.success) {
        const issues = formatZodIssues(input.error.issues, 'input');
        return permanentFailure({
          name: 'ValidationError',
          message: `Activity '${contract.name}' got an invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        });
      }
      try {
        return contract.output.parse(await implementation(input.data, context));
      } catch (err) {
        if (!isPermanentError(err)) {
          throw err; // worth retrying: the caller's retry policy decides
        }
        invocationLogger(context).warn('Activity failed permanently', {
          activity: contract.name,
          error: err.name,
          reason: err.message,
        });
        return permanentFailure(err);
      }
    },
  });
}
