// A workload's activation criteria: when an incident warrants DR activation, and when it is dismissed as a blip.
import { z } from 'zod';
import { type ActivationConditionInput, activationConditionSchema } from './ActivationCondition';
import { findTooDeepCondition, MAX_CONDITION_DEPTH } from './conditionDepth';
import { unknownKeysMessage } from './unknownKeysMessage';

export const DISMISS_RULES = ['allResolved'] as const;
export type DismissRule = (typeof DISMISS_RULES)[number];

/** A condition tree no deeper than MAX_CONDITION_DEPTH levels; the depth is checked before anything else. */
export const activationConditionTreeSchema = z.preprocess((raw, ctx) => {
  const tooDeep = findTooDeepCondition(raw);
  if (tooDeep !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: tooDeep.path,
      input: raw,
      message:
        `Conditions nest at most ${MAX_CONDITION_DEPTH} levels deep (counting any, all and not); ` +
        `this one is at level ${tooDeep.level}: flatten nested all: / any: lists`,
    });
    return z.NEVER;
  }
  return raw;
}, activationConditionSchema);

const CRITERIA_KEYS = ['activateWhen', 'dismissWhen'] as const;

export const activationCriteriaSchema = z
  .strictObject(
    {
      activateWhen: activationConditionTreeSchema.describe(
        'The condition under which the incident asks for DR activation; until it holds, the incident is observed.',
      ),
      dismissWhen: z
        .enum(DISMISS_RULES, {
          error: () => 'dismissWhen supports only allResolved (the default)',
        })
        .default('allResolved')
        .describe(
          'allResolved (the default and only rule): dismiss the incident once every alert in it has resolved.',
        ),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? unknownKeysMessage(issue.keys, CRITERIA_KEYS, 'key', 'activation criteria')
          : issue.code === 'invalid_type'
            ? 'Expected activation criteria: an object with activateWhen and optionally dismissWhen'
            : undefined,
    },
  )
  .meta({
    title: 'Activation criteria',
    description:
      'When an incident is a disaster (activate), still a possible blip (observe) or over (dismiss). ' +
      'See docs/activation-criteria.md.',
  });

/** Parsed criteria: durations in milliseconds, defaults filled in. */
export type ActivationCriteria = z.output<typeof activationCriteriaSchema>;

/** What authors write: the YAML shape, durations as text, dismissWhen optional. */
export interface ActivationCriteriaInput {
  readonly activateWhen: ActivationConditionInput;
  readonly dismissWhen?: DismissRule;
}
