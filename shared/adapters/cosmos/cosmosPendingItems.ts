// The items a committed incident write names in its head's `pending` (timeline entries, outbox events):
// made items of their own right after the commit, by the writer or by whoever finds them there first (the
// next writer, the outbox), then cleared from the head.
import type { Container } from '@azure/cosmos';
import { unlessStatus } from './cosmosErrors';
import { HEAD_ID, timelineItem, type HeadItem } from './cosmosIncidentItems';
import { inBatches, tidy } from './inBatches';

/** Creates the pending items; one already there (409) keeps its first version. Idempotent. */
export async function materialisePending(
  c: Container,
  incidentId: string,
  pending: HeadItem['pending'],
): Promise<void> {
  if (pending === undefined) return;
  const items = [
    ...pending.timeline.map((e) => timelineItem(incidentId, e)),
    ...(pending.events ?? []).map(({ _etag: _, ...item }) => item),
  ];
  await inBatches(items, (item) => unlessStatus(409, () => c.items.create(item)));
}

/**
 * Replaces the head (as written, without the service's fields) with one that no longer carries them, if it
 * is still at `etag`. Best effort: a head that moved on was cleared or is carried on by its next writer.
 */
export async function clearPending(
  c: Container,
  incidentId: string,
  head: Record<string, unknown>,
  etag: string | undefined,
): Promise<void> {
  if (etag === undefined) return;
  const cleared: Record<string, unknown> = { ...head };
  delete cleared.pending;
  delete cleared.pendingEvents;
  await tidy(() =>
    c.item(HEAD_ID, incidentId).replace(cleared, { accessCondition: { type: 'IfMatch', condition: etag } }),
  );
}
