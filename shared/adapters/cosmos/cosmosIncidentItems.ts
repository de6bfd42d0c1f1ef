// The items of an incident's partition in the `incidents` container (docs/cosmos-data-model.md):
// - the head (`id: "incident"`): the record without its steps, its version, which step items hold the steps,
//   the kept runbook plans, and the timeline entries of the last write until they are materialised — the
//   commit point of every write;
// - one item per step revision, written before the head that names it (an unnamed one is garbage);
// - runbook plan chunks, written before the head that names their token;
// - one item per timeline entry (its id from the entry's id, so it is created once);
// - one item per incident event of the outbox (cosmosEventItems.ts), created with its timeline entry.
import { z } from 'zod';
import { timelineEntrySchema, type TimelineEntry } from '../../domain/incident/TimelineEntry';
import { eventItemSchema } from './cosmosEventItems';
import { cosmosItemId } from './cosmosItemId';

export const HEAD_ID = 'incident';

/** Steps per plan chunk: a share of a long runbook (25 steps) reads one or two chunks. */
export const PLAN_CHUNK_STEPS = 25;

const sequencedEntrySchema = z.object({ seq: z.number().int().positive(), entry: timelineEntrySchema });
export type SequencedEntry = z.infer<typeof sequencedEntrySchema>;

export const headItemSchema = z.object({
  id: z.literal(HEAD_ID),
  incidentId: z.string().min(1),
  kind: z.literal('incident'),
  // Copies of the record's fields that listings filter and sort on.
  workloadId: z.string(),
  status: z.string(),
  mode: z.string(),
  detectedAt: z.string(),
  version: z.number().int().positive(),
  /** The record without `steps` and `version`; checked with the incident schema when assembled. */
  incident: z.record(z.string(), z.unknown()),
  stepItems: z.array(z.object({ stepId: z.string(), itemId: z.string() })),
  /** The last timeline sequence number handed out: the tie-break of entries with the same instant. */
  timelineSeq: z.number().int().nonnegative(),
  plans: z
    .record(z.string(), z.object({ token: z.string(), count: z.number().int().nonnegative() }))
    .optional(),
  /** Written with the head and materialised right after; readers see them until they are. */
  pending: z
    .object({ timeline: z.array(sequencedEntrySchema), events: z.array(eventItemSchema).optional() })
    .optional(),
  /** Set while `pending` holds events (an indexed field, unlike `pending`): the outbox finds them by it. */
  pendingEvents: z.literal(true).optional(),
  /** The last event order handed out for this incident: its next events are ordered after it. */
  eventOrder: z.number().int().positive().optional(),
  _etag: z.string(),
});
export type HeadItem = z.infer<typeof headItemSchema>;

export const stepItemSchema = z.object({
  id: z.string(),
  kind: z.literal('step'),
  step: z.unknown(),
});

export const timelineItemSchema = z.object({
  kind: z.literal('timeline'),
  seq: z.number().int().positive(),
  entry: timelineEntrySchema,
});

export const planChunkItemSchema = z.object({
  kind: z.literal('plan'),
  steps: z.array(z.unknown()),
});

/** A new, unique id for one revision of a step. */
export function stepItemId(stepId: string, token: string): string {
  return `step:${cosmosItemId(stepId)}:${token}`;
}

export function timelineItemId(entryId: string): string {
  return `timeline:${cosmosItemId(entryId)}`;
}

export function planChunkId(purpose: string, token: string, chunk: number): string {
  return `plan:${purpose}:${token}:${chunk}`;
}

export function timelineItem(incidentId: string, { seq, entry }: SequencedEntry): Record<string, unknown> {
  return { id: timelineItemId(entry.id), incidentId, kind: 'timeline', at: entry.at, seq, entry };
}

/** Oldest first: by instant, then in the order appended. */
export function byInstantThenSeq(a: SequencedEntry, b: SequencedEntry): number {
  if (a.entry.at !== b.entry.at) return a.entry.at < b.entry.at ? -1 : 1;
  return a.seq - b.seq;
}

/** Entries of one call, the first of each id kept. */
export function firstOfEachId(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
