// Evaluates a condition tree against the facts, keeping every node's outcome so the result can be explained.
import { type ActivationCondition } from './ActivationCondition';
import { conditionLabel } from './conditionLabel';
import { type EvaluationContext, type LeafOutcome } from './EvaluationContext';
import { formatZodPath } from '../validation/formatZodIssues';
import { evaluateLeaf, leafEntry } from './leafConditions';

export type EvaluatedKind = 'leaf' | 'any' | 'all' | 'not';

/** One node of an evaluated tree. */
export interface EvaluatedCondition extends LeafOutcome {
  readonly kind: EvaluatedKind;
  readonly path: string;
  readonly label: string;
  readonly children: readonly EvaluatedCondition[];
}

/** Every child is evaluated (no short-circuit), so the status API can show the whole tree. */
export function evaluateCondition(
  condition: ActivationCondition,
  ctx: EvaluationContext,
  path: readonly (string | number)[],
): EvaluatedCondition {
  const node = { path: formatZodPath(path), label: conditionLabel(condition) };
  if ('any' in condition || 'all' in condition) {
    const kind = 'any' in condition ? 'any' : 'all';
    const list = 'any' in condition ? condition.any : condition.all;
    const children = list.map((child, index) => evaluateCondition(child, ctx, [...path, kind, index]));
    return { ...node, kind, children, ...combine(kind, children, node.label) };
  }
  if ('not' in condition) {
    const child = evaluateCondition(condition.not, ctx, [...path, 'not']);
    return {
      ...node,
      kind: 'not',
      children: [child],
      met: !child.met,
      // The child's "(needs …)" is the opposite of what not needs, so show what was observed.
      reason: child.met ? `must not be the case: ${child.fact}` : child.fact,
      fact: child.fact,
    };
  }
  return { ...node, kind: 'leaf', children: [], ...evaluateLeaf(leafEntry(condition), ctx) };
}

function combine(kind: 'any' | 'all', children: readonly EvaluatedCondition[], label: string): LeafOutcome {
  const total = children.length;
  const metCount = children.filter((child) => child.met).length;
  const fact = `${label}: ${metCount} of ${total} met`;
  if (kind === 'all') {
    const met = metCount === total;
    if (total === 1) {
      return { met, reason: met ? 'its one condition is met' : 'its one condition is not met', fact };
    }
    return met
      ? { met, reason: `all ${total} conditions met`, fact }
      : { met, reason: `${metCount} of ${total} conditions met (needs all ${total})`, fact };
  }
  const met = metCount > 0;
  return met
    ? { met, reason: `${metCount} of ${total} alternatives met`, fact }
    : { met, reason: `none of ${total} alternatives met (needs at least 1)`, fact };
}
