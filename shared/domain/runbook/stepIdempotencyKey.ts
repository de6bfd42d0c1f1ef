// The idempotency key of a step's calls: the same for every attempt of a round, so a target that dedupes on
// it applies the step once however often Lifeboat retries or re-runs the activity after a crash.
/**
 * An operator's retry-step starts a new round with a new key: the target may have stored the failed
 * outcome under the old one, and the operator wants the call made again.
 */
export function stepIdempotencyKey(incidentId: string, stepId: string, round: number): string {
  return round === 1 ? `lifeboat:${incidentId}:${stepId}` : `lifeboat:${incidentId}:${stepId}:round-${round}`;
}
