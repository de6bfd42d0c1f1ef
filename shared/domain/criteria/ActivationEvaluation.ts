// What evaluating activation criteria returns: a decision, the reasons approvers read, and the full result tree.
import { z } from 'zod';

export const ACTIVATION_DECISIONS = ['activate', 'observe', 'dismiss'] as const;
export const activationDecisionSchema = z.enum(ACTIVATION_DECISIONS);
export type ActivationDecision = z.infer<typeof activationDecisionSchema>;

/** The outcome of one condition, for the status API; combinators carry their children's outcomes. */
export interface ConditionResult {
  /** Where the condition is in the criteria: `activateWhen.all[1].any[0]`, `dismissWhen`. */
  readonly path: string;
  /** What the condition asks for, in words: `Sev1 or worse`, `sustained for 5m`, `any of 3`. */
  readonly label: string;
  readonly met: boolean;
  /** What was observed and, when it matters, what is needed; written for a human. */
  readonly reason: string;
  readonly children?: readonly ConditionResult[];
}

export const conditionResultSchema: z.ZodType<ConditionResult> = z.lazy(() =>
  z.object({
    path: z.string(),
    label: z.string(),
    met: z.boolean(),
    reason: z.string(),
    children: z.array(conditionResultSchema).optional(),
  }),
);

/** Crosses the activity boundary when an activity evaluates, hence a schema. */
export const activationEvaluationSchema = z.object({
  decision: activationDecisionSchema,
  /** activate: what made the criteria hold; observe: what is still missing; dismiss: why it is over. */
  reasons: z.array(z.string()),
  /** `activateWhen`'s result tree, then `dismissWhen`'s result. */
  conditions: z.array(conditionResultSchema),
});
export type ActivationEvaluation = z.infer<typeof activationEvaluationSchema>;
