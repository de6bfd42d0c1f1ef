// Incident events end to end, with Service Bus on the AMQP stand-in (the app sends and the local runtime's
// triggers receive through the real @azure/service-bus SDK): a subscriber of incident-events sees a whole DR
// activation's events in order, each id once, under the double-execution test mode; with the bus gone for a
// minute in the middle of the run, nothing is lost and nothing is duplicated once it is back.
import {
  ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
} from '@azure/service-bus';
import { incidentEventSchema, type IncidentEvent } from '../../shared/domain/events/IncidentEvent';
import { HttpTarget } from '../support/httpTarget';
import { ServiceBusStandIn } from '../standins/serviceBus/ServiceBusStandIn';
import { waitFor } from '../local/support/testRuntime';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const OUTAGE_MS = Number(process.env.LIFEBOAT_TEST_BUS_OUTAGE_MS ?? 60_000);
const KEYS = { viewer: 'viewer-key-0123456789abcdef', alice: 'alice-approver-key-0123456789' };
const OPERATOR_KEYS = JSON.stringify([
  { key: KEYS.viewer, name: 'vera', roles: ['viewer'] },
  { key: KEYS.alice, name: 'alice', roles: ['approver'] },
]);
const SUBSCRIPTION = 'e2e';

jest.setTimeout(OUTAGE_MS + 120_000);

describe('incident events on the incident-events topic (Service Bus stand-in, double execution)', () => {
  const target = new HttpTarget(() => ({ status: 200, body: '{}' }));
  let sb: ServiceBusStandIn;
  let subscriber: ServiceBusClient;
  let receiver: ServiceBusReceiver;
  const received: ServiceBusReceivedMessage[] = [];
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  let alertNumber = 0;

  beforeAll(async () => {
    const base = await target.start();
    sb = await ServiceBusStandIn.start({
      queues: [{ name: 'alerts', duplicateDetectionWindowMs: 600_000, lockDurationMs: 5_000 }],
      topics: [
        { name: 'incident-events', duplicateDetectionWindowMs: 600_000, subscriptions: [SUBSCRIPTION] },
      ],
    });
    const catalogDir = writeRunbookCatalog(
      ['calm', 'stormy'].map((id) => ({
        id,
        secondaryChecks: [{ name: 'app', url: `${base}/health/${id}`, consecutivePasses: 1, deadline: '1m' }],
        steps: ['freeze', 'switch'].map((step) => ({
          id: step,
          name: `Call ${step}`,
          type: 'http',
          request: { method: 'POST', url: `${base}/${id}/${step}` },
          retry: 'none',
        })),
      })),
    );
    app = await startAppRuntime({
      catalogDir,
      doubleExecution: true,
      settings: { LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS, ServiceBusConnection: sb.connectionString },
    });
    subscriber = new ServiceBusClient(sb.connectionString);
    receiver = subscriber.createReceiver('incident-events', SUBSCRIPTION, {
      receiveMode: 'receiveAndDelete',
    });
    receiver.subscribe({
      processMessage: (message) => {
        received.push(message);
        return Promise.resolve();
      },
      processError: () => Promise.resolve(), // The outage shows up here; the SDK reconnects.
    });
  });

  afterAll(async () => {
    await receiver.close();
    await subscriber.close();
    await app.stop();
    await sb.stop();
    await target.stop();
  });

  const call = (route: string, key: string, init: RequestInit = {}) =>
    fetch(app.api(route), {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });

  async function statusOf(workload: string): Promise<{ id: string; status: string } | undefined> {
    const res = await call(`incidents?workload=${workload}`, KEYS.viewer);
    const list = (await res.json()) as { items: { id: string; status: string }[] };
    return list.items[0];
  }

  async function untilStatus(workload: string, status: string): Promise<string> {
    const found = await waitFor(
      `${workload} to be ${status}`,
      async () => {
        const incident = await statusOf(workload);
        return incident?.status === status ? incident.id : undefined;
      },
      60_000,
    );
    return found;
  }

  async function raiseOutage(workload: string): Promise<string> {
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: `events-alert-${++alertNumber}`,
          status: 'fired',
          severity: 'Sev0',
          summary: `${workload} is down`,
          firedAt: new Date(Date.now() - 60_000).toISOString(),
          labels: { service: workload },
        },
      ],
    });
    expect(res.status).toBe(202);
    return untilStatus(workload, 'awaiting-approval');
  }

  /** The incident shows awaiting-approval a moment before its approval request is recorded (409 until then). */
  async function approve(id: string): Promise<void> {
    await waitFor('the approval to be accepted', async () => {
      const res = await call(`incidents/${id}/actions/approve`, KEYS.alice, { method: 'POST', body: '' });
      if (res.status === 409) return undefined;
      expect(res.status).toBe(202);
      return true;
    });
  }

  /** What GET /api/events says was published for the incident, every page. */
  async function publishedEvents(incidentId: string): Promise<IncidentEvent[]> {
    const events: IncidentEvent[] = [];
    let token: string | undefined;
    do {
      const res = await call(
        `events?incident=${incidentId}&limit=7${token ? `&continuationToken=${token}` : ''}`,
        KEYS.viewer,
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: IncidentEvent[]; continuationToken?: string };
      events.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return events;
  }

  async function timelineLength(incidentId: string): Promise<number> {
    const res = await call(`incidents/${incidentId}`, KEYS.viewer);
    return ((await res.json()) as { timeline: unknown[] }).timeline.length;
  }

  const receivedFor = (incidentId: string) =>
    received.map((m) => incidentEventSchema.parse(m.body)).filter((e) => e.subject === incidentId);

  /** Every timeline entry published and received; then the subscriber's view and the API's agree. */
  async function settledEvents(incidentId: string): Promise<IncidentEvent[]> {
    await waitFor(
      'every event published and received',
      async () => {
        const entries = await timelineLength(incidentId);
        const published = await publishedEvents(incidentId);
        return published.length === entries && receivedFor(incidentId).length >= entries ? true : undefined;
      },
      90_000,
    );
    // A late duplicate would arrive right after the rest.
    await new Promise((r) => setTimeout(r, 500));
    return receivedFor(incidentId);
  }

  function expectWholeActivation(
    events: IncidentEvent[],
    published: IncidentEvent[],
    incidentId: string,
  ): void {
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events).toEqual(published);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => String(i + 1).padStart(10, '0')));
    const types = events.map((e) => e.type.replace('io.lifeboat.incident.', ''));
    const order = [
      'detected',
      'awaiting-approval',
      'failing-over',
      'runbook-started',
      'step-started',
      'step-succeeded',
      'validating',
      'recovered',
    ];
    const positions = order.map((change) => types.indexOf(change));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(types[types.length - 1]).toBe('recovered');
    for (const event of events) {
      expect(event).toMatchObject({
        specversion: '1.0',
        subject: incidentId,
        source: 'urn:lifeboat:incidents',
      });
    }
    expect(events[events.length - 1]?.data).toMatchObject({ status: 'recovered', rto: { met: true } });
  }

  it('a subscriber sees the whole DR activation in order, each event id once', async () => {
    const id = await raiseOutage('calm');
    await approve(id);
    await untilStatus('calm', 'recovered');

    const events = await settledEvents(id);
    expectWholeActivation(events, await publishedEvents(id), id);
    // Each event crossed the wire once: activities ran twice, the outbox had one event per entry.
    expect(sb.sendStats('incident-events').messages).toBe(events.length);
    expect(received.every((m) => m.contentType === 'application/cloudevents+json; charset=utf-8')).toBe(true);
  });

  it('loses and duplicates nothing when the bus is gone for a while in the middle of the run', async () => {
    const id = await raiseOutage('stormy');
    await settledEvents(id);
    const before = receivedFor(id).length;

    await sb.goOffline();
    const back = Date.now() + OUTAGE_MS;
    await approve(id);
    await untilStatus('stormy', 'recovered');
    // Recorded while the bus was away, and not published yet.
    expect((await publishedEvents(id)).length).toBe(before);
    expect(await timelineLength(id)).toBeGreaterThan(before);
    await new Promise((r) => setTimeout(r, Math.max(0, back - Date.now())));
    await sb.comeBack();

    const events = await settledEvents(id);
    expectWholeActivation(events, await publishedEvents(id), id);
    expect(events.length).toBeGreaterThan(before);
  });
});
