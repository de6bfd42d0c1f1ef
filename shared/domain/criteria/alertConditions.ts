// The conditions that read firing alerts only: severity, how many, how widespread, and for how long.
import { SEVERITIES, type Severity } from '../alerts/Severity';
import { type CountWithin } from './ActivationCondition';
import { type FiringAlert } from './deriveAlertStates';
import { type EvaluationContext, type LeafOutcome } from './EvaluationContext';
import { formatDuration } from './formatDuration';
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

/** At least `atLeast` firing alerts (distinct fingerprints) whose firedAt is within the window. */
export function evaluateAlertCount(rule: CountWithin, ctx: EvaluationContext): LeafOutcome {
  const count = firingWithin(rule.within, ctx).length;
  const fact = `${countOf(count, 'alert')} firing within ${formatDuration(rule.within, 'long')}`;
  return { met: count >= rule.atLeast, reason: `${fact} (needs ≥ ${rule.atLeast})`, fact };
}

/** At least `atLeast` distinct target resource ids (case-insensitive) across those alerts. */
export function evaluateDistinctResources(rule: CountWithin, ctx: EvaluationContext): LeafOutcome {
  const resources = new Set(
    firingWithin(rule.within, ctx).flatMap((alert) => alert.targetResourceIds.map((id) => id.toLowerCase())),
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

/** Firing alerts with now − window ≤ firedAt; alerts stamped after now (clock skew) count as inside. */
function firingWithin(windowMs: number, ctx: EvaluationContext): readonly FiringAlert[] {
  const since = ctx.nowMs - windowMs;
  return ctx.alerts.firing.filter((alert) => alert.firedAtMs >= since);
}

function highestSeverity(alerts: readonly FiringAlert[]): Severity | undefined {
  return SEVERITIES.find((severity) => alerts.some((alert) => alert.severity === severity));
}
