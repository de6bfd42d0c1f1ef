// IncidentStore on Cosmos DB. Everything of an incident lives in its own logical partition; the head item is
// the commit point of every write, replaced with `ifMatch` on its ETag (optimistic concurrency, retried a
// bounded number of times). A write first stores what the new head will name (new step revisions, plan
// chunks: invisible until named), then commits the head, which carries the write's timeline entries; they are
// materialised as their own items right after, and whoever finds them still in the head (a reader, the next
// writer after a crash) treats them as written. So a write is all-or-nothing at the head's replace, whatever
// its size — a transactional batch would cap it at 100 operations, and a runbook start writes up to 500 steps.
import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import {
  incidentSchema,
  newIncidentSchema,
  type Incident,
  type NewIncident,
} from '../../domain/incident/Incident';
import { incidentStepSchema, type IncidentStep } from '../../domain/incident/IncidentStep';
import type { RunbookPurpose } from '../../domain/incident/IncidentRunbook';
import { timelineEntrySchema, type TimelineEntry } from '../../domain/incident/TimelineEntry';
import { runbookPlanStepSchema } from '../../domain/runbook/runbookPlanStep';
import type { RunbookStep } from '../../domain/runbook/runbookStepSchema';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type {
  IncidentMutation,
  IncidentQuery,
  IncidentStore,
  StepMutation,
  TimelineOfStepUpdate,
  TimelineOfUpdate,
} from '../../ports/IncidentStore';
import type { Page } from '../../ports/Page';
import { decodePageToken, keysetPage } from '../paging/pageToken';
import { validatedChange } from '../sqlite/validatedChange';
import { cosmosCall, cosmosStatus, unlessStatus } from './cosmosErrors';
import type { CosmosDatabase } from './CosmosDatabase';
import {
  byInstantThenSeq,
  firstOfEachId,
  HEAD_ID,
  headItemSchema,
  PLAN_CHUNK_STEPS,
  planChunkId,
  planChunkItemSchema,
  stepItemId,
  stepItemSchema,
  timelineItemId,
  timelineItemSchema,
  type HeadItem,
  type SequencedEntry,
} from './cosmosIncidentItems';
import { checked, chunked, headDoc, headOf, nth, stepDoc, stripSystem } from './cosmosIncidentDocuments';
import { withEtagRetries } from './etagRetries';
import { inBatches, tidy } from './inBatches';
import { ReadRace } from './ReadRace';
import { SerialByKey } from './SerialByKey';
import { validated } from '../validated';
import { readBack } from './readBack';
import { eventItem, nextEventOrders } from './cosmosEventItems';
import { clearPending, materialisePending } from './cosmosPendingItems';
import { incidentEventSchema } from '../../domain/events/IncidentEvent';
import { toIncidentEvent } from '../../domain/events/toIncidentEvent';

const incidentPosition = z.object({ d: z.string(), i: z.string() });
const positiveLimit = z.number().int().positive();
const position = z.number().int().nonnegative();
const timelineEntries = z.array(timelineEntrySchema);
const runbookPlan = z.array(runbookPlanStepSchema);

/** What a commit changes besides the timeline: the record (with its step items) or nothing. */
interface RecordChange {
  readonly next: NewIncident;
  readonly stepItems: HeadItem['stepItems'];
}

export interface CosmosIncidentStoreOptions {
  /** Called once a committed write recorded incident events: the publisher's cue (as the embedded store's). */
  readonly onEventsRecorded?: () => void;
}

export class CosmosIncidentStore implements IncidentStore {
  private readonly serial = new SerialByKey();

  constructor(
    private readonly db: CosmosDatabase,
    private readonly options: CosmosIncidentStoreOptions = {},
  ) {}

  create(incident: NewIncident): Promise<{ incident: Incident; created: boolean }> {
    return cosmosCall('incident create', async () => {
      const next = validated(newIncidentSchema, incident, 'incident');
      return this.serial.run(next.id, async () => {
        const c = await this.incidents();
        const readNow = () => withEtagRetries(`Incident ${next.id} read`, () => this.read(c, next.id));
        const existing = await readNow();
        if (existing !== undefined) return { incident: existing, created: false };
        const token = randomUUID();
        const stepItems = next.steps.map((s) => ({ stepId: s.id, itemId: stepItemId(s.id, token) }));
        await inBatches(next.steps, (step, i) =>
          c.items.create(stepDoc(next.id, nth(stepItems, i).itemId, step)),
        );
        try {
          await c.items.create(headDoc(next, 1, stepItems, 0, undefined, undefined));
        } catch (err) {
          if (cosmosStatus(err) !== 409) throw err;
          // Another instance created it first: ours are garbage, theirs stands.
          await tidy(() => inBatches(stepItems, (s) => c.item(s.itemId, next.id).delete()));
          const theirs = await readNow();
          if (theirs === undefined)
            throw new Error(`Incident ${next.id} conflicted with a head that is not there`);
          return { incident: theirs, created: false };
        }
        return { incident: { ...next, version: 1 }, created: true };
      });
    });
  }

  get(id: string): Promise<Incident | undefined> {
    return cosmosCall('incident read', async () => {
      const c = await this.incidents();
      return withEtagRetries(`Incident ${id} read`, () => this.read(c, id));
    });
  }

  replace(incident: Incident): Promise<Incident> {
    return cosmosCall('incident replace', async () => {
      const { version, ...rest } = validated(incidentSchema, incident, 'incident');
      return this.serial.run(rest.id, async () => {
        const c = await this.incidents();
        return withEtagRetries(`Incident ${rest.id} replace`, async () => {
          const head = await this.headForWrite(c, rest.id);
          const current = checked(head, await this.stepsOf(c, head));
          if (current.version !== version) {
            throw new ConflictError(
              `Incident ${rest.id} is at version ${current.version}, not ${version}: read it again`,
              current,
            );
          }
          const change = await this.writeSteps(c, rest, current.steps, head);
          await this.commit(c, head, change, []);
          return { ...rest, version: head.version + 1 };
        });
      });
    });
  }

  update(id: string, mutate: IncidentMutation, timeline?: TimelineOfUpdate): Promise<Incident> {
    return cosmosCall('incident update', () =>
      this.serial.run(id, async () => {
        const c = await this.incidents();
        return withEtagRetries(`Incident ${id} update`, async () => {
          const head = await this.headForWrite(c, id);
          const current = checked(head, await this.stepsOf(c, head));
          const proposed = mutate(current);
          let next: NewIncident | undefined;
          if (proposed !== undefined) {
            next = validatedChange(newIncidentSchema, current, proposed, 'incident');
            if (next.id !== id) {
              throw new ValidationError(`An update of incident ${id} must not change its id`, [
                { path: 'id', message: `expected ${JSON.stringify(id)}` },
              ]);
            }
          }
          const updated: Incident = next === undefined ? current : { ...next, version: current.version + 1 };
          const entries =
            timeline === undefined
              ? []
              : validated(timelineEntries, timeline(updated, proposed !== undefined), 'timeline entries');
          if (next === undefined && entries.length === 0) return current;
          const change = next === undefined ? undefined : await this.writeSteps(c, next, current.steps, head);
          await this.commit(c, head, change, entries);
          return updated;
        });
      }),
    );
  }

  updateStep(
    incidentId: string,
    stepId: string,
    mutate: StepMutation,
    timeline?: TimelineOfStepUpdate,
  ): Promise<{ step: IncidentStep; changed: boolean }> {
    return cosmosCall('incident step update', () =>
      this.serial.run(incidentId, async () => {
        const c = await this.incidents();
        return withEtagRetries(`Incident ${incidentId} step ${stepId} update`, async () => {
          const head = await this.headForWrite(c, incidentId);
          const refIndex = head.stepItems.findIndex((s) => s.stepId === stepId);
          const ref = head.stepItems[refIndex];
          if (ref === undefined) throw new NotFoundError(`Incident ${incidentId} has no step ${stepId}`);
          const read = await unlessStatus(404, () =>
            c.item(ref.itemId, incidentId).read<Record<string, unknown>>(),
          );
          if (read?.resource === undefined)
            throw new ReadRace(`Step item ${ref.itemId} was replaced meanwhile`);
          const current = readBack(
            incidentStepSchema,
            readBack(stepItemSchema, read.resource, 'step item').step,
            'step',
          );
          const incidentHead = headOf(head);
          const proposed = mutate(current, incidentHead);
          let step = current;
          if (proposed !== undefined) {
            step = validatedChange(incidentStepSchema, current, proposed, `step ${stepId}`);
            if (step.id !== stepId) {
              throw new ValidationError(`An update of step ${stepId} must not change its id`, [
                { path: 'id', message: `expected ${JSON.stringify(stepId)}` },
              ]);
            }
          }
          const entries =
            timeline === undefined
              ? []
              : validated(timelineEntries, timeline(proposed !== undefined), 'timeline entries');
          if (proposed === undefined && entries.length === 0) return { step, changed: false };
          let change: RecordChange | undefined;
          if (proposed !== undefined) {
            const itemId = stepItemId(stepId, randomUUID());
            await c.items.create(stepDoc(incidentId, itemId, step));
            const stepItems = head.stepItems.map((s, i) => (i === refIndex ? { stepId, itemId } : s));
            // The head keeps the other steps' items; `next` only needs what the head stores (steps aside).
            change = { next: { ...(incidentHead as Omit<NewIncident, 'steps'>), steps: [] }, stepItems };
          }
          await this.commit(c, head, change, entries);
          return { step, changed: proposed !== undefined };
        });
      }),
    );
  }

  keepRunbookPlan(
    incidentId: string,
    purpose: RunbookPurpose,
    steps: readonly RunbookStep[],
  ): Promise<RunbookStep[]> {
    return cosmosCall('runbook plan write', () =>
      this.serial.run(incidentId, async () => {
        const c = await this.incidents();
        let written: { token: string; count: number } | undefined;
        let checked: RunbookStep[] | undefined;
        const kept = await withEtagRetries(`Incident ${incidentId} runbook plan`, async () => {
          const head = await this.headForWrite(c, incidentId);
          const plan = head.plans?.[purpose];
          if (plan !== undefined) return plan.token === written?.token ? undefined : plan;
          checked ??= validated(runbookPlan, steps, 'runbook steps');
          if (written === undefined) {
            const token = randomUUID();
            const chunks = chunked(checked);
            await inBatches(chunks, (chunk, i) =>
              c.items.create({
                id: planChunkId(purpose, token, i),
                incidentId,
                kind: 'plan',
                purpose,
                steps: chunk,
              }),
            );
            written = { token, count: checked.length };
          }
          // The plan's chunks are in place; naming them in the head keeps them (pending entries stay as they are).
          await c
            .item(HEAD_ID, incidentId)
            .replace(
              { ...stripSystem(head), plans: { ...head.plans, [purpose]: written } },
              { accessCondition: { type: 'IfMatch', condition: head._etag } },
            );
          return undefined;
        });
        if (kept === undefined) return checked ?? [];
        const ours = written;
        if (ours !== undefined) {
          // Another writer kept its plan first: ours was never named.
          await tidy(() =>
            inBatches(chunked(checked ?? []), (_, i) =>
              c.item(planChunkId(purpose, ours.token, i), incidentId).delete(),
            ),
          );
        }
        return this.planSteps(c, incidentId, purpose, kept, 0, kept.count);
      }),
    );
  }

  runbookPlan(
    incidentId: string,
    purpose: RunbookPurpose,
    from: number,
    count: number,
  ): Promise<RunbookStep[]> {
    return cosmosCall('runbook plan read', async () => {
      const start = validated(position, from, 'from');
      const limit = validated(positiveLimit, count, 'count');
      const c = await this.incidents();
      const head = await this.head(c, incidentId);
      const plan = head?.plans?.[purpose];
      if (plan === undefined) return [];
      return this.planSteps(c, incidentId, purpose, plan, start, limit);
    });
  }

  appendTimeline(incidentId: string, entries: readonly TimelineEntry[]): Promise<void> {
    return cosmosCall('timeline append', async () => {
      const checkedEntries = validated(timelineEntries, entries, 'timeline entries');
      await this.serial.run(incidentId, async () => {
        const c = await this.incidents();
        await withEtagRetries(`Incident ${incidentId} timeline`, async () => {
          const head = await this.headForWrite(c, incidentId);
          if (checkedEntries.length > 0) await this.commit(c, head, undefined, checkedEntries);
        });
      });
    });
  }

  timeline(incidentId: string, options: { limit?: number } = {}): Promise<TimelineEntry[]> {
    return cosmosCall('timeline read', async () => {
      const limit =
        options.limit === undefined ? undefined : validated(positiveLimit, options.limit, 'limit');
      const c = await this.incidents();
      const head = await this.head(c, incidentId);
      if (head === undefined) return [];
      const { resources } = await c.items
        .query<unknown>(
          limit === undefined
            ? {
                query: `SELECT * FROM c WHERE c.incidentId = @id AND c.kind = 'timeline' ORDER BY c.at, c.seq`,
                parameters: [{ name: '@id', value: incidentId }],
              }
            : {
                query: `SELECT TOP @top * FROM c WHERE c.incidentId = @id AND c.kind = 'timeline'
                        ORDER BY c.at DESC, c.seq DESC`,
                parameters: [
                  { name: '@id', value: incidentId },
                  { name: '@top', value: limit },
                ],
              },
          { partitionKey: incidentId },
        )
        .fetchAll();
      const stored: SequencedEntry[] = resources.map((r) => readBack(timelineItemSchema, r, 'timeline item'));
      const ids = new Set(stored.map((s) => s.entry.id));
      // Entries of a committed write that are not materialised yet are part of the timeline already.
      const pending = (head.pending?.timeline ?? []).filter((p) => !ids.has(p.entry.id));
      const all = [...stored, ...pending].sort(byInstantThenSeq).map((s) => s.entry);
      return limit === undefined ? all : all.slice(Math.max(0, all.length - limit));
    });
  }

  list(query: IncidentQuery): Promise<Page<Incident>> {
    return cosmosCall('incident listing', async () => {
      const limit = validated(positiveLimit, query.limit, 'limit');
      if (query.status?.length === 0) return { items: [] };
      const where = [`c.kind = 'incident'`];
      const parameters: { name: string; value: string | number | string[] }[] = [
        { name: '@top', value: limit + 1 },
      ];
      if (query.status !== undefined) {
        where.push('ARRAY_CONTAINS(@statuses, c.status)');
        parameters.push({ name: '@statuses', value: [...query.status] });
      }
      if (query.workloadId !== undefined) {
        where.push('c.workloadId = @workload');
        parameters.push({ name: '@workload', value: query.workloadId });
      }
      if (query.mode !== undefined) {
        where.push('c.mode = @mode');
        parameters.push({ name: '@mode', value: query.mode });
      }
      if (query.continuationToken !== undefined) {
        const after = decodePageToken(query.continuationToken, incidentPosition);
        where.push('(c.detectedAt < @d OR (c.detectedAt = @d AND c.incidentId < @i))');
        parameters.push({ name: '@d', value: after.d }, { name: '@i', value: after.i });
      }
      const c = await this.incidents();
      const { resources } = await c.items
        .query<unknown>({
          query: `SELECT TOP @top * FROM c WHERE ${where.join(' AND ')} ORDER BY c.detectedAt DESC, c.incidentId DESC`,
          parameters,
        })
        .fetchAll();
      const heads = resources.map((r) => readBack(headItemSchema, r, 'incident head'));
      const page = heads.slice(0, limit);
      const itemIds = page.flatMap((h) => h.stepItems.map((s) => s.itemId));
      const steps = new Map<string, unknown>();
      if (itemIds.length > 0) {
        const found = await c.items
          .query<unknown>({
            query: `SELECT * FROM c WHERE c.kind = 'step' AND ARRAY_CONTAINS(@ids, c.id)`,
            parameters: [{ name: '@ids', value: itemIds }],
          })
          .fetchAll();
        for (const r of found.resources) {
          const item = readBack(stepItemSchema, r, 'step item');
          steps.set(item.id, item.step);
        }
      }
      const incidents = new Map<string, Incident>();
      for (const head of page) {
        // A head whose steps moved on between the two queries is read again on its own.
        incidents.set(
          head.incidentId,
          head.stepItems.every((s) => steps.has(s.itemId))
            ? checked(head, steps)
            : ((await this.get(head.incidentId)) ?? checked(head, steps)),
        );
      }
      return keysetPage(
        heads,
        limit,
        (head) => incidents.get(head.incidentId) ?? checked(head, steps),
        (last) => ({ d: last.detectedAt, i: last.incidentId }),
      );
    });
  }

  // ---- reading ----

  private incidents(): Promise<Container> {
    return this.db.container('incidents');
  }

  private async head(c: Container, id: string): Promise<HeadItem | undefined> {
    const read = await unlessStatus(404, () => c.item(HEAD_ID, id).read<Record<string, unknown>>());
    return read?.resource === undefined
      ? undefined
      : readBack(headItemSchema, read.resource, 'incident head');
  }

  /** The head, with the timeline entries of an earlier write materialised, so that this write may replace them. */
  private async headForWrite(c: Container, id: string): Promise<HeadItem> {
    const head = await this.head(c, id);
    if (head === undefined) throw new NotFoundError(`Incident ${id} does not exist`);
    await materialisePending(c, id, head.pending);
    return head;
  }

  private async read(c: Container, id: string): Promise<Incident | undefined> {
    const head = await this.head(c, id);
    return head === undefined ? undefined : checked(head, await this.stepsOf(c, head));
  }

  /** The step items the head names, by item id; ReadRace when one was replaced since the head was read. */
  private async stepsOf(c: Container, head: HeadItem): Promise<Map<string, unknown>> {
    const steps = new Map<string, unknown>();
    if (head.stepItems.length === 0) return steps;
    const { resources } = await c.items
      .query<unknown>(
        {
          query: `SELECT * FROM c WHERE c.incidentId = @id AND c.kind = 'step'`,
          parameters: [{ name: '@id', value: head.incidentId }],
        },
        { partitionKey: head.incidentId },
      )
      .fetchAll();
    for (const r of resources) {
      const item = readBack(stepItemSchema, r, 'step item');
      steps.set(item.id, item.step);
    }
    if (!head.stepItems.every((s) => steps.has(s.itemId))) {
      throw new ReadRace(`Incident ${head.incidentId} changed while it was read`);
    }
    return steps;
  }

  private async planSteps(
    c: Container,
    incidentId: string,
    purpose: string,
    plan: { token: string; count: number },
    from: number,
    count: number,
  ): Promise<RunbookStep[]> {
    const end = Math.min(plan.count, from + count);
    if (from >= end) return [];
    const chunks: number[] = [];
    for (let i = Math.floor(from / PLAN_CHUNK_STEPS); i * PLAN_CHUNK_STEPS < end; i++) chunks.push(i);
    const read = await inBatches(chunks, async (i) => {
      const r = await c.item(planChunkId(purpose, plan.token, i), incidentId).read<Record<string, unknown>>();
      if (r.resource === undefined)
        throw new Error(`Runbook plan chunk ${i} of incident ${incidentId} is missing`);
      return readBack(planChunkItemSchema, r.resource, 'runbook plan chunk').steps;
    });
    const first = nth(chunks, 0) * PLAN_CHUNK_STEPS;
    return readBack(runbookPlan, read.flat(), 'runbook plan').slice(from - first, end - first);
  }

  // ---- writing ----

  /** New step items for the steps `next` changed (by reference, as validatedChange keeps the rest). */
  private async writeSteps(
    c: Container,
    next: NewIncident,
    stored: readonly IncidentStep[],
    head: HeadItem,
  ): Promise<RecordChange> {
    const token = randomUUID();
    const sameShape =
      next.steps.length === stored.length && next.steps.every((s, i) => s.id === stored[i]?.id);
    const stepItems = next.steps.map((step, i) =>
      sameShape && step === stored[i]
        ? nth(head.stepItems, i)
        : { stepId: step.id, itemId: stepItemId(step.id, `${token}-${i}`) },
    );
    const fresh = next.steps.flatMap((step, i) =>
      nth(stepItems, i).itemId === head.stepItems[i]?.itemId
        ? []
        : [stepDoc(next.id, nth(stepItems, i).itemId, step)],
    );
    await inBatches(fresh, (doc) => c.items.create(doc));
    return { next, stepItems };
  }

  /**
   * Replaces the head (`ifMatch`): the one write that makes `change` and `entries` (those not on the timeline
   * yet) happen, with one outbox event per such entry. Then, outside the commit, removes the step items it no
   * longer names and materialises the entries and events. A lost race removes what this attempt wrote and
   * rethrows the 412, so withEtagRetries tries again from a fresh read.
   */
  private async commit(
    c: Container,
    head: HeadItem,
    change: RecordChange | undefined,
    entries: readonly TimelineEntry[],
  ): Promise<void> {
    const fresh = (await this.notOnTimeline(c, head.incidentId, firstOfEachId(entries))).map((entry, i) => ({
      seq: head.timelineSeq + i + 1,
      entry,
    }));
    const stepItems = change?.stepItems ?? head.stepItems;
    const version = change === undefined ? head.version : head.version + 1;
    const record = change === undefined ? undefined : { ...change.next, steps: [] };
    // The event of an entry is its change as the incident stands after this write; its sequence is the entry's.
    const eventHead = record ?? headOf(head);
    const orders = nextEventOrders(fresh.length, head.eventOrder ?? 0);
    const events = fresh.map(({ seq, entry }, i) =>
      eventItem(
        head.incidentId,
        incidentEventSchema.parse(toIncidentEvent(eventHead, entry, seq)),
        nth(orders, i),
      ),
    );
    const pending = fresh.length > 0 ? { timeline: fresh, events } : undefined;
    const next: Record<string, unknown> = {
      ...(record === undefined
        ? stripSystem(head)
        : headDoc(record, version, stepItems, head.timelineSeq, head.plans, undefined)),
      version,
      stepItems,
      timelineSeq: head.timelineSeq + fresh.length,
      ...(pending === undefined ? {} : { pending, pendingEvents: true }),
      ...(orders.length > 0 || head.eventOrder !== undefined
        ? { eventOrder: orders[orders.length - 1] ?? head.eventOrder }
        : {}),
    };
    if (pending === undefined) {
      delete next.pending;
      delete next.pendingEvents;
    }
    const named = new Set(stepItems.map((s) => s.itemId));
    let etag: string | undefined;
    try {
      const replaced = await c
        .item(HEAD_ID, head.incidentId)
        .replace(next, { accessCondition: { type: 'IfMatch', condition: head._etag } });
      etag = replaced.etag;
    } catch (err) {
      const unnamed = stepItems.filter((s) => !head.stepItems.some((h) => h.itemId === s.itemId));
      await tidy(() => inBatches(unnamed, (s) => c.item(s.itemId, head.incidentId).delete()));
      throw err;
    }
    const replacedItems = head.stepItems.filter((s) => !named.has(s.itemId));
    await tidy(() => inBatches(replacedItems, (s) => c.item(s.itemId, head.incidentId).delete()));
    if (pending !== undefined) {
      await materialisePending(c, head.incidentId, pending);
      // Done: the head no longer needs to carry them. A writer that came in between has materialised them too.
      await clearPending(c, head.incidentId, next, etag);
      this.options.onEventsRecorded?.();
    }
  }

  /**
   * The entries whose items do not exist: an activity that runs twice records its entries once (and its
   * events once). The previous write's pending entries were materialised before this is asked.
   */
  private async notOnTimeline(
    c: Container,
    incidentId: string,
    entries: readonly TimelineEntry[],
  ): Promise<TimelineEntry[]> {
    const found = await inBatches(entries, (e) =>
      unlessStatus(404, () => c.item(timelineItemId(e.id), incidentId).read<Record<string, unknown>>()),
    );
    return entries.filter((_, i) => found[i]?.resource === undefined);
  }
}
