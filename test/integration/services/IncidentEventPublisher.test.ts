// The publisher over the embedded outbox with a typed fake sender: order, batches, and nothing marked
// published unless the topic took it.
import { EmbeddedIncidentEventOutbox } from '../../../shared/adapters/sqlite/EmbeddedIncidentEventOutbox';
import { EmbeddedIncidentStore } from '../../../shared/adapters/sqlite/EmbeddedIncidentStore';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { INCIDENT_EVENTS_TOPIC } from '../../../shared/domain/contracts/queues';
import { TransientError } from '../../../shared/errors';
import type { MessageSender, OutboundMessage } from '../../../shared/ports/MessageSender';
import { IncidentEventPublisher } from '../../../shared/services/IncidentEventPublisher';
import { removeDir, tempDataDir } from '../../local/support/testRuntime';
import {
  afterDetection,
  newIncident,
  SECOND,
  timelineEntry,
} from '../../unit/shared/domain/incident/incidentTestSupport';

class RecordingSender implements MessageSender {
  readonly sends: { entity: string; messages: readonly OutboundMessage[] }[] = [];
  failNext = 0;
  send(entity: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      return Promise.reject(new TransientError('bus unreachable'));
    }
    this.sends.push({ entity, messages });
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
let dir: string;
let db: EmbeddedDatabase;
let store: EmbeddedIncidentStore;
let outbox: EmbeddedIncidentEventOutbox;

beforeEach(async () => {
  dir = tempDataDir();
  db = openEmbeddedDatabase(dir);
  store = new EmbeddedIncidentStore(db);
  outbox = new EmbeddedIncidentEventOutbox(db);
  const { incident } = await store.create(newIncident());
  await store.appendTimeline(
    incident.id,
    Array.from({ length: 7 }, (_, i) =>
      timelineEntry(`e${i}`, afterDetection(i * SECOND), { type: 'health-probe' }),
    ),
  );
});
afterEach(() => {
  db.close();
  removeDir(dir);
});

it('sends everything in recorded order in batches, as structured CloudEvents with the event id as message id', async () => {
  const sender = new RecordingSender();
  const publisher = new IncidentEventPublisher({
    outbox,
    sender,
    now: () => new Date(),
    log: silent,
    batchSize: 3,
  });

  expect(await publisher.drain()).toBe(7);

  expect(sender.sends.map((s) => [s.entity, s.messages.length])).toEqual([
    [INCIDENT_EVENTS_TOPIC, 3],
    [INCIDENT_EVENTS_TOPIC, 3],
    [INCIDENT_EVENTS_TOPIC, 1],
  ]);
  const messages = sender.sends.flatMap((s) => s.messages);
  const events = (await outbox.published({ limit: 10 })).items.map((p) => p.event);
  expect(messages.map((m) => m.messageId)).toEqual(events.map((e) => e.id));
  expect(messages[0]).toMatchObject({
    contentType: 'application/cloudevents+json; charset=utf-8',
    subject: 'io.lifeboat.incident.health-probe',
    body: events[0],
    applicationProperties: { workloadId: 'orders-api', mode: 'live', tier: 1 },
  });
  expect(await outbox.unpublished(10)).toEqual([]);
  expect(await publisher.drain()).toBe(0);
});

it('marks nothing the topic did not take, and sends it on the next drain', async () => {
  const sender = new RecordingSender();
  const publisher = new IncidentEventPublisher({
    outbox,
    sender,
    now: () => new Date(),
    log: silent,
    batchSize: 3,
  });
  sender.failNext = 1;

  await expect(publisher.drain()).rejects.toBeInstanceOf(TransientError);
  expect(await outbox.unpublished(10)).toHaveLength(7);

  expect(await publisher.drain()).toBe(7);
  expect(new Set(sender.sends.flatMap((s) => s.messages.map((m) => m.messageId))).size).toBe(7);
});
