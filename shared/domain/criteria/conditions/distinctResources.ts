// distinctResources: at least N distinct target resource ids (case-insensitive) across the alerts active
// during a window ending now: how widespread the failure is.
import { formatDuration } from '../../wording/formatDuration';
import { countOf } from '../reasonText';
import { activeWithin } from './alertWording';
import { countWithinSchema } from './countWithin';
import { leafCondition } from './LeafCondition';

export const distinctResources = leafCondition({
  schema: countWithinSchema('distinctResources', 'distinct target resource ids'),
  description: 'At least N distinct target resources across firing alerts that fired within the window.',
  label: ({ atLeast, within }) =>
    `at least ${countOf(atLeast, 'distinct resource')} within ${formatDuration(within)}`,
  evaluate: (rule, ctx) => {
    const resources = new Set(
      activeWithin(rule.within, ctx).flatMap((alert) =>
        alert.targetResourceIds.map((id) => id.toLowerCase()),
      ),
    );
    const count = resources.size;
    const fact = `${countOf(count, 'distinct resource')} alerting within ${formatDuration(rule.within, 'long')}`;
    return { met: count >= rule.atLeast, reason: `${fact} (needs ≥ ${rule.atLeast})`, fact };
  },
});
