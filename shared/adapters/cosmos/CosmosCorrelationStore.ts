// CorrelationStore on Cosmos DB. A workload's windows and routed notifications share its logical partition,
// and its head item is the commit point of every decision: a decision reads what it needs, then replaces (or
// first creates) the head with `ifMatch`, carrying the items the decision writes; they are upserted right
// after, and whoever finds them still in the head (the next decision, after a crash) upserts them first. So
// concurrent correlators of one workload, on any number of instances, decide one after another: exactly one
// of them sees no open window and opens it.
import type { Container } from '@azure/cosmos';
import { incidentIdFor } from '../../domain/correlation/incidentId';
import type { IncidentAlert } from '../../domain/correlation/IncidentAlert';
import { notificationTime } from '../../domain/correlation/notificationTime';
import type {
  CloseResult,
  Correlation,
  CorrelationRequest,
  CorrelationStore,
  IncidentAlerts,
} from '../../ports/CorrelationStore';
import { cosmosCall, unlessStatus } from './cosmosErrors';
import {
  routeItemId,
  routeItemSchema,
  WORKLOAD_HEAD_ID,
  windowItemId,
  windowItemSchema,
  workloadHeadSchema,
  workloadOfIncident,
  type RouteItem,
  type WindowItem,
  type WorkloadHead,
} from './cosmosCorrelationItems';
import type { CosmosDatabase } from './CosmosDatabase';
import { withEtagRetries } from './etagRetries';
import { inBatches, tidy } from './inBatches';
import { ReadRace } from './ReadRace';
import { SerialByKey } from './SerialByKey';
import { BoundedCache } from '../sqlite/BoundedCache';
import { readBack } from './readBack';

type Item = WindowItem | RouteItem;

/** What a decision found and what it writes; `open` is the head's open window after it (unchanged if absent). */
interface Decision<T> {
  readonly result: T;
  readonly writes: readonly Item[];
  readonly open?: { readonly incidentId: string; readonly openedAt: string } | null;
}

/** Reads within one decision, all in the workload's partition. */
class WorkloadReader {
  constructor(
    private readonly c: Container,
    readonly workloadId: string,
    readonly head: WorkloadHead | undefined,
  ) {}

  async window(incidentId: string): Promise<WindowItem | undefined> {
    const read = await unlessStatus(404, () =>
      this.c.item(windowItemId(incidentId), this.workloadId).read<Record<string, unknown>>(),
    );
    return read?.resource === undefined
      ? undefined
      : readBack(windowItemSchema, read.resource, 'correlation window');
  }

  async route(alertId: string): Promise<RouteItem | undefined> {
    const read = await unlessStatus(404, () =>
      this.c.item(routeItemId(alertId), this.workloadId).read<Record<string, unknown>>(),
    );
    return read?.resource === undefined ? undefined : readBack(routeItemSchema, read.resource, 'alert route');
  }

  async routes(
    where: string,
    parameters: { name: string; value: string | boolean | number }[],
    tail = '',
  ): Promise<RouteItem[]> {
    const { resources } = await this.c.items
      .query<unknown>(
        {
          query: `SELECT * FROM c WHERE c.workloadId = @w AND c.kind = 'route' AND ${where} ${tail}`,
          parameters: [{ name: '@w', value: this.workloadId }, ...parameters],
        },
        { partitionKey: this.workloadId },
      )
      .fetchAll();
    return resources.map((r) => readBack(routeItemSchema, r, 'alert route'));
  }
}

/** Incidents whose notifications stay in memory between reads; the oldest read is forgotten first. */
const CACHED_INCIDENTS = 8;

export class CosmosCorrelationStore implements CorrelationStore {
  private readonly serial = new SerialByKey();
  private readonly readAlerts = new BoundedCache<string, { version: number; alerts: IncidentAlert[] }>(
    CACHED_INCIDENTS,
  );

  constructor(private readonly db: CosmosDatabase) {}

  correlate(request: CorrelationRequest): Promise<Correlation> {
    return this.decide('correlation', request.workloadId, (r) => correlateIn(r, request));
  }

  async markStarted(incidentId: string): Promise<void> {
    const workloadId = workloadOfIncident(incidentId);
    if (workloadId === undefined) return;
    await this.decide('markStarted', workloadId, async (r) => {
      const window = await r.window(incidentId);
      return {
        result: undefined,
        writes: window === undefined || window.started ? [] : [{ ...window, started: true }],
      };
    });
  }

  /**
   * Reads only the notifications that joined since this store last read the incident (a route's incident never
   * changes once set; `changedInVersion` says when it was), so that an assessment during an alert storm costs
   * what joined since the previous one, not the whole incident again.
   */
  async readIncidentAlerts(incidentId: string): Promise<IncidentAlerts | undefined> {
    const workloadId = workloadOfIncident(incidentId);
    if (workloadId === undefined) return undefined;
    return this.decide('readIncidentAlerts', workloadId, async (r) => {
      const window = await r.window(incidentId);
      if (window === undefined) return { result: undefined, writes: [] };
      const cached = this.readAlerts.get(incidentId);
      let alerts: IncidentAlert[];
      if (cached?.version === window.version) {
        alerts = [...cached.alerts];
      } else {
        const since = cached !== undefined && cached.version < window.version ? cached.version : 0;
        const routes = await r.routes('c.incidentId = @i AND c.changedInVersion > @since', [
          { name: '@i', value: incidentId },
          { name: '@since', value: since },
        ]);
        // What a later decision committed meanwhile belongs to a later version: the next read takes it.
        const fresh = routes
          .filter((route) => (route.changedInVersion ?? 0) <= window.version)
          .map((x) => x.alert);
        alerts = [...(since > 0 && cached !== undefined ? cached.alerts : []), ...fresh].sort(byTimeThenId);
        this.readAlerts.set(incidentId, { version: window.version, alerts });
        alerts = [...alerts];
      }
      return {
        result: {
          incidentId,
          workloadId,
          openedAt: window.openedAt,
          ...(window.closedAt === undefined ? {} : { closedAt: window.closedAt }),
          version: window.version,
          alerts,
        },
        // Reading clears the pending wake-up.
        writes: window.signalPending ? [{ ...window, signalPending: false }] : [],
      };
    });
  }

  async closeWindow(
    incidentId: string,
    expectedVersion: number | undefined,
    at: string,
  ): Promise<CloseResult> {
    const workloadId = workloadOfIncident(incidentId);
    if (workloadId === undefined) return { closed: false, reason: 'not-found' };
    return this.decide('closeWindow', workloadId, async (r): Promise<Decision<CloseResult>> => {
      const window = await r.window(incidentId);
      if (window === undefined) return { result: { closed: false, reason: 'not-found' }, writes: [] };
      if (window.closedAt !== undefined)
        return { result: { closed: true, closedAt: window.closedAt }, writes: [] };
      if (expectedVersion !== undefined && window.version !== expectedVersion) {
        return { result: { closed: false, reason: 'changed' }, writes: [] };
      }
      return {
        result: { closed: true, closedAt: at },
        writes: [{ ...window, closedAt: at }],
        ...(r.head?.open?.incidentId === incidentId ? { open: null } : {}),
      };
    });
  }

  openWindows(): Promise<readonly { incidentId: string; workloadId: string }[]> {
    return cosmosCall('open windows', async () => {
      const c = await this.db.container('correlation');
      const { resources } = await c.items
        .query<unknown>({ query: `SELECT * FROM c WHERE c.kind = 'workload' AND c.hasOpen = true` })
        .fetchAll();
      return resources
        .map((r) => readBack(workloadHeadSchema, r, 'workload head'))
        .flatMap((h) => (h.open === undefined ? [] : [{ ...h.open, workloadId: h.workloadId }]))
        .sort((a, b) =>
          a.openedAt !== b.openedAt
            ? a.openedAt < b.openedAt
              ? -1
              : 1
            : a.incidentId < b.incidentId
              ? -1
              : 1,
        )
        .map(({ incidentId, workloadId }) => ({ incidentId, workloadId }));
    });
  }

  /**
   * One decision for the workload, committed at its head: one after another within this process, and
   * retried from a fresh read when another instance committed in between.
   */
  private decide<T>(
    what: string,
    workloadId: string,
    decision: (r: WorkloadReader) => Promise<Decision<T>>,
  ): Promise<T> {
    return cosmosCall(what, () =>
      this.serial.run(workloadId, async () => {
        const c = await this.db.container('correlation');
        return withEtagRetries(`Workload ${workloadId} ${what}`, async () => {
          const read = await unlessStatus(404, () =>
            c.item(WORKLOAD_HEAD_ID, workloadId).read<Record<string, unknown>>(),
          );
          const head =
            read?.resource === undefined
              ? undefined
              : readBack(workloadHeadSchema, read.resource, 'workload head');
          // A decision committed but not materialised (its writer crashed, or is still at it): finish it first.
          await upsertAll(c, head?.pending?.items ?? []);
          const { result, writes, open } = await decision(new WorkloadReader(c, workloadId, head));
          if (writes.length === 0) return result;
          const nextOpen = open === undefined ? head?.open : (open ?? undefined);
          const next = {
            id: WORKLOAD_HEAD_ID,
            workloadId,
            kind: 'workload',
            hasOpen: nextOpen !== undefined,
            ...(nextOpen === undefined ? {} : { open: nextOpen }),
            pending: { items: writes },
          };
          const committed =
            head === undefined
              ? await c.items.create(next)
              : await c.item(WORKLOAD_HEAD_ID, workloadId).replace(next, {
                  accessCondition: { type: 'IfMatch', condition: head._etag },
                });
          await upsertAll(c, writes);
          const { pending: _done, ...cleared } = next;
          await tidy(() =>
            c.item(WORKLOAD_HEAD_ID, workloadId).replace(cleared, {
              accessCondition: { type: 'IfMatch', condition: committed.etag },
            }),
          );
          return result;
        });
      }),
    );
  }
}

/**
 * Routes first, windows last: a reader that sees a window at some version then also sees every route that
 * version counts (Cosmos DB never shows a partition's writes out of order), which readIncidentAlerts relies on.
 */
async function upsertAll(c: Container, items: readonly Item[]): Promise<void> {
  await inBatches(
    items.filter((item) => item.kind === 'route'),
    (item) => c.items.upsert(item),
  );
  await inBatches(
    items.filter((item) => item.kind === 'window'),
    (item) => c.items.upsert(item),
  );
}

/** The CorrelationStore's join-or-open, as one decision over the workload's partition. */
async function correlateIn(
  r: WorkloadReader,
  { workloadId, alert, at }: CorrelationRequest,
): Promise<Decision<Correlation>> {
  const previous = await r.route(alert.id);
  if (previous !== undefined) {
    // A redelivery. Its wake-up coalesces like a join's: one is asked for only if none is pending.
    const window = previous.incidentId === null ? undefined : await r.window(previous.incidentId);
    const open = window !== undefined && window.closedAt === undefined;
    return {
      result: {
        outcome: 'already-recorded',
        ...(previous.incidentId === null ? {} : { incidentId: previous.incidentId }),
        ...(window === undefined ? {} : { openedAt: window.openedAt }),
        windowOpen: open,
        started: window?.started === true,
        signal: open && !window.signalPending,
      },
      writes: open && !window.signalPending ? [{ ...window, signalPending: true }] : [],
    };
  }

  if (r.head?.open !== undefined) {
    const window = await r.window(r.head.open.incidentId);
    if (window === undefined) throw new ReadRace(`Window ${r.head.open.incidentId} is not there yet`);
    const stamp = window.version + 1;
    const adopted =
      alert.condition === 'fired' ? await heldOf(r, alert.fingerprint, window.incidentId, stamp) : [];
    return {
      result: {
        outcome: 'joined',
        incidentId: window.incidentId,
        openedAt: window.openedAt,
        windowOpen: true,
        started: window.started,
        signal: !window.signalPending,
      },
      writes: [
        routeOf(workloadId, alert, window.incidentId, stamp),
        ...adopted,
        {
          ...window,
          version: window.version + 1 + adopted.length,
          signalPending: true,
          lastAlertAt: window.lastAlertAt > at ? window.lastAlertAt : at,
        },
      ],
    };
  }

  const late = await lateHome(r, alert);
  if (late !== undefined) {
    return {
      result: {
        outcome: 'late',
        incidentId: late.incidentId,
        windowOpen: false,
        started: true,
        signal: false,
      },
      writes: [
        routeOf(workloadId, alert, late.incidentId, late.version + 1),
        { ...late, version: late.version + 1 },
      ],
    };
  }
  if (alert.condition === 'resolved') {
    return {
      result: { outcome: 'held', windowOpen: false, started: false, signal: false },
      writes: [routeOf(workloadId, alert, null, null)],
    };
  }

  const incidentId = await freshIncidentId(r, workloadId, at);
  const adopted = await heldOf(r, alert.fingerprint, incidentId, 1);
  const window: WindowItem = {
    id: windowItemId(incidentId),
    workloadId,
    kind: 'window',
    incidentId,
    openedAt: at,
    lastAlertAt: at,
    started: false,
    signalPending: false,
    version: 1 + adopted.length,
  };
  // No wake-up: a new orchestration reads every recorded alert when it starts.
  return {
    result: { outcome: 'opened', incidentId, openedAt: at, windowOpen: true, started: false, signal: false },
    writes: [routeOf(workloadId, alert, incidentId, 1), ...adopted, window],
    open: { incidentId, openedAt: at },
  };
}

/** Resolutions of `fingerprint` that overtook their firing, adopted into `incidentId`. */
async function heldOf(
  r: WorkloadReader,
  fingerprint: string,
  incidentId: string,
  stamp: number,
): Promise<RouteItem[]> {
  const held = await r.routes('c.held = true AND c.fingerprint = @f', [{ name: '@f', value: fingerprint }]);
  return held.map((route) => ({ ...route, incidentId, held: false, changedInVersion: stamp }));
}

/**
 * Where a notification belongs when no window is open: a resolution goes to the incident that holds its
 * firing; a firing older than a resolution already recorded goes to that resolution's incident.
 */
async function lateHome(r: WorkloadReader, alert: IncidentAlert): Promise<WindowItem | undefined> {
  const at = notificationTime(alert);
  const [home] =
    alert.condition === 'resolved'
      ? await r.routes(
          `c.fingerprint = @f AND c.held = false AND c.condition = 'fired' AND c.eventAt <= @at`,
          [
            { name: '@f', value: alert.fingerprint },
            { name: '@at', value: at },
          ],
          'ORDER BY c.eventAt DESC',
        )
      : await r.routes(
          `c.fingerprint = @f AND c.held = false AND c.condition = 'resolved' AND c.eventAt >= @at`,
          [
            { name: '@f', value: alert.fingerprint },
            { name: '@at', value: at },
          ],
          'ORDER BY c.eventAt ASC',
        );
  return home?.incidentId ? r.window(home.incidentId) : undefined;
}

async function freshIncidentId(r: WorkloadReader, workloadId: string, at: string): Promise<string> {
  for (let sequence = 1; ; sequence++) {
    const id = incidentIdFor(workloadId, new Date(at), sequence);
    if ((await r.window(id)) === undefined) return id;
  }
}

function routeOf(
  workloadId: string,
  alert: IncidentAlert,
  incidentId: string | null,
  stamp: number | null,
): RouteItem {
  return {
    id: routeItemId(alert.id),
    workloadId,
    kind: 'route',
    alertId: alert.id,
    incidentId,
    held: incidentId === null,
    fingerprint: alert.fingerprint,
    condition: alert.condition,
    eventAt: notificationTime(alert),
    alert,
    changedInVersion: stamp,
  };
}

/** As the embedded store orders an incident's notifications: by time, then id. */
function byTimeThenId(a: IncidentAlert, b: IncidentAlert): number {
  const at = notificationTime(a);
  const bt = notificationTime(b);
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
