// Moves the incident to a status, with its timeline entry (`status-<status>`: once per status), through the
// transition activity: the incident orchestration and its follow-up phases alike.
import type * as df from 'durable-functions';
import { transitionIncidentActivity } from '../../shared/domain/contracts/incidentLifecycleContracts';
import type { IncidentStatus } from '../../shared/domain/incident/IncidentStatus';
import { callActivity } from './callActivity';

export function* transition(
  context: df.OrchestrationContext,
  incidentId: string,
  to: IncidentStatus,
  message: string,
  actor?: string,
): Generator<df.Task, void, unknown> {
  yield* callActivity(context, transitionIncidentActivity, {
    incidentId,
    to,
    at: context.df.currentUtcDateTime.toISOString(),
    entryId: `status-${to}`,
    message,
    ...(actor ? { actor } : {}),
  });
}
