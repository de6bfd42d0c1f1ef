// Zod schema for Azure Monitor times: ISO-8601 in current payloads, the legacy US form in older log contexts.
import { z } from 'zod';
import { parseIsoTimestamp } from '../parseIsoTimestamp';
import { parseLegacyUsDate } from './parseLegacyUsDate';

/** Parses either form into a UTC ISO string. */
export function parseAzureTimestamp(value: string): string | undefined {
  return parseIsoTimestamp(value) ?? parseLegacyUsDate(value);
}

export const azureTimestampSchema = z.string().transform((value, ctx) => {
  const iso = parseAzureTimestamp(value);
  if (iso === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'Invalid date-time: expected ISO-8601 with a zone (e.g. 2019-03-22T13:58:24.3713213Z)',
    });
    return z.NEVER;
  }
  return iso;
});
