// sustainedFor: the earliest currently firing alert fired at least this long ago, so a blip has had time to heal.
import { formatDuration } from '../../wording/formatDuration';
import { criteriaDurationSchema } from '../criteriaDuration';
import { NO_ALERTS_FIRING } from './alertWording';
import { leafCondition } from './LeafCondition';

export const sustainedFor = leafCondition({
  schema: criteriaDurationSchema,
  description: 'The earliest currently firing alert fired at least this long ago: 30s, 5m, 1h30m, 2d.',
  label: (durationMs) => `sustained for ${formatDuration(durationMs)}`,
  evaluate: (durationMs, ctx) => {
    const needed = `${formatDuration(durationMs)} sustained`;
    const firedAts = ctx.alerts.firing.map((alert) => alert.firedAtMs).filter((ms) => Number.isFinite(ms));
    if (firedAts.length === 0) {
      return { met: false, reason: `${NO_ALERTS_FIRING} (needs ${needed})`, fact: NO_ALERTS_FIRING };
    }
    const elapsed = ctx.nowMs - firedAts.reduce((a, b) => Math.min(a, b));
    const fact = `firing for ${formatDuration(elapsed)}`;
    return { met: elapsed >= durationMs, reason: `${fact} (needs ${needed})`, fact };
  },
});
