// primaryProbesFailing: the primary's own health probes confirm that it is down, not just that alerts say so.
import { z } from 'zod';
import { type ProbeResult } from '../ActivationFacts';
import { type EvaluationContext, type LeafOutcome } from '../EvaluationContext';
import { instantMillis } from '../instantMillis';
import { listText } from '../reasonText';
import { unknownKeysMessage } from '../unknownKeysMessage';
import { atLeastSchema } from './countWithin';
import { leafCondition } from './LeafCondition';

/** Consecutive failed results per primary probe when `primaryProbesFailing` does not say. */
export const DEFAULT_PROBE_FAILURES = 3;

export const PROBE_QUORUMS = ['all', 'any'] as const;
export type ProbeQuorum = (typeof PROBE_QUORUMS)[number];

export interface ProbeFailures {
  /** Consecutive failed results, counting back from each probe's latest. */
  readonly atLeast: number;
  /** Whether every primary probe (`all`) or one of them (`any`) must be failing. */
  readonly probes: ProbeQuorum;
}

const probeFailuresSchema = z
  .strictObject(
    {
      atLeast: atLeastSchema
        .default(DEFAULT_PROBE_FAILURES)
        .describe(
          `Consecutive failed results, counting back from a probe's latest, that make it failing (default ${DEFAULT_PROBE_FAILURES}).`,
        ),
      probes: z
        .enum(PROBE_QUORUMS)
        .default('all')
        .describe('all (default): every primary probe must be failing; any: one failing probe is enough.'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? unknownKeysMessage(issue.keys, ['atLeast', 'probes'], 'key', 'primaryProbesFailing')
          : issue.code === 'invalid_type'
            ? 'Expected { atLeast?: <number>, probes?: all | any }; write {} for the defaults'
            : undefined,
    },
  )
  .describe('The primary region health probes are failing.');

export const primaryProbesFailing = leafCondition({
  schema: probeFailuresSchema,
  description: `The primary's health probes failed their last N results (default ${DEFAULT_PROBE_FAILURES}); all probes unless probes: any.`,
  label: ({ atLeast, probes }: ProbeFailures) => {
    const who = probes === 'all' ? 'all primary probes' : 'a primary probe';
    return `${who} failing ${atLeast === 1 ? 'their latest check' : `${atLeast} checks in a row`}`;
  },
  evaluate: (rule, ctx) => evaluatePrimaryProbesFailing(rule, ctx),
  readsPrimaryProbes: true,
});

/**
 * A primary probe (results with target "primary", grouped by name) is failing when it has at least `atLeast`
 * results and its latest `atLeast` results (by `at`, then input order) all failed. With `probes: all` every
 * primary probe must be failing; with `probes: any` one is enough. No primary results: not met.
 */
function evaluatePrimaryProbesFailing(rule: ProbeFailures, ctx: EvaluationContext): LeafOutcome {
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
