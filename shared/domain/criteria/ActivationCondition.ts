// One activation condition: a small object with exactly one key, a leaf condition (leafConditions.ts)
// recursively combined with any / all / not.
import { z } from 'zod';
import { nonNullValue } from '../../nonNull';
import {
  LEAF_CONDITIONS,
  LEAF_KEYS,
  toLeafCondition,
  type LeafActivationCondition,
  type LeafActivationConditionInput,
  type LeafKey,
} from './leafConditions';
import { unknownKeysMessage } from './unknownKeysMessage';

export const CONDITION_KEYS = [...LEAF_KEYS, 'any', 'all', 'not'] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];

/** A parsed condition: the YAML shape with durations in milliseconds and defaults filled in. */
export type ActivationCondition =
  | LeafActivationCondition
  | { readonly any: readonly ActivationCondition[] }
  | { readonly all: readonly ActivationCondition[] }
  | { readonly not: ActivationCondition };

/** What authors write (YAML or TypeScript): durations as text, probe settings optional. */
export type ActivationConditionInput =
  | LeafActivationConditionInput
  | { readonly any: readonly ActivationConditionInput[] }
  | { readonly all: readonly ActivationConditionInput[] }
  | { readonly not: ActivationConditionInput };

/** Parses one condition tree; nesting depth is limited by `activationConditionTreeSchema`, not here. */
export const activationConditionSchema: z.ZodType<ActivationCondition> = z
  .lazy(() => conditionSchema)
  // Names the recursive definition in the published JSON Schema ($defs.ActivationCondition).
  .meta({ id: 'ActivationCondition' });

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
      ...leafFields(),
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
    case 'any':
      return { any: nonNullValue(value.any, key) };
    case 'all':
      return { all: nonNullValue(value.all, key) };
    case 'not':
      return { not: nonNullValue(value.not, key) };
    default:
      return toLeafCondition(key, nonNullValue(value[key], key));
  }
}

/** Each leaf condition's key, optional, with its value's schema and description (leafConditions.ts). */
function leafFields(): { [Key in LeafKey]: z.ZodOptional<(typeof LEAF_CONDITIONS)[Key]['schema']> } {
  const fields = LEAF_KEYS.map((key) => [
    key,
    LEAF_CONDITIONS[key].schema.optional().describe(LEAF_CONDITIONS[key].description),
  ]);
  return Object.fromEntries(fields) as {
    [Key in LeafKey]: z.ZodOptional<(typeof LEAF_CONDITIONS)[Key]['schema']>;
  };
}
