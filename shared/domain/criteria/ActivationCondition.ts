// One activation condition: a small object with exactly one key, recursively combined with any / all / not.
import { z } from 'zod';
import { nonNullValue } from '../../nonNull';
import { type Severity, SEVERITIES } from '../alerts/Severity';
import { criteriaDurationSchema } from './criteriaDuration';
import { unknownKeysMessage } from './unknownKeysMessage';

export const CONDITION_KEYS = [
  'minSeverity',
  'alertCount',
  'distinctResources',
  'sustainedFor',
  'serviceHealthInPrimaryRegion',
  'primaryProbesFailing',
  'any',
  'all',
  'not',
] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];

/** Consecutive failed results per primary probe when `primaryProbesFailing` does not say. */
export const DEFAULT_PROBE_FAILURES = 3;

export const PROBE_QUORUMS = ['all', 'any'] as const;
export type ProbeQuorum = (typeof PROBE_QUORUMS)[number];

export interface CountWithin {
  readonly atLeast: number;
  /** Window length in milliseconds, ending at `facts.now`. */
  readonly within: number;
}

export interface ProbeFailures {
  /** Consecutive failed results, counting back from each probe's latest. */
  readonly atLeast: number;
  /** Whether every primary probe (`all`) or one of them (`any`) must be failing. */
  readonly probes: ProbeQuorum;
}

/** A parsed condition: the YAML shape with durations in milliseconds and defaults filled in. */
export type ActivationCondition =
  | { readonly minSeverity: Severity }
  | { readonly alertCount: CountWithin }
  | { readonly distinctResources: CountWithin }
  | { readonly sustainedFor: number }
  | { readonly serviceHealthInPrimaryRegion: true }
  | { readonly primaryProbesFailing: ProbeFailures }
  | { readonly any: readonly ActivationCondition[] }
  | { readonly all: readonly ActivationCondition[] }
  | { readonly not: ActivationCondition };

/** What authors write (YAML or TypeScript): durations as text, probe settings optional. */
export type ActivationConditionInput =
  | { readonly minSeverity: Severity }
  | { readonly alertCount: { readonly atLeast: number; readonly within: string } }
  | { readonly distinctResources: { readonly atLeast: number; readonly within: string } }
  | { readonly sustainedFor: string }
  | { readonly serviceHealthInPrimaryRegion: true }
  | { readonly primaryProbesFailing: { readonly atLeast?: number; readonly probes?: ProbeQuorum } }
  | { readonly any: readonly ActivationConditionInput[] }
  | { readonly all: readonly ActivationConditionInput[] }
  | { readonly not: ActivationConditionInput };

/** Parses one condition tree; nesting depth is limited by `activationConditionTreeSchema`, not here. */
export const activationConditionSchema: z.ZodType<ActivationCondition> = z
  .lazy(() => conditionSchema)
  // Names the recursive definition in the published JSON Schema ($defs.ActivationCondition).
  .meta({ id: 'ActivationCondition' });

const atLeastSchema = z
  .int({ error: () => 'Expected a whole number of at least 1' })
  .min(1, { error: () => 'Expected a whole number of at least 1' });

function countWithinSchema(key: ConditionKey, counted: string): z.ZodType<CountWithin> {
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

const probeFailuresSchema: z.ZodType<ProbeFailures> = z
  .strictObject(
    {
      atLeast: atLeastSchema
        .default(DEFAULT_PROBE_FAILURES)
        .describe(
          `Consecutive failed results, counting back from a probe's latest, that make it failing (default ${DEFAULT_PROBE_FAILURES}).`,
        ),
      probes: z
        .enum(PROBE_QUORUMS)
        .default('all')
        .describe('all (default): every primary probe must be failing; any: one failing probe is enough.'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? unknownKeysMessage(issue.keys, ['atLeast', 'probes'], 'key', 'primaryProbesFailing')
          : issue.code === 'invalid_type'
            ? 'Expected { atLeast?: <number>, probes?: all | any }; write {} for the defaults'
            : undefined,
    },
  )
  .describe('The primary region health probes are failing.');

const conditionListSchema = (key: 'any' | 'all', meaning: string) =>
  z
    .array(activationConditionSchema)
    .min(1, { error: () => `${key} needs at least one condition` })
    .describe(meaning);

const CONDITION_OBJECT_HINT = `an object with exactly one key: ${CONDITION_KEYS.join(', ')}`;

/** The object before the one-key rule is applied: every key optional, unknown keys rejected. */
const conditionObjectSchema = z
  .strictObject(
    {
      minSeverity: z
        .enum(SEVERITIES, {
          error: () => `Expected a severity: ${SEVERITIES.join(', ')} (Sev0 is the most severe)`,
        })
        .optional()
        .describe('At least one firing alert at this severity or worse (Sev0 is the most severe).'),
      alertCount: countWithinSchema('alertCount', 'alerts (distinct fingerprints)')
        .optional()
        .describe('At least N firing alerts (distinct fingerprints) that fired within the window.'),
      distinctResources: countWithinSchema('distinctResources', 'distinct target resource ids')
        .optional()
        .describe('At least N distinct target resources across firing alerts that fired within the window.'),
      sustainedFor: criteriaDurationSchema
        .optional()
        .describe('The earliest currently firing alert fired at least this long ago: 30s, 5m, 1h30m, 2d.'),
      serviceHealthInPrimaryRegion: z
        .literal(true, {
          error: () => 'Write serviceHealthInPrimaryRegion: true (wrap it in not: to require the opposite)',
        })
        .optional()
        .describe(
          "A firing Azure Service Health alert impacts one of the workload's services in its primary region.",
        ),
      primaryProbesFailing: probeFailuresSchema
        .optional()
        .describe(
          `The primary's health probes failed their last N results (default ${DEFAULT_PROBE_FAILURES}); all probes unless probes: any.`,
        ),
      any: conditionListSchema('any', 'At least one of these conditions holds.').optional(),
      all: conditionListSchema('all', 'Every one of these conditions holds.').optional(),
      not: activationConditionSchema.optional().describe('This condition does not hold.'),
    },
    {
      error: (issue) => {
        if (issue.code === 'unrecognized_keys') {
          return unknownKeysMessage(issue.keys, CONDITION_KEYS, 'condition');
        }
        if (issue.code === 'invalid_type') {
          return Array.isArray(issue.input)
            ? 'Expected one condition, got a list: put the list under all: (every one holds) or any: (at least one holds)'
            : `Expected a condition: ${CONDITION_OBJECT_HINT}`;
        }
        return undefined;
      },
    },
  )
  .meta({
    title: 'Activation condition',
    description: `One condition: ${CONDITION_OBJECT_HINT}.`,
    minProperties: 1,
    maxProperties: 1,
  });

type ConditionObject = z.output<typeof conditionObjectSchema>;

/** Applies the one-key rule and turns the object into the condition it names. */
const conditionSchema = conditionObjectSchema.transform((value, ctx): ActivationCondition => {
  if (ctx.issues.length > 0) {
    // An unknown key already explains what is wrong; "exactly one key" would only add noise.
    return z.NEVER;
  }
  const keys = CONDITION_KEYS.filter((key) => value[key] !== undefined);
  const [key] = keys;
  if (key === undefined || keys.length > 1) {
    ctx.addIssue({
      code: 'custom',
      input: value,
      message:
        key === undefined
          ? `Empty condition: expected ${CONDITION_OBJECT_HINT}`
          : `A condition has exactly one key, this one has ${keys.length} (${keys.join(', ')}): ` +
            'list them under all: (every one holds) or any: (at least one holds)',
    });
    return z.NEVER;
  }
  return toCondition(key, value);
});

/** The caller checked that `key` is the one key present; nonNullValue documents that rather than casting. */
function toCondition(key: ConditionKey, value: ConditionObject): ActivationCondition {
  switch (key) {
    case 'minSeverity':
      return { minSeverity: nonNullValue(value.minSeverity, key) };
    case 'alertCount':
      return { alertCount: nonNullValue(value.alertCount, key) };
    case 'distinctResources':
      return { distinctResources: nonNullValue(value.distinctResources, key) };
    case 'sustainedFor':
      return { sustainedFor: nonNullValue(value.sustainedFor, key) };
    case 'serviceHealthInPrimaryRegion':
      return { serviceHealthInPrimaryRegion: nonNullValue(value.serviceHealthInPrimaryRegion, key) };
    case 'primaryProbesFailing':
      return { primaryProbesFailing: nonNullValue(value.primaryProbesFailing, key) };
    case 'any':
      return { any: nonNullValue(value.any, key) };
    case 'all':
      return { all: nonNullValue(value.all, key) };
    case 'not':
      return { not: nonNullValue(value.not, key) };
  }
}
