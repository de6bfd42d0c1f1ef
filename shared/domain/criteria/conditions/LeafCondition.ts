// What makes a leaf activation condition (conditions/): the key authors write, the schema of its value, what
// it asks for in a few words (its label in the status API) and how it is evaluated against the facts.
// Combinators (any / all / not) are not leaves: ActivationCondition.ts defines them over every leaf.
import type { z } from 'zod';
import type { EvaluationContext, LeafOutcome } from '../EvaluationContext';

export interface LeafCondition<Schema extends z.ZodType> {
  /**
   * The value under the condition's key, as authors write it (YAML or TypeScript) and as it is parsed:
   * durations in milliseconds, defaults filled in. Its error messages are what catalog authors read.
   */
  readonly schema: Schema;
  /** The condition's description in the published JSON Schema and in editors. */
  readonly description: string;
  /** `Sev1 or worse`, `at least 3 alerts within 10m`: what the condition asks for. */
  readonly label: (value: z.output<Schema>) => string;
  /** What the condition found: whether it is met, and the reason approvers read. */
  readonly evaluate: (value: z.output<Schema>, ctx: EvaluationContext) => LeafOutcome;
  /** Set when the condition reads the primary's health probes: only then does an assessment probe the primary. */
  readonly readsPrimaryProbes?: boolean;
}

/** Infers the schema type, so a condition module needs no type annotation. */
export function leafCondition<Schema extends z.ZodType>(
  condition: LeafCondition<Schema>,
): LeafCondition<Schema> {
  return condition;
}
