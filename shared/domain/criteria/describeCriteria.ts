// Activation criteria in words, as an indented outline: what the printable runbook, the workloads page and
// the report show people who cannot read the YAML (or cannot reach Lifeboat).
import type { ActivationCondition } from './ActivationCondition';
import type { ActivationCriteria } from './ActivationCriteria';
import { conditionLabel } from './conditionLabel';

export interface CriteriaLine {
  /** Nesting level, 0 for the top. */
  readonly depth: number;
  readonly text: string;
}

const DISMISS_WORDS: Readonly<Record<ActivationCriteria['dismissWhen'], string>> = {
  allResolved: 'Dismissed as a blip once every alert in the incident has resolved.',
};

export function describeCriteria(criteria: ActivationCriteria): {
  activateWhen: CriteriaLine[];
  dismissWhen: string;
} {
  const lines: CriteriaLine[] = [];
  describeCondition(criteria.activateWhen, 0, lines);
  return { activateWhen: lines, dismissWhen: DISMISS_WORDS[criteria.dismissWhen] };
}

function describeCondition(condition: ActivationCondition, depth: number, out: CriteriaLine[]): void {
  if ('all' in condition) {
    out.push({ depth, text: `All of these (${condition.all.length}):` });
    for (const child of condition.all) describeCondition(child, depth + 1, out);
  } else if ('any' in condition) {
    out.push({ depth, text: `Any one of these (${condition.any.length}):` });
    for (const child of condition.any) describeCondition(child, depth + 1, out);
  } else if ('not' in condition) {
    out.push({ depth, text: 'Not this:' });
    describeCondition(condition.not, depth + 1, out);
  } else {
    const label = conditionLabel(condition);
    out.push({ depth, text: label.charAt(0).toUpperCase() + label.slice(1) });
  }
}
