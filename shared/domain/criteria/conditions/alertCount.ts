// alertCount: at least N alerts (distinct fingerprints) active during a window ending now.
import { formatDuration } from '../../wording/formatDuration';
import { countOf } from '../reasonText';
import { activeWithin } from './alertWording';
import { countWithinSchema } from './countWithin';
import { leafCondition } from './LeafCondition';

export const alertCount = leafCondition({
  schema: countWithinSchema('alertCount', 'alerts (distinct fingerprints)'),
  description: 'At least N firing alerts (distinct fingerprints) that fired within the window.',
  label: ({ atLeast, within }) => `at least ${countOf(atLeast, 'alert')} within ${formatDuration(within)}`,
  evaluate: (rule, ctx) => {
    const count = activeWithin(rule.within, ctx).length;
    const fact = `${countOf(count, 'alert')} active within ${formatDuration(rule.within, 'long')}`;
    return { met: count >= rule.atLeast, reason: `${fact} (needs ≥ ${rule.atLeast})`, fact };
  },
});
