// The incident orchestration's stable contracts: its name, input, the events it listens for and the
// activities it calls. Names are stored in history; renaming breaks running incidents.
import { z } from 'zod';
import { incidentDrillSchema } from '../incident/IncidentDrill';
import { activityContract } from './ActivityContract';

export const INCIDENT_ORCHESTRATION = 'incident';

export const incidentOrchestrationInputSchema = z.object({
  incidentId: z.string().min(1),
  workloadId: z.string().min(1),
  openedAt: z.iso.datetime({ precision: 3 }),
  /** Quiet time after everything resolved before the window closes (flapping alerts stay in one incident). */
  groupingWindowSeconds: z.number().int().positive(),
  /** Carried across continue-as-new: when observation started. */
  observingSince: z.iso.datetime({ precision: 3 }).optional(),
  /** A drill (POST /api/drills): no alerts, no correlation window; criteria reported, not waited for. */
  drill: incidentDrillSchema.optional(),
});
export type IncidentOrchestrationInput = z.infer<typeof incidentOrchestrationInputSchema>;

/** Raised by the correlator when new notifications were recorded; the payload only says which one woke it. */
export const ALERTS_CHANGED_EVENT = 'alerts-changed';
export const alertsChangedEventSchema = z.object({ alertId: z.string().min(1) });

export const closeCorrelationWindowActivity = activityContract(
  'closeCorrelationWindow',
  z.object({
    incidentId: z.string().min(1),
    /** Close only if nothing was recorded since this version; absent closes regardless (the incident ended). */
    expectedVersion: z.number().int().nonnegative().optional(),
    at: z.iso.datetime({ precision: 3 }),
  }),
  z.discriminatedUnion('closed', [
    z.object({ closed: z.literal(true), closedAt: z.string() }),
    z.object({ closed: z.literal(false), reason: z.enum(['changed', 'not-found']) }),
  ]),
);
