// Decides whether an incident is over: with allResolved, when no alert of it is firing any more.
import { type ConditionResult } from './ActivationEvaluation';
import { type DismissRule } from './ActivationCriteria';
import { type EvaluationContext } from './EvaluationContext';
import { formatDuration } from '../wording/formatDuration';

export function evaluateDismissRule(_rule: DismissRule, ctx: EvaluationContext): ConditionResult {
  const firing = ctx.alerts.firing.length;
  const resolved = ctx.alerts.resolvedCount;
  const total = firing + resolved;
  const node = { path: 'dismissWhen', label: 'all alerts resolved' };
  if (firing > 0) {
    const reason = total === 1 ? 'the alert is still firing' : `${firing} of ${total} alerts still firing`;
    return { ...node, met: false, reason };
  }
  if (total === 0) {
    return { ...node, met: true, reason: 'no alerts in this incident' };
  }
  const last = ctx.alerts.lastResolvedAtMs;
  const ago = last !== undefined && ctx.nowMs >= last ? formatDuration(ctx.nowMs - last) : undefined;
  const reason =
    total === 1
      ? `the alert has resolved${ago === undefined ? '' : ` (${ago} ago)`}`
      : `all ${total} alerts have resolved${ago === undefined ? '' : ` (the last ${ago} ago)`}`;
  return { ...node, met: true, reason };
}
