// Registers an activity behind its contract: input validated on the way in, output on the way out.
// A bad input can never succeed on retry, so it fails with a NonRetryableError that names the fields.
import type { FunctionInput, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { z } from 'zod';
import type { ActivityContract } from '../../shared/domain/contracts/ActivityContract';
import { formatZodIssues } from '../../shared/domain/validation/formatZodIssues';
import { NonRetryableError } from '../../shared/errors';

export function registerActivity<I extends z.ZodType, O extends z.ZodType>(
  contract: ActivityContract<I, O>,
  implementation: (input: z.output<I>, context: InvocationContext) => Promise<z.input<O>>,
  options: { readonly extraInputs?: FunctionInput[] } = {},
): void {
  df.app.activity(contract.name, {
    ...(options.extraInputs ? { extraInputs: options.extraInputs } : {}),
    handler: async (raw: unknown, context: InvocationContext) => {
      const input = contract.input.safeParse(raw);
      if (!input.success) {
        const issues = formatZodIssues(input.error.issues, 'input');
        throw new NonRetryableError(
          `Activity '${contract.name}' got an invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
      }
      return contract.output.parse(await implementation(input.data, context));
    },
  });
}
