// Dead letters an operator can act on, with Service Bus on the AMQP stand-in: messages the broker
// dead-lettered (past the alerts queue's max delivery count) are listed beside the app's own (not an
// alert), with the reason and a bounded preview; an operator resubmits or discards one, and who did it is
// recorded. The runtime's correlator reads the embedded queue here, so that only the test consumes the
// stand-in's alerts queue and can make the broker dead-letter what it wants.
import { ServiceBusClient } from '@azure/service-bus';
import { ALERTS_QUEUE } from '../../shared/domain/contracts/queues';
import { ServiceBusStandIn } from '../standins/serviceBus/ServiceBusStandIn';
import { testFunctionKey } from '../local/support/testRuntime';
import { startAppRuntime } from './support/appRuntime';

const KEYS = { viewer: 'viewer-key-0123456789abcdef', operator: 'operator-key-0123456789abcdef' };
const OPERATOR_KEYS = JSON.stringify([
  { key: KEYS.viewer, name: 'vera', roles: ['viewer'] },
  { key: KEYS.operator, name: 'oscar', roles: ['operator'] },
]);
const MAX_DELIVERY_COUNT = 2;

interface DeadLetterItem {
  id: string;
  source: 'broker' | 'app';
  entity: string;
  messageId: string;
  reason: string;
  bodyPreview?: string;
  bodyTruncated?: boolean;
  deliveryCount?: number;
  settled?: { action: string; actor: string; at: string };
}

describe('dead letters (Service Bus stand-in)', () => {
  let sb: ServiceBusStandIn;
  let client: ServiceBusClient;
  let app: Awaited<ReturnType<typeof startAppRuntime>>;

  beforeAll(async () => {
    sb = await ServiceBusStandIn.start({
      queues: [
        { name: ALERTS_QUEUE, maxDeliveryCount: MAX_DELIVERY_COUNT, duplicateDetectionWindowMs: 600_000 },
      ],
      topics: [{ name: 'incident-events', subscriptions: ['audit'] }],
    });
    client = new ServiceBusClient(sb.connectionString);
    app = await startAppRuntime({
      settings: { LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS, ServiceBusConnection: sb.connectionString },
      triggerSettings: {},
    });
  });

  afterAll(async () => {
    await app.stop();
    await client.close();
    await sb.stop();
  });

  /** Sends messages to the stand-in's alerts queue and fails each delivery until the broker dead-letters them. */
  async function deadLetteredByTheBroker(bodies: { messageId: string; body: unknown }[]): Promise<void> {
    const sender = client.createSender(ALERTS_QUEUE);
    await sender.sendMessages(
      bodies.map((b) => ({ messageId: b.messageId, body: Buffer.from(JSON.stringify(b.body)) })),
    );
    await sender.close();
    const receiver = client.createReceiver(ALERTS_QUEUE, { maxAutoLockRenewalDurationInMs: 0 });
    while (sb.deadLetters(ALERTS_QUEUE).length < bodies.length) {
      for (const message of await receiver.receiveMessages(10, { maxWaitTimeInMs: 500 })) {
        await receiver.abandonMessage(message);
      }
    }
    await receiver.close();
  }

  const list = async () => {
    const res = await fetch(`${app.api('dead-letters')}?code=${testFunctionKey}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: DeadLetterItem[] }).items;
  };
  const act = (id: string, action: string, key?: string) =>
    fetch(app.api(`dead-letters/${id}/${action}`), {
      method: 'POST',
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });

  it('lists broker and app dead letters; an operator resubmits or discards one, recorded with who', async () => {
    const big = 'x'.repeat(10_000);
    await deadLetteredByTheBroker([
      { messageId: 'stuck-1', body: { id: 'stuck-1', note: 'retry me' } },
      { messageId: 'stuck-2', body: { id: 'stuck-2', padding: big } },
    ]);
    app.runtime.queue.send(ALERTS_QUEUE, [{ messageId: 'not-an-alert', body: { hello: 'world' } }]);
    app.runtime.wake();
    await app.runtime.idle();

    const items = await list();
    const [first, second] = items.filter((d) => d.source === 'broker');
    const own = items.find((d) => d.source === 'app');
    expect(first).toMatchObject({
      entity: ALERTS_QUEUE,
      messageId: 'stuck-1',
      reason: 'MaxDeliveryCountExceeded',
      deliveryCount: MAX_DELIVERY_COUNT,
      bodyTruncated: false,
    });
    expect(first?.bodyPreview).toContain('retry me');
    expect(second).toMatchObject({ messageId: 'stuck-2', bodyTruncated: true });
    expect(second?.bodyPreview?.length).toBeLessThan(5_000);
    expect(own).toMatchObject({ messageId: 'not-an-alert', reason: 'InvalidAlertMessage' });
    if (!first || !second || !own) throw new Error('missing dead letters');

    // Operators only.
    expect((await act(first.id, 'resubmit')).status).toBe(401);
    expect((await act(first.id, 'resubmit', KEYS.viewer)).status).toBe(403);
    expect((await act('not-a-dead-letter', 'discard', KEYS.operator)).status).toBe(404);
    expect((await act(first.id, 'requeue', KEYS.operator)).status).toBe(404);

    const resubmitted = await act(first.id, 'resubmit', KEYS.operator);
    expect(resubmitted.status).toBe(200);
    expect(await resubmitted.json()).toMatchObject({
      action: 'resubmit',
      actor: 'oscar',
      messageId: 'stuck-1',
      resubmittedAs: expect.stringMatching(/^stuck-1:resubmitted:/) as unknown,
    });
    // Back on the queue, as sent (under a new id, past duplicate detection), and out of the dead letters.
    expect(sb.peekAll(ALERTS_QUEUE)).toEqual([
      expect.objectContaining({ body: { id: 'stuck-1', note: 'retry me' }, deliveryCount: 0 }),
    ]);
    const again = await act(first.id, 'resubmit', KEYS.operator);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('oscar');

    expect((await act(second.id, 'discard', KEYS.operator)).status).toBe(200);
    expect(sb.deadLetters(ALERTS_QUEUE)).toEqual([]);

    // The app's own dead letter failed validation: resubmitting it cannot help, discarding records it.
    expect((await act(own.id, 'resubmit', KEYS.operator)).status).toBe(409);
    expect((await act(own.id, 'discard', KEYS.operator)).status).toBe(200);
    const after = await list();
    expect(after.filter((d) => d.source === 'broker')).toEqual([]);
    expect(after.find((d) => d.id === own.id)?.settled).toMatchObject({ action: 'discard', actor: 'oscar' });

    const log = await fetch(`${app.api('dead-letters/actions')}?code=${testFunctionKey}`);
    expect(
      ((await log.json()) as { items: { action: string; actor: string; messageId: string }[] }).items,
    ).toEqual([
      expect.objectContaining({ action: 'discard', actor: 'oscar', messageId: 'not-an-alert' }),
      expect.objectContaining({ action: 'discard', actor: 'oscar', messageId: 'stuck-2' }),
      expect.objectContaining({ action: 'resubmit', actor: 'oscar', messageId: 'stuck-1' }),
    ]);
  });
});
