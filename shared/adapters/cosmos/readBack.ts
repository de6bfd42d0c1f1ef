// Items read back from Cosmos DB are checked like any input: one that fails its schema is a fault of the
// data, reported as such (a caller's input is checked by ../validated.ts).
import type { z } from 'zod';
import { formatZodIssues } from '../../domain/validation/formatZodIssues';

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
