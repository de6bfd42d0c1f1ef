// The probe condition: the primary's own health probes confirm that it is down, not just that alerts say so.
import { type ProbeFailures } from './ActivationCondition';
import { type ProbeResult } from './ActivationFacts';
import { type EvaluationContext, type LeafOutcome } from './EvaluationContext';
import { instantMillis } from './instantMillis';
import { listText } from './reasonText';

/**
 * A primary probe (results with target "primary", grouped by name) is failing when it has at least `atLeast`
 * results and its latest `atLeast` results (by `at`, then input order) all failed. With `probes: all` every
 * primary probe must be failing; with `probes: any` one is enough. No primary results: not met.
 */
export function evaluatePrimaryProbesFailing(rule: ProbeFailures, ctx: EvaluationContext): LeafOutcome {
  const byName = groupPrimaryProbes(ctx.probes);
  const names = [...byName.keys()].sort();
  const total = names.length;
  const inARow = rule.atLeast === 1 ? 'their latest check' : `${rule.atLeast} checks in a row`;
  if (total === 0) {
    const fact = 'no primary health probe results';
    const who = rule.probes === 'all' ? 'every primary probe' : 'a primary probe';
    return { met: false, reason: `${fact} (needs ${who} failing ${inARow})`, fact };
  }
  const failing = names.filter((name) => lastResultsFailed(byName.get(name) ?? [], rule.atLeast));
  const met = rule.probes === 'all' ? failing.length === total : failing.length > 0;
  // Naming the failing probes helps unless they are all of them.
  const which = failing.length > 0 && failing.length < total ? `: ${listText(failing)}` : '';
  const fact = `primary health probes: ${failing.length} of ${total} failing${which}`;
  if (met) {
    return { met, reason: `${fact} (${inARow})`, fact };
  }
  const who = rule.probes === 'all' ? `all ${total}` : 'at least 1';
  return { met, reason: `${fact} (needs ${who} failing ${inARow})`, fact };
}

/** Each primary probe's results, oldest first; equal times keep input order. */
function groupPrimaryProbes(probes: readonly ProbeResult[]): Map<string, ProbeResult[]> {
  const byName = new Map<string, { result: ProbeResult; atMs: number }[]>();
  for (const result of probes) {
    if (result.target !== 'primary') {
      continue;
    }
    const atMs = instantMillis(result.at);
    const list = byName.get(result.name) ?? [];
    list.push({ result, atMs: Number.isNaN(atMs) ? Number.NEGATIVE_INFINITY : atMs });
    byName.set(result.name, list);
  }
  const sorted = new Map<string, ProbeResult[]>();
  for (const [name, list] of byName) {
    // Array.prototype.sort is stable, so equal times keep input order.
    sorted.set(
      name,
      [...list]
        .sort((a, b) => (a.atMs === b.atMs ? 0 : a.atMs < b.atMs ? -1 : 1))
        .map((entry) => entry.result),
    );
  }
  return sorted;
}

function lastResultsFailed(results: readonly ProbeResult[], count: number): boolean {
  return results.length >= count && results.slice(-count).every((result) => !result.ok);
}
