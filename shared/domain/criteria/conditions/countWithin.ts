// The value of the counting conditions (alertCount, distinctResources): at least N within a window ending now.
import { z } from 'zod';
import { criteriaDurationSchema } from '../criteriaDuration';
import { unknownKeysMessage } from '../unknownKeysMessage';

export interface CountWithin {
  readonly atLeast: number;
  /** Window length in milliseconds, ending at `facts.now`. */
  readonly within: number;
}

export const atLeastSchema = z
  .int({ error: () => 'Expected a whole number of at least 1' })
  .min(1, { error: () => 'Expected a whole number of at least 1' });

/** `key` and `counted` word the errors and the description: `alertCount`, `alerts (distinct fingerprints)`. */
export function countWithinSchema(key: string, counted: string) {
  return z
    .strictObject(
      {
        atLeast: atLeastSchema.describe(`How many ${counted} are needed (at least 1).`),
        within: criteriaDurationSchema.describe(
          `Window ending now in which those alerts fired: 30s, 5m, 1h30m, 2d (at most 30d).`,
        ),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? unknownKeysMessage(issue.keys, ['atLeast', 'within'], 'key', key)
            : issue.code === 'invalid_type'
              ? `Expected { atLeast: <number>, within: <duration> }, e.g. { atLeast: 2, within: 10m }`
              : undefined,
      },
    )
    .describe(`At least N ${counted} among firing alerts that fired within the window.`);
}
