// minSeverity: at least one firing alert at a severity or worse (a lower Sev number is worse).
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../../alerts/Severity';
import type { FiringAlert } from '../deriveAlertStates';
import { leafCondition } from './LeafCondition';
import { NO_ALERTS_FIRING } from './alertWording';

export const minSeverity = leafCondition({
  schema: z.enum(SEVERITIES, {
    error: () => `Expected a severity: ${SEVERITIES.join(', ')} (Sev0 is the most severe)`,
  }),
  description: 'At least one firing alert at this severity or worse (Sev0 is the most severe).',
  label: (threshold) => `${threshold} or worse`,
  evaluate: (threshold, ctx) => {
    const highest = highestSeverity(ctx.alerts.firing);
    const needed = `${threshold} or worse`;
    if (highest === undefined) {
      return { met: false, reason: `${NO_ALERTS_FIRING} (needs ${needed})`, fact: NO_ALERTS_FIRING };
    }
    const fact = `highest severity is ${highest}`;
    return SEVERITIES.indexOf(highest) <= SEVERITIES.indexOf(threshold)
      ? { met: true, reason: `${needed}: highest is ${highest}`, fact }
      : { met: false, reason: `${fact} (needs ${needed})`, fact };
  },
});

function highestSeverity(alerts: readonly FiringAlert[]): Severity | undefined {
  return SEVERITIES.find((severity) => alerts.some((alert) => alert.severity === severity));
}
