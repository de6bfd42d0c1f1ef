// The idempotency key of a step's calls: the same for every attempt of a round, so a target that dedupes on
// it applies the step once however often Lifeboat retries or re-runs the activity after a crash.
import type { RunbookPurpose } from '../incident/IncidentRunbook';

/**
 * An operator's retry-step starts a new round with a new key: the target may have stored the failed
 * outcome under the old one, and the operator wants the call made again.
 */
export function stepIdempotencyKey(
  incidentId: string,
  stepId: string,
  round: number,
  purpose: RunbookPurpose = 'failover',
): string {
  // A failback runbook may reuse a failover step's id for the opposite call: its keys must differ.
  const scope = purpose === 'failover' ? incidentId : `${incidentId}:${purpose}`;
  return round === 1 ? `lifeboat:${scope}:${stepId}` : `lifeboat:${scope}:${stepId}:round-${round}`;
}
