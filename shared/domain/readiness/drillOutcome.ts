// The last drill against the tier's drill frequency: never drilled, drilled too long ago, or the runbook
// changed since the last drill each degrade readiness (the plan has not been proven as it stands).
import type { CheckOutcome } from './ReadinessResult';
import { secondsText } from './secondsText';

export interface LastDrill {
  readonly incidentId: string;
  /** When the drill ended (or was detected, while it runs). */
  readonly at: string;
  readonly status: string;
}

export function drillOutcome(
  lastDrill: LastDrill | undefined,
  drillEverySeconds: number,
  runbookSince: string | undefined,
  now: Date,
): CheckOutcome[] {
  if (lastDrill === undefined) {
    return [
      {
        kind: 'drill',
        name: 'last-drill',
        status: 'warn',
        reason: 'never drilled: no drill incident for this workload',
      },
    ];
  }
  const outcomes: CheckOutcome[] = [];
  const ageSeconds = Math.max(0, (now.getTime() - Date.parse(lastDrill.at)) / 1000);
  const age = `last drill ${lastDrill.incidentId} (${lastDrill.status}) was ${secondsText(ageSeconds)} ago`;
  outcomes.push(
    ageSeconds > drillEverySeconds
      ? {
          kind: 'drill',
          name: 'last-drill',
          status: 'warn',
          reason: `${age}, more than the ${secondsText(drillEverySeconds)} the tier allows`,
        }
      : {
          kind: 'drill',
          name: 'last-drill',
          status: 'pass',
          reason: `${age} (drill every ${secondsText(drillEverySeconds)})`,
        },
  );
  if (runbookSince !== undefined && Date.parse(runbookSince) > Date.parse(lastDrill.at)) {
    outcomes.push({
      kind: 'drill',
      name: 'runbook-changed',
      status: 'warn',
      reason: `the failover runbook changed at ${runbookSince}, after the last drill: the runbook as it stands is not drilled`,
    });
  }
  return outcomes;
}
