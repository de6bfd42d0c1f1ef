// A step's `retry`: a preset name, or an object overriding some fields of a preset.
import { z } from 'zod';
import { definedOnly } from '../catalog/definedOnly';
import { positiveDurationSchema } from '../catalog/duration';
import { RETRY_PRESET_NAMES, RETRY_PRESETS, type RetryPolicy, type RetryPresetName } from './retryPresets';

/** More would keep a failing step busy for longer than any RTO; it is almost certainly a typo. */
export const MAX_ATTEMPTS = 100;
export const MAX_BACKOFF_COEFFICIENT = 10;

const presetNameSchema = z
  .enum(RETRY_PRESET_NAMES, {
    error: (issue) =>
      `Unknown retry preset ${JSON.stringify(issue.input)}: expected one of ${RETRY_PRESET_NAMES.join(', ')}`,
  })
  .describe(`Retry preset: ${RETRY_PRESET_NAMES.join(', ')} (docs/runbooks.md).`);

const retryOverridesSchema = z
  .strictObject({
    preset: presetNameSchema.optional(),
    maxAttempts: z
      .int()
      .min(1)
      .max(MAX_ATTEMPTS)
      .optional()
      .describe('Attempts in all, the first included (1 = no retry).'),
    firstInterval: positiveDurationSchema('Wait before the second attempt.').optional(),
    backoffCoefficient: z
      .number()
      .min(1)
      .max(MAX_BACKOFF_COEFFICIENT)
      .optional()
      .describe('Each further wait is the previous one times this.'),
    maxInterval: positiveDurationSchema('Longest wait between attempts.').optional(),
  })
  .describe("A preset (the step type's default when left out) with some fields replaced.");

/** What the file may say: a preset name or overrides. Used for the JSON Schema; parsing goes through `retrySchema`. */
export const retryInputSchema = z
  .union([presetNameSchema, retryOverridesSchema])
  .describe(
    'Retry policy: a preset name, or { preset, maxAttempts, firstInterval, backoffCoefficient, maxInterval }.',
  );

/** The parsed form before the step type's default preset is known. */
export interface RetrySpec {
  readonly preset?: RetryPresetName;
  readonly maxAttempts?: number;
  readonly firstIntervalSeconds?: number;
  readonly backoffCoefficient?: number;
  readonly maxIntervalSeconds?: number;
}

// A bare name is read as `{ preset: name }`, so a wrong name gets one clear message instead of zod's
// union report ("expected a string, or an object...").
export const retrySchema = z
  .preprocess((value) => (typeof value === 'string' ? { preset: value } : value), retryOverridesSchema)
  .transform((retry): RetrySpec =>
    definedOnly({
      preset: retry.preset,
      maxAttempts: retry.maxAttempts,
      firstIntervalSeconds: retry.firstInterval,
      backoffCoefficient: retry.backoffCoefficient,
      maxIntervalSeconds: retry.maxInterval,
    }),
  );

/** The concrete policy: the spec's preset (or `defaultPreset`) with the spec's fields over it. */
export function resolveRetry(spec: RetrySpec | undefined, defaultPreset: RetryPresetName): RetryPolicy {
  const { preset = defaultPreset, ...overrides } = spec ?? {};
  return { ...RETRY_PRESETS[preset], ...overrides, preset };
}
