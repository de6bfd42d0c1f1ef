// The Durable management calls that report by status (shared/adapters/durable/DurableInstanceApi.ts) for
// the invocation's durableClient input, which the function must have registered like any durable client.
import type { InvocationContext } from '@azure/functions';
import {
  DurableInstanceApi,
  durableClientDataSchema,
} from '../../shared/adapters/durable/DurableInstanceApi';
import { formatZodIssues } from '../../shared/domain/validation/formatZodIssues';
import { NonRetryableError } from '../../shared/errors';

export function durableInstanceApi(context: InvocationContext): DurableInstanceApi {
  const input = context.options.extraInputs.find(
    (candidate) => candidate.type === 'durableClient' || candidate.type === 'orchestrationClient',
  );
  if (input === undefined) {
    throw new NonRetryableError(
      `Function '${context.functionName}' has no durableClient input: register it with extraInputs.`,
    );
  }
  const data = durableClientDataSchema.safeParse(context.extraInputs.get(input));
  if (!data.success) {
    const issues = formatZodIssues(data.error.issues, 'durableClient');
    throw new NonRetryableError(
      `The durableClient input of '${context.functionName}' is not what the Durable extension sends: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  return new DurableInstanceApi(data.data);
}
