// Input checks of the Cosmos adapters: a caller's value that fails its schema is a ValidationError naming
// what and where; an item read back that fails its schema is a fault of the data, reported as such.
import type { z } from 'zod';
import { formatZodIssues } from '../../domain/validation/formatZodIssues';
import { ValidationError } from '../../errors';

export function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(`Invalid ${what}`, formatZodIssues(result.error.issues));
  }
  return result.data;
}

/** Documents read back are validated like any other input. */
export function readBack<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = formatZodIssues(result.error.issues)
      .map((i) => `${i.path || '(item)'}: ${i.message}`)
      .join('; ');
    throw new Error(`Cosmos DB returned an invalid ${what}: ${issues}`);
  }
  return result.data;
}
