// The items of a workload's partition in the `correlation` container (docs/cosmos-data-model.md):
// - the head (`id: "workload"`): which window is open, and the writes of the last decision until they are
//   materialised — the commit point that serialises the workload's correlators;
// - one item per correlation window (`window:<incidentId>`);
// - one item per alert notification routed to the workload (`route:<alertId>`).
import { z } from 'zod';
import { incidentAlertSchema } from '../../domain/correlation/IncidentAlert';
import { cosmosItemId } from './cosmosItemId';

export const WORKLOAD_HEAD_ID = 'workload';

export const windowItemSchema = z.object({
  id: z.string(),
  workloadId: z.string(),
  kind: z.literal('window'),
  incidentId: z.string(),
  openedAt: z.string(),
  lastAlertAt: z.string(),
  closedAt: z.string().optional(),
  started: z.boolean(),
  signalPending: z.boolean(),
  version: z.number().int().positive(),
});
export type WindowItem = z.infer<typeof windowItemSchema>;

export const routeItemSchema = z.object({
  id: z.string(),
  workloadId: z.string(),
  kind: z.literal('route'),
  alertId: z.string(),
  /** Null while a resolution is held in no incident; `held` says the same, for queries. */
  incidentId: z.string().nullable(),
  held: z.boolean(),
  fingerprint: z.string(),
  condition: z.enum(['fired', 'resolved']),
  eventAt: z.string(),
  alert: incidentAlertSchema,
  /** The window version that brought it into its incident (null while held). */
  changedInVersion: z.number().int().positive().nullable(),
});
export type RouteItem = z.infer<typeof routeItemSchema>;

export const workloadHeadSchema = z.object({
  id: z.literal(WORKLOAD_HEAD_ID),
  workloadId: z.string(),
  kind: z.literal('workload'),
  hasOpen: z.boolean(),
  open: z.object({ incidentId: z.string(), openedAt: z.string() }).optional(),
  pending: z.object({ items: z.array(z.union([windowItemSchema, routeItemSchema])) }).optional(),
  _etag: z.string(),
});
export type WorkloadHead = z.infer<typeof workloadHeadSchema>;

export function windowItemId(incidentId: string): string {
  return `window:${incidentId}`;
}

export function routeItemId(alertId: string): string {
  return `route:${cosmosItemId(alertId)}`;
}

const INCIDENT_ID = /^(.+)-\d{8}-\d{6}(?:-\d+)?$/;

/** The workload an incident id names (incidentIdFor); undefined for an id it cannot have made. */
export function workloadOfIncident(incidentId: string): string | undefined {
  return INCIDENT_ID.exec(incidentId)?.[1];
}
