// The conditions that read firing alerts only: severity, how many, how widespread, and for how long.
import { SEVERITIES, type Severity } from '../alerts/Severity';
import { type CountWithin } from './ActivationCondition';
import { type FiringAlert } from './deriveAlertStates';
import { type EvaluationContext, type LeafOutcome } from './EvaluationContext';
import { formatDuration } from '../wording/formatDuration';
import { countOf } from './reasonText';

const NO_ALERTS_FIRING = 'no alerts firing';

/** At least one firing alert at `threshold` or worse (a lower Sev number is worse). */
export function evaluateMinSeverity(threshold: Severity, ctx: EvaluationContext): LeafOutcome {
  const highest = highestSeverity(ctx.alerts.firing);
  const needed = `${threshold} or worse`;
  if (highest === undefined) {
    return { met: false, reason: `${NO_ALERTS_FIRING} (needs ${needed})`, fact: NO_ALERTS_FIRING };
  }
  const fact = `highest severity is ${highest}`;
  return SEVERITIES.indexOf(highest) <= SEVERITIES.indexOf(threshold)
    ? { met: true, reason: `${needed}: highest is ${highest}`, fact }
    : { met: false, reason: `${fact} (needs ${needed})`, fact };
}

/** At least `atLeast` alerts (distinct fingerprints) active during the window. */
export function evaluateAlertCount(rule: CountWithin, ctx: EvaluationContext): LeafOutcome {
  const count = activeWithin(rule.within, ctx).length;
  const fact = `${countOf(count, 'alert')} active within ${formatDuration(rule.within, 'long')}`;
  return { met: count >= rule.atLeast, reason: `${fact} (needs ≥ ${rule.atLeast})`, fact };
}

/** At least `atLeast` distinct target resource ids (case-insensitive) across those alerts. */
export function evaluateDistinctResources(rule: CountWithin, ctx: EvaluationContext): LeafOutcome {
  const resources = new Set(
    activeWithin(rule.within, ctx).flatMap((alert) => alert.targetResourceIds.map((id) => id.toLowerCase())),
  );
  const count = resources.size;
  const fact = `${countOf(count, 'distinct resource')} alerting within ${formatDuration(rule.within, 'long')}`;
  return { met: count >= rule.atLeast, reason: `${fact} (needs ≥ ${rule.atLeast})`, fact };
}

/** The earliest firedAt among firing alerts is at least `durationMs` before now. */
export function evaluateSustainedFor(durationMs: number, ctx: EvaluationContext): LeafOutcome {
  const needed = `${formatDuration(durationMs)} sustained`;
  const firedAts = ctx.alerts.firing.map((alert) => alert.firedAtMs).filter((ms) => Number.isFinite(ms));
  if (firedAts.length === 0) {
    return { met: false, reason: `${NO_ALERTS_FIRING} (needs ${needed})`, fact: NO_ALERTS_FIRING };
  }
  const elapsed = ctx.nowMs - firedAts.reduce((a, b) => Math.min(a, b));
  const fact = `firing for ${formatDuration(elapsed)}`;
  return { met: elapsed >= durationMs, reason: `${fact} (needs ${needed})`, fact };
}

/**
 * Alerts active at some point of `[now − window, now]`: every alert firing now (however long ago it
 * started: a resource down for an hour is still down), and resolved alerts whose resolution falls in the
 * window. Resolutions stamped after now (clock skew) count as inside.
 */
function activeWithin(
  windowMs: number,
  ctx: EvaluationContext,
): readonly { readonly targetResourceIds: readonly string[] }[] {
  const since = ctx.nowMs - windowMs;
  return [...ctx.alerts.firing, ...ctx.alerts.resolved.filter((alert) => alert.resolvedAtMs >= since)];
}

function highestSeverity(alerts: readonly FiringAlert[]): Severity | undefined {
  return SEVERITIES.find((severity) => alerts.some((alert) => alert.severity === severity));
}
