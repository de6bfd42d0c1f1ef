// Fixtures for the incident outcome tests: the facts of a failover that recovered, failed or was aborted,
// as the incident record gives them at the end (every optional field set).
import type { OutcomeStep } from '../../../../../shared/domain/notifications/base/stepView';
import type { IncidentOutcomeFacts } from '../../../../../shared/domain/notifications/kinds/incidentOutcome';

export const OUTCOME_INCIDENT_ID = 'orders-api-20261122-031205';
export const OUTCOME_STATUS_URL = `https://lifeboat.example.com/api/incidents/${OUTCOME_INCIDENT_ID}?view=steps&full=1`;

const RECIPIENTS: IncidentOutcomeFacts['recipients'] = [
  { name: 'Alice Example', email: 'alice@example.com', teamsUpn: 'alice@contoso.example' },
  { name: 'Bob Builder', email: 'bob@example.com' },
  { name: 'Carol Teams', teamsUpn: 'carol@contoso.example' },
];

export const FREEZE_WRITES: OutcomeStep = {
  id: 'freeze-writes',
  name: 'Freeze writes',
  status: 'succeeded',
  attempts: 1,
};
export const PROMOTE_DB: OutcomeStep = {
  id: 'promote-db',
  name: 'Promote the secondary database',
  status: 'succeeded',
  attempts: 2,
};
export const SWITCH_DNS: OutcomeStep = {
  id: 'switch-dns',
  name: 'Switch DNS',
  status: 'succeeded',
  attempts: 1,
};

export const PROMOTE_DB_ERROR = 'HTTP 409 from ARM: failover group orders-fg is already failing over';

/** Recovered within the RTO: the example from the brief, 8m 56s of 15m. */
export function recoveredFacts(overrides: Partial<IncidentOutcomeFacts> = {}): IncidentOutcomeFacts {
  return {
    incidentId: OUTCOME_INCIDENT_ID,
    workloadId: 'orders-api',
    workloadName: 'Orders API',
    tier: 0,
    outcome: 'recovered',
    reason: 'The secondary passed 3 of 3 validation probes',
    rto: { targetSeconds: 900, elapsedSeconds: 536, met: true },
    rtoVerdict: 'RTO 15m: recovered in 8m 56s, met with 6m 4s to spare',
    steps: [FREEZE_WRITES, PROMOTE_DB, SWITCH_DNS],
    statusUrl: OUTCOME_STATUS_URL,
    recipients: RECIPIENTS,
    ...overrides,
  };
}

/** Failed at its second step after 3 attempts; the third never started. */
export function failedFacts(overrides: Partial<IncidentOutcomeFacts> = {}): IncidentOutcomeFacts {
  return recoveredFacts({
    outcome: 'failed',
    reason: 'Step promote-db failed and its policy is to abort',
    rto: { targetSeconds: 900, elapsedSeconds: 723 },
    rtoVerdict: 'RTO 15m: not recovered; 12m 3s since detection',
    steps: [
      FREEZE_WRITES,
      { ...PROMOTE_DB, status: 'failed', attempts: 3, error: PROMOTE_DB_ERROR },
      { ...SWITCH_DNS, status: 'pending', attempts: 0 },
    ],
    ...overrides,
  });
}

/** Aborted by an operator while the runbook waited for a manual step. */
export function abortedFacts(overrides: Partial<IncidentOutcomeFacts> = {}): IncidentOutcomeFacts {
  return recoveredFacts({
    outcome: 'aborted',
    reason: 'Primary is back; stopping the failover',
    rto: { targetSeconds: 900, elapsedSeconds: 302 },
    rtoVerdict: 'RTO 15m: not recovered; 5m 2s since detection',
    steps: [
      FREEZE_WRITES,
      { ...PROMOTE_DB, status: 'waiting', attempts: 1 },
      { ...SWITCH_DNS, status: 'pending', attempts: 0 },
    ],
    abortedBy: 'Dana Operator',
    ...overrides,
  });
}
