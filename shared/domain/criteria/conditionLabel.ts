// What a condition asks for, in a few words: the label of its result in the status API.
import { type ActivationCondition, type ProbeFailures } from './ActivationCondition';
import { formatDuration } from '../wording/formatDuration';
import { countOf } from './reasonText';

export function conditionLabel(condition: ActivationCondition): string {
  if ('minSeverity' in condition) {
    return `${condition.minSeverity} or worse`;
  }
  if ('alertCount' in condition) {
    const { atLeast, within } = condition.alertCount;
    return `at least ${countOf(atLeast, 'alert')} within ${formatDuration(within)}`;
  }
  if ('distinctResources' in condition) {
    const { atLeast, within } = condition.distinctResources;
    return `at least ${countOf(atLeast, 'distinct resource')} within ${formatDuration(within)}`;
  }
  if ('sustainedFor' in condition) {
    return `sustained for ${formatDuration(condition.sustainedFor)}`;
  }
  if ('serviceHealthInPrimaryRegion' in condition) {
    return 'Service Health alert in the primary region';
  }
  if ('primaryProbesFailing' in condition) {
    return probesLabel(condition.primaryProbesFailing);
  }
  if ('any' in condition) {
    return `any of ${condition.any.length}`;
  }
  if ('all' in condition) {
    return `all of ${condition.all.length}`;
  }
  return `not: ${conditionLabel(condition.not)}`;
}

function probesLabel({ atLeast, probes }: ProbeFailures): string {
  const who = probes === 'all' ? 'all primary probes' : 'a primary probe';
  return `${who} failing ${atLeast === 1 ? 'their latest check' : `${atLeast} checks in a row`}`;
}
