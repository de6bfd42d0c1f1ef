// Durations in activation criteria ("30s", "5m", "1h30m", "2d"), parsed to milliseconds for evaluation.
import { z } from 'zod';

const MS_PER_UNIT = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/** Observation windows longer than a month say more about a mistyped unit than about a disaster. */
export const CRITERIA_DURATION_MAX_MS = 30 * MS_PER_UNIT.d;

/**
 * Whole numbers with units in the order d, h, m, s, each at most once, optionally separated by one space:
 * `30s`, `5m`, `1h30m`, `1h 30m`, `2d`. Also the `pattern` of the published JSON Schema.
 */
export const CRITERIA_DURATION_PATTERN = /^(?=\d)(?:(\d+)d)?(?: ?(\d+)h)?(?: ?(\d+)m)?(?: ?(\d+)s)?$/;

const EXAMPLES = 'e.g. 30s, 5m, 1h30m or 2d';

/** Milliseconds for a duration in the criteria syntax, or undefined when the text is not one. */
export function parseCriteriaDuration(text: string): number | undefined {
  const match = CRITERIA_DURATION_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  const [, days, hours, minutes, seconds] = match;
  return (
    Number(days ?? 0) * MS_PER_UNIT.d +
    Number(hours ?? 0) * MS_PER_UNIT.h +
    Number(minutes ?? 0) * MS_PER_UNIT.m +
    Number(seconds ?? 0) * MS_PER_UNIT.s
  );
}

/** Accepts the duration text YAML authors write and outputs milliseconds (more than 0, at most 30 days). */
export const criteriaDurationSchema = z
  .string({ error: () => `Expected a duration such as 30s, 5m, 1h30m or 2d` })
  .regex(CRITERIA_DURATION_PATTERN, {
    error: (issue) =>
      `Invalid duration ${JSON.stringify(issue.input)}: write whole numbers with units d, h, m, s in that order, ${EXAMPLES}`,
  })
  .transform((text, ctx) => {
    const ms = parseCriteriaDuration(text) ?? 0;
    if (ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `Duration "${text}" must be longer than 0s` });
      return z.NEVER;
    }
    if (ms > CRITERIA_DURATION_MAX_MS) {
      ctx.addIssue({ code: 'custom', message: `Duration "${text}" must be at most 30d` });
      return z.NEVER;
    }
    return ms;
  });
