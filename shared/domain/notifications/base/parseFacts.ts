// Checks a message's facts against their schema before anything is rendered from them.
import type { z } from 'zod';
import { ValidationError } from '../../../errors';
import { formatZodIssues } from '../../validation/formatZodIssues';

/** The facts as the schema parses them; a ValidationError whose message names every problem otherwise. */
export function parseFacts<S extends z.ZodType>(schema: S, facts: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(facts);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues);
    // The details go into the message too: an activity's failure keeps only the message.
    throw new ValidationError(
      `${what} facts are invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return parsed.data;
}
