// The input check every store adapter makes: a caller's value that fails its schema is a ValidationError
// naming what and where.
import type { z } from 'zod';
import { formatZodIssues } from '../domain/validation/formatZodIssues';
import { ValidationError } from '../errors';

export function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(`Invalid ${what}`, formatZodIssues(result.error.issues));
  }
  return result.data;
}
