// The replication lag check against the RPO: warn and fail thresholds (written in the catalog, or
// fractions of the RPO), and what a lag figure means.
import {
  DEFAULT_FAIL_FRACTION,
  DEFAULT_WARN_FRACTION,
  type ReplicationCheck,
} from '../catalog/replicationSchema';
import { secondsText } from './secondsText';
import type { CheckOutcome } from './ReadinessResult';

export interface LagThresholds {
  readonly warnAtSeconds: number;
  readonly failAtSeconds: number;
}

export function lagThresholds(
  check: Pick<ReplicationCheck, 'warnAtSeconds' | 'failAtSeconds'>,
  rpoSeconds: number,
): LagThresholds {
  const failAtSeconds = check.failAtSeconds ?? rpoSeconds * DEFAULT_FAIL_FRACTION;
  const warnAtSeconds = check.warnAtSeconds ?? Math.min(rpoSeconds * DEFAULT_WARN_FRACTION, failAtSeconds);
  return { warnAtSeconds, failAtSeconds };
}

/**
 * A lag at or above `failAt` fails (failing over now would lose more than the RPO allows, or as much);
 * at or above `warnAt` warns. With an RPO of zero any lag fails.
 */
export function lagOutcome(name: string, lagSeconds: number, thresholds: LagThresholds): CheckOutcome {
  const lag = `replication ${name} is ${secondsText(lagSeconds)} behind`;
  if (lagSeconds > 0 && lagSeconds >= thresholds.failAtSeconds) {
    return {
      kind: 'replication-lag',
      name,
      status: 'fail',
      reason: `${lag} (fails at ${secondsText(thresholds.failAtSeconds)})`,
    };
  }
  if (lagSeconds > 0 && lagSeconds >= thresholds.warnAtSeconds) {
    return {
      kind: 'replication-lag',
      name,
      status: 'warn',
      reason: `${lag} (warns at ${secondsText(thresholds.warnAtSeconds)})`,
    };
  }
  return {
    kind: 'replication-lag',
    name,
    status: 'pass',
    reason: `${lag} (warns at ${secondsText(thresholds.warnAtSeconds)})`,
  };
}

/** A lag that could not be read: the exposure is unknown, which degrades readiness. */
export function unreadableLag(name: string, why: string): CheckOutcome {
  return {
    kind: 'replication-lag',
    name,
    status: 'warn',
    reason: `replication ${name}: lag could not be read (${why})`,
  };
}
