// What the conditions that read firing alerts say the same way.
import type { EvaluationContext } from '../EvaluationContext';

export const NO_ALERTS_FIRING = 'no alerts firing';

/**
 * Alerts active at some point of `[now − window, now]`: every alert firing now (however long ago it
 * started: a resource down for an hour is still down), and resolved alerts whose resolution falls in the
 * window. Resolutions stamped after now (clock skew) count as inside.
 */
export function activeWithin(
  windowMs: number,
  ctx: EvaluationContext,
): readonly { readonly targetResourceIds: readonly string[] }[] {
  const since = ctx.nowMs - windowMs;
  return [...ctx.alerts.firing, ...ctx.alerts.resolved.filter((alert) => alert.resolvedAtMs >= since)];
}
