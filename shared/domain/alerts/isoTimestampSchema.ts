// Zod schema that accepts an ISO-8601 date-time with a zone and yields it in UTC `toISOString()` form.
import { z } from 'zod';
import { parseIsoTimestamp } from './parseIsoTimestamp';

export const isoTimestampSchema = z.string().transform((value, ctx) => {
  const iso = parseIsoTimestamp(value);
  if (iso === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'Invalid date-time: expected ISO-8601 with a zone (e.g. 2026-11-20T08:13:00Z)',
    });
    return z.NEVER;
  }
  return iso;
});
