// The writes the Cosmos DB crash test interrupts, shared by the test and its child process.
import type { Incident } from '../../../../../shared/domain/incident/Incident';
import type { CorrelationRequest } from '../../../../../shared/ports/CorrelationStore';
import type { IncidentMutation, TimelineOfUpdate } from '../../../../../shared/ports/IncidentStore';
import { notification } from '../../../../contracts/correlationStoreContract';
import {
  afterDetection,
  failingOverIncident,
  SECOND,
  timelineEntry,
} from '../../../../unit/shared/domain/incident/incidentTestSupport';

export const CRASH_INCIDENT_ID = failingOverIncident().id;

/** Every step changes (new step items), the record changes, and three timeline entries go with it. */
export function crashingUpdate(): { mutate: IncidentMutation; timeline: TimelineOfUpdate } {
  return {
    mutate: (current: Incident) => ({
      ...current,
      status: 'validating',
      steps: current.steps.map((s) => ({ ...s, status: 'succeeded' as const, revision: s.revision + 1 })),
    }),
    timeline: () => [
      timelineEntry('crash-1', afterDetection(400 * SECOND)),
      timelineEntry('crash-2', afterDetection(401 * SECOND)),
      timelineEntry('crash-3', afterDetection(402 * SECOND)),
    ],
  };
}

const JOINED_AT = '2026-11-22T03:14:00.000Z';

/** A firing that joins the open window and adopts the held resolution of its fingerprint: three items. */
export function crashingCorrelation(): CorrelationRequest {
  return { workloadId: 'orders-api', alert: notification('a2', 'f2', 'fired', JOINED_AT), at: JOINED_AT };
}
