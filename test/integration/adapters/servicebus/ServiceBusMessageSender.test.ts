// The Service Bus MessageSender adapter against the stand-in: the port contract, then what is
// specific to Service Bus (batching, size limit, topics, error mapping).
import { ServiceBusClient } from '@azure/service-bus';
import { NonRetryableError, TransientError } from '../../../../shared/errors';
import { ServiceBusMessageSender } from '../../../../shared/adapters/servicebus/ServiceBusMessageSender';
import {
  describeMessageSenderContract,
  MESSAGE_SENDER_CONTRACT_ENTITIES,
  type ReceivedMessage,
} from '../../../contracts/messageSenderContract';
import { ServiceBusStandIn } from '../../../standins/serviceBus/ServiceBusStandIn';

const DUPLICATE_WINDOW_MS = 10 * 60_000;
const PEEK_PAGE = 250;

/** Reads back with the real SDK: peeking leaves the messages in place and needs no waiting. */
async function peekEverything(client: ServiceBusClient, entity: string): Promise<ReceivedMessage[]> {
  const receiver = client.createReceiver(entity);
  try {
    const all: ReceivedMessage[] = [];
    for (
      let page = await receiver.peekMessages(PEEK_PAGE);
      page.length > 0;
      page = await receiver.peekMessages(PEEK_PAGE)
    ) {
      all.push(
        ...page.map((m) => ({
          messageId: String(m.messageId),
          body: m.body,
          subject: m.subject,
          correlationId: m.correlationId === undefined ? undefined : String(m.correlationId),
          applicationProperties: m.applicationProperties,
        })),
      );
    }
    return all;
  } finally {
    await receiver.close();
  }
}

describeMessageSenderContract('ServiceBusMessageSender on the Service Bus stand-in', async () => {
  const sb = await ServiceBusStandIn.start({
    queues: [
      { name: MESSAGE_SENDER_CONTRACT_ENTITIES.queue, duplicateDetectionWindowMs: DUPLICATE_WINDOW_MS },
    ],
  });
  const sender = new ServiceBusMessageSender({ connectionString: sb.connectionString });
  const reader = new ServiceBusClient(sb.connectionString);
  return {
    sender,
    received: (entity) => peekEverything(reader, entity),
    dispose: async () => {
      await sender.close();
      await reader.close();
      await sb.stop();
    },
  };
});

describe('ServiceBusMessageSender', () => {
  let sb: ServiceBusStandIn;
  let sender: ServiceBusMessageSender;

  beforeEach(async () => {
    sb = await ServiceBusStandIn.start({
      queues: [{ name: 'intake' }],
      topics: [{ name: 'incident-events', subscriptions: ['timeline', 'notifications'] }],
    });
    sender = new ServiceBusMessageSender({ connectionString: sb.connectionString });
  });

  afterEach(async () => {
    await sender.close();
    await sb.stop();
  });

  it('splits a send that exceeds the maximum message size into several batches', async () => {
    const messages = Array.from({ length: 500 }, (_, i) => ({
      messageId: `m-${i}`,
      body: { pad: 'x'.repeat(1000) },
    }));

    await sender.send('intake', messages);

    const stats = sb.sendStats('intake');
    expect(stats.messages).toBe(500);
    // 500 KB does not fit the 256 KB limit once, and fits in a handful of batches.
    expect(stats.transfers).toBeGreaterThanOrEqual(2);
    expect(stats.transfers).toBeLessThanOrEqual(3);
    expect(sb.peekAll('intake').map((m) => m.messageId)).toEqual(messages.map((m) => m.messageId));
  });

  it('marks bodies as JSON', async () => {
    await sender.send('intake', [{ messageId: 'a', body: { ok: true } }]);

    expect(sb.peekAll('intake')).toEqual([
      expect.objectContaining({ contentType: 'application/json', body: { ok: true } }),
    ]);
  });

  it('rejects a message that can never fit before sending any of the list', async () => {
    const error: unknown = await sender
      .send('intake', [
        { messageId: 'small-1', body: 'ok' },
        { messageId: 'huge', body: 'x'.repeat(300 * 1024) },
        { messageId: 'small-2', body: 'ok' },
      ])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NonRetryableError);
    expect((error as Error).message).toMatch(
      /Message "huge" for Service Bus entity "intake" is larger than the 262144-byte/,
    );
    expect(sb.peekAll('intake')).toEqual([]);
  });

  it('rejects a body that cannot be serialised as JSON, naming the message', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    const error: unknown = await sender
      .send('intake', [{ messageId: 'cyclic', body: cyclic }])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NonRetryableError);
    expect((error as Error).message).toBe('The body of message "cyclic" cannot be serialised as JSON.');
    expect(sb.peekAll('intake')).toEqual([]);
  });

  it('sends to a topic, whose every subscription gets a copy', async () => {
    await sender.send('incident-events', [
      { messageId: 'evt', body: { type: 'declared' }, subject: 'declared' },
    ]);

    for (const subscription of ['timeline', 'notifications']) {
      expect(sb.peekAll(`incident-events/Subscriptions/${subscription}`)).toEqual([
        expect.objectContaining({ messageId: 'evt', subject: 'declared', body: { type: 'declared' } }),
      ]);
    }
  });

  it('creates one SDK sender per entity and reuses it', async () => {
    const createSender = jest.spyOn(ServiceBusClient.prototype, 'createSender');
    try {
      await sender.send('intake', [{ messageId: '1', body: 1 }]);
      await sender.send('intake', [{ messageId: '2', body: 2 }]);
      await sender.send('incident-events', [{ messageId: '3', body: 3 }]);

      expect(createSender.mock.calls.map(([entity]) => entity)).toEqual(['intake', 'incident-events']);
    } finally {
      createSender.mockRestore();
    }
  });

  it('reports an unreachable namespace as a TransientError', async () => {
    await sb.stop();
    const unreachable = new ServiceBusMessageSender(
      { connectionString: sb.connectionString },
      { clientOptions: { retryOptions: { maxRetries: 0 } } },
    );
    try {
      const error: unknown = await unreachable
        .send('intake', [{ messageId: 'm', body: 1 }])
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toMatch(/"intake" failed: .*ECONNREFUSED/);
    } finally {
      await unreachable.close();
    }
  });

  it('reports a connection lost between sends as a TransientError', async () => {
    const impatient = new ServiceBusMessageSender(
      { connectionString: sb.connectionString },
      { clientOptions: { retryOptions: { maxRetries: 0, timeoutInMs: 500 } } },
    );
    try {
      await impatient.send('intake', [{ messageId: 'before', body: 1 }]);
      await sb.stop();

      const error: unknown = await impatient
        .send('intake', [{ messageId: 'after', body: 2 }])
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toContain('"intake"');
      expect((error as Error).cause).toBeInstanceOf(Error);
    } finally {
      await impatient.close();
    }
  });
});
