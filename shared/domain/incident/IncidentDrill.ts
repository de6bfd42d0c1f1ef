// What makes an incident a drill (mode `drill`): which kind of rehearsal, who asked for it and why. A `drill`
// calls each step's drill target; a `dry-run` calls nothing and records what every step would have sent.
import { z } from 'zod';

export const DRILL_KINDS = ['drill', 'dry-run'] as const;
export const drillKindSchema = z.enum(DRILL_KINDS);
export type DrillKind = z.infer<typeof drillKindSchema>;

export const MAX_DRILL_TEXT = 2000;

export const incidentDrillSchema = z.object({
  kind: drillKindSchema,
  requestedBy: z.string().min(1),
  requestedAt: z.iso.datetime({ precision: 3 }),
  /** What is being rehearsed, in the operator's words (e.g. "West Europe lost"). */
  scenario: z.string().min(1).max(MAX_DRILL_TEXT).optional(),
  comment: z.string().min(1).max(MAX_DRILL_TEXT).optional(),
  /** The round trip: once the failover recovered, the drill fails back (POST /api/drills `failback: true`). */
  roundTrip: z.literal(true).optional(),
});
export type IncidentDrill = z.infer<typeof incidentDrillSchema>;

/** The marker every message, page and view of a drill carries, first. */
export function drillLabel(kind: DrillKind): string {
  return kind === 'dry-run' ? 'DRILL (dry-run)' : 'DRILL';
}

/** How views name an incident's mode: `live`, or the drill's marker. */
export function modeLabel(incident: { readonly drill?: { readonly kind: DrillKind } | undefined }): string {
  return incident.drill === undefined ? 'live' : drillLabel(incident.drill.kind);
}
