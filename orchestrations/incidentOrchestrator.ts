// The incident orchestration, one per correlation window (instance id = incident id). This stage covers
// detection: it absorbs every alert notification the correlator records and closes the window once all
// alerts have resolved and the grouping window has passed quietly. Activation, approval and failover
// build on it (issue 4 onwards).
import type * as df from 'durable-functions';
import {
  ALERTS_CHANGED_EVENT,
  closeCorrelationWindowActivity,
  incidentOrchestrationInputSchema,
  readIncidentAlertsActivity,
} from '../shared/domain/contracts/incidentContracts';
import type { IncidentAlertSummary } from '../shared/domain/correlation/summariseIncidentAlerts';
import { callActivity } from './support/callActivity';

/** History is bounded by starting afresh (the store holds the state) after this many wake-ups. */
const WAKE_UPS_PER_GENERATION = 100;
const MS_PER_SECOND = 1000;
/**
 * Wake-ups coalesce in the store; if a correlator crashed between claiming one and raising it, this
 * periodic re-read is what still picks its alert up.
 */
const REREAD_EVERY_SECONDS = 60;

export interface IncidentDetectionStatus {
  readonly phase: 'detected';
  readonly alerts: IncidentAlertSummary;
}

export interface IncidentOutcome {
  readonly outcome: 'dismissed';
  readonly reason: string;
  readonly closedAt: string;
  readonly alerts: IncidentAlertSummary;
}

export function* incidentOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, IncidentOutcome | undefined, unknown> {
  const input = incidentOrchestrationInputSchema.parse(context.df.getInput());
  const { incidentId } = input;
  let read = yield* callActivity(context, readIncidentAlertsActivity, { incidentId });

  for (let wakeUps = 0; wakeUps < WAKE_UPS_PER_GENERATION; wakeUps++) {
    context.df.setCustomStatus({ phase: 'detected', alerts: read.summary } satisfies IncidentDetectionStatus);
    if (read.summary.firing > 0) {
      yield* wakeUpOrTimeout(context, REREAD_EVERY_SECONDS);
    } else {
      // Everything has resolved: wait out the grouping window, so a flapping alert stays in this incident.
      const woken = yield* wakeUpOrTimeout(context, input.groupingWindowSeconds);
      if (!woken) {
        const closing = yield* callActivity(context, closeCorrelationWindowActivity, {
          incidentId,
          expectedVersion: read.version,
          at: context.df.currentUtcDateTime.toISOString(),
        });
        if (closing.closed) {
          const outcome: IncidentOutcome = {
            outcome: 'dismissed',
            reason: `every alert resolved and none arrived for ${input.groupingWindowSeconds}s`,
            closedAt: closing.closedAt,
            alerts: read.summary,
          };
          context.df.setCustomStatus({ phase: 'dismissed', alerts: read.summary });
          return outcome;
        }
      }
    }
    read = yield* callActivity(context, readIncidentAlertsActivity, { incidentId });
  }
  context.df.continueAsNew(input);
  return undefined;
}

/** Waits for the correlator's wake-up, or until the timeout; a timer left behind is cancelled. */
function* wakeUpOrTimeout(
  context: df.OrchestrationContext,
  seconds: number,
): Generator<df.Task, boolean, unknown> {
  const timeout = context.df.createTimer(
    new Date(context.df.currentUtcDateTime.getTime() + seconds * MS_PER_SECOND),
  );
  const woken = context.df.waitForExternalEvent(ALERTS_CHANGED_EVENT);
  const winner = yield context.df.Task.any([timeout, woken]);
  if (winner === woken) {
    timeout.cancel();
    return true;
  }
  return false;
}
