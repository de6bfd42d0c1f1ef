// What a condition asks for, in a few words: the label of its result in the status API.
import { type ActivationCondition } from './ActivationCondition';
import { leafEntry, leafLabel } from './leafConditions';

export function conditionLabel(condition: ActivationCondition): string {
  if ('any' in condition) {
    return `any of ${condition.any.length}`;
  }
  if ('all' in condition) {
    return `all of ${condition.all.length}`;
  }
  if ('not' in condition) {
    return `not: ${conditionLabel(condition.not)}`;
  }
  return leafLabel(leafEntry(condition));
}
