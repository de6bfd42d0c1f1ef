// Conformance of the Service Bus stand-in: the real @azure/service-bus SDK, unmodified, against it.
import {
  isServiceBusError,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
  ServiceBusClient,
} from '@azure/service-bus';
import {
  ServiceBusStandIn,
  type ServiceBusStandInOptions,
} from '../../standins/serviceBus/ServiceBusStandIn';

const SHORT_LOCK_MS = 300;
/** Long enough that a renew request made halfway lands in time even on a busy machine. */
const RENEWABLE_LOCK_MS = 1000;
const SHORT_DUPLICATE_WINDOW_MS = 300;
/** Far enough ahead that the message is still scheduled when the test looks. */
const SCHEDULE_AHEAD_MS = 600;
const RECEIVE_WAIT_MS = 2000;
/** Long enough to be sure nothing is coming, short enough to keep the suite quick. */
const NOTHING_WAIT_MS = 200;

const options: ServiceBusStandInOptions = {
  queues: [
    { name: 'orders' },
    { name: 'short-lock', lockDurationMs: SHORT_LOCK_MS },
    { name: 'renewable', lockDurationMs: RENEWABLE_LOCK_MS },
    { name: 'poison', maxDeliveryCount: 2 },
    { name: 'deduplicated', duplicateDetectionWindowMs: 60_000 },
    { name: 'short-dedup', duplicateDetectionWindowMs: SHORT_DUPLICATE_WINDOW_MS },
  ],
  topics: [{ name: 'events', subscriptions: ['audit', 'notify'] }],
  maxMessageSizeInBytes: 64 * 1024,
};

describe('ServiceBusStandIn with the real SDK', () => {
  let sb: ServiceBusStandIn;
  let client: ServiceBusClient;

  beforeEach(async () => {
    sb = await ServiceBusStandIn.start(options);
    client = new ServiceBusClient(sb.connectionString);
  });

  afterEach(async () => {
    await client.close();
    await sb.stop();
  });

  async function receiveOne(receiver: ServiceBusReceiver): Promise<ServiceBusReceivedMessage> {
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: RECEIVE_WAIT_MS });
    if (!message) throw new Error('No message arrived in time.');
    return message;
  }

  async function send(
    entity: string,
    ...bodies: Array<{ body: unknown; messageId?: string }>
  ): Promise<void> {
    const sender = client.createSender(entity);
    await sender.sendMessages(bodies);
    await sender.close();
  }

  describe('sending and receiving', () => {
    it('delivers body, properties and broker annotations, then removes the message on complete', async () => {
      const sender = client.createSender('orders');
      await sender.sendMessages({
        body: { orderId: 7, items: ['a', 'b'] },
        messageId: 'order-7',
        subject: 'order.created',
        correlationId: 'corr-1',
        contentType: 'application/json',
        applicationProperties: { tenant: 'contoso', priority: 2, urgent: true },
      });
      const receiver = client.createReceiver('orders');

      const message = await receiveOne(receiver);

      expect(message).toMatchObject({
        body: { orderId: 7, items: ['a', 'b'] },
        messageId: 'order-7',
        subject: 'order.created',
        correlationId: 'corr-1',
        contentType: 'application/json',
        applicationProperties: { tenant: 'contoso', priority: 2, urgent: true },
        deliveryCount: 0,
        state: 'active',
      });
      expect(message.sequenceNumber?.toNumber()).toBe(1);
      expect(message.enqueuedTimeUtc).toBeInstanceOf(Date);
      expect(message.lockedUntilUtc?.getTime()).toBeGreaterThan(Date.now());
      expect(message.lockToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(sb.peekAll('orders')).toEqual([expect.objectContaining({ messageId: 'order-7', locked: true })]);

      await receiver.completeMessage(message);
      expect(sb.peekAll('orders')).toEqual([]);
    });

    it('unpacks a batch sent as one transfer, keeping order', async () => {
      const sender = client.createSender('orders');
      const batch = await sender.createMessageBatch();
      expect(batch.maxSizeInBytes).toBe(64 * 1024);
      for (let i = 0; i < 5; i++) {
        expect(batch.tryAddMessage({ body: { i }, messageId: `m${i}` })).toBe(true);
      }
      await sender.sendMessages(batch);

      expect(sb.sendStats('orders')).toEqual({ transfers: 1, messages: 5 });
      const receiver = client.createReceiver('orders', { receiveMode: 'receiveAndDelete' });
      const messages = await receiver.receiveMessages(5, { maxWaitTimeInMs: RECEIVE_WAIT_MS });
      expect(messages.map((m): unknown => m.body)).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
    });

    it('advertises the maximum message size, so the SDK refuses what does not fit', async () => {
      const sender = client.createSender('orders');
      const batch = await sender.createMessageBatch();
      expect(batch.tryAddMessage({ body: 'x'.repeat(70 * 1024) })).toBe(false);
      await expect(sender.sendMessages({ body: 'x'.repeat(70 * 1024) })).rejects.toMatchObject({
        code: 'MessageSizeExceeded',
      });
    });

    it('removes messages as it hands them out in receiveAndDelete mode', async () => {
      await send('orders', { body: 1 }, { body: 2 });
      const receiver = client.createReceiver('orders', { receiveMode: 'receiveAndDelete' });

      const messages = await receiver.receiveMessages(2, { maxWaitTimeInMs: RECEIVE_WAIT_MS });

      expect(messages.map((m): unknown => m.body)).toEqual([1, 2]);
      expect(messages.every((m) => m.lockToken === undefined)).toBe(true);
      expect(sb.peekAll('orders')).toEqual([]);
    });

    it('feeds a streaming subscriber, which completes what it processed', async () => {
      await send('orders', { body: 'a' }, { body: 'b' }, { body: 'c' });
      const receiver = client.createReceiver('orders');
      const seen: unknown[] = [];
      const done = new Promise<void>((resolve, reject) => {
        receiver.subscribe({
          processMessage: async (message) => {
            seen.push(message.body);
            if (seen.length === 3) resolve();
            return Promise.resolve();
          },
          processError: async (args) => {
            reject(args.error);
            return Promise.resolve();
          },
        });
      });

      await done;
      await waitFor(() => sb.peekAll('orders').length === 0);

      expect(seen).toEqual(['a', 'b', 'c']);
      await receiver.close();
    });

    it('fails with MessagingEntityNotFound for an unknown queue', async () => {
      const sender = client.createSender('no-such-queue');
      const error: unknown = await sender.sendMessages({ body: 1 }).catch((e: unknown) => e);
      expect(isServiceBusError(error) && error.code).toBe('MessagingEntityNotFound');
      expect(isServiceBusError(error) && error.retryable).toBe(false);

      const receiver = client.createReceiver('no-such-queue');
      await expect(receiver.receiveMessages(1, { maxWaitTimeInMs: NOTHING_WAIT_MS })).rejects.toMatchObject({
        code: 'MessagingEntityNotFound',
      });
    });

    it('refuses session receivers, which it does not implement', async () => {
      await expect(client.acceptSession('orders', 'session-1')).rejects.toThrow(/sessions/);
    });
  });

  describe('peek-lock settlement', () => {
    it('redelivers an abandoned message with deliveryCount + 1', async () => {
      await send('orders', { body: 'retry me' });
      const receiver = client.createReceiver('orders');

      await receiver.abandonMessage(await receiveOne(receiver), { attempt: 'first' });
      const again = await receiveOne(receiver);

      expect(again).toMatchObject({
        body: 'retry me',
        deliveryCount: 1,
        applicationProperties: { attempt: 'first' },
      });
    });

    it('redelivers a message whose lock expired, with deliveryCount + 1', async () => {
      await send('short-lock', { body: 'slow consumer' });
      const receiver = client.createReceiver('short-lock', { maxAutoLockRenewalDurationInMs: 0 });

      const first = await receiveOne(receiver);
      const again = await receiveOne(receiver);

      expect(again).toMatchObject({ body: 'slow consumer', deliveryCount: 1 });
      expect(again.lockToken).not.toBe(first.lockToken);
      expect(again.enqueuedTimeUtc).toEqual(first.enqueuedTimeUtc);
      expect(Date.now()).toBeGreaterThanOrEqual(first.lockedUntilUtc?.getTime() ?? Infinity);
    });

    it('dead-letters with MaxDeliveryCountExceeded past the maximum delivery count', async () => {
      await send('poison', { body: 'poison', messageId: 'poison-1' });
      const receiver = client.createReceiver('poison');

      await receiver.abandonMessage(await receiveOne(receiver));
      await receiver.abandonMessage(await receiveOne(receiver));

      expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: NOTHING_WAIT_MS })).toEqual([]);
      const deadLetterReceiver = client.createReceiver('poison', { subQueueType: 'deadLetter' });
      const deadLettered = await receiveOne(deadLetterReceiver);
      expect(deadLettered).toMatchObject({
        body: 'poison',
        messageId: 'poison-1',
        deliveryCount: 2,
        deadLetterReason: 'MaxDeliveryCountExceeded',
      });
      await deadLetterReceiver.completeMessage(deadLettered);
      expect(sb.deadLetters('poison')).toEqual([]);
    });

    it('dead-letters on request, with reason, description and extra properties', async () => {
      await send('orders', { body: 'bad input' });
      const receiver = client.createReceiver('orders');

      await receiver.deadLetterMessage(await receiveOne(receiver), {
        deadLetterReason: 'ValidationFailed',
        deadLetterErrorDescription: 'severity is missing',
        stage: 'triage',
      });

      expect(sb.peekAll('orders')).toEqual([]);
      expect(sb.deadLetters('orders')).toEqual([
        expect.objectContaining({
          body: 'bad input',
          deadLetterReason: 'ValidationFailed',
          deadLetterErrorDescription: 'severity is missing',
          applicationProperties: expect.objectContaining({ stage: 'triage' }),
        }),
      ]);
      const deadLetterReceiver = client.createReceiver('orders', { subQueueType: 'deadLetter' });
      expect(await receiveOne(deadLetterReceiver)).toMatchObject({
        deadLetterReason: 'ValidationFailed',
        deadLetterErrorDescription: 'severity is missing',
      });
    });

    it('answers a settlement after the lock expired with MessageLockLost', async () => {
      await send('short-lock', { body: 'too late' });
      const receiver = client.createReceiver('short-lock', { maxAutoLockRenewalDurationInMs: 0 });
      const message = await receiveOne(receiver);

      await waitFor(() => sb.peekAll('short-lock').every((m) => !m.locked));

      await expect(receiver.completeMessage(message)).rejects.toMatchObject({
        name: 'ServiceBusError',
        code: 'MessageLockLost',
      });
      expect(sb.peekAll('short-lock')).toEqual([
        expect.objectContaining({ body: 'too late', deliveryCount: 1 }),
      ]);
    });

    it('renews a lock so that settlement after the original expiry still succeeds', async () => {
      await send('renewable', { body: 'long job' });
      const receiver = client.createReceiver('renewable', { maxAutoLockRenewalDurationInMs: 0 });
      const message = await receiveOne(receiver);
      const firstExpiry = message.lockedUntilUtc?.getTime() ?? 0;

      await delay(RENEWABLE_LOCK_MS / 2);
      const renewedUntil = await receiver.renewMessageLock(message);
      await waitFor(() => Date.now() > firstExpiry + 20);

      expect(renewedUntil.getTime()).toBeGreaterThan(firstExpiry);
      await receiver.completeMessage(message);
      expect(sb.peekAll('renewable')).toEqual([]);
    });

    it('renewLock fails with MessageLockLost once the lock is gone', async () => {
      await send('orders', { body: 'done already' });
      const receiver = client.createReceiver('orders');
      const message = await receiveOne(receiver);
      await receiver.completeMessage(message);

      await expect(receiver.renewMessageLock(message)).rejects.toMatchObject({ code: 'MessageLockLost' });
    });

    it('defers a message, which then comes back only by sequence number', async () => {
      await send('orders', { body: 'later' });
      const receiver = client.createReceiver('orders');
      const message = await receiveOne(receiver);
      await receiver.deferMessage(message);

      expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: NOTHING_WAIT_MS })).toEqual([]);
      expect(sb.peekAll('orders')).toEqual([expect.objectContaining({ state: 'deferred' })]);
      const [deferred] = await receiver.receiveDeferredMessages(message.sequenceNumber ?? []);

      expect(deferred).toMatchObject({ body: 'later', state: 'deferred' });
      await receiver.completeMessage(deferred ?? message);
      expect(sb.peekAll('orders')).toEqual([]);
    });
  });

  describe('management operations', () => {
    it('peeks without locking or removing, continuing where the last peek stopped', async () => {
      await send('orders', { body: 'a' }, { body: 'b' }, { body: 'c' });
      const receiver = client.createReceiver('orders');

      const firstPage = await receiver.peekMessages(2);
      const secondPage = await receiver.peekMessages(2);
      const fromStart = await receiver.peekMessages(5, { fromSequenceNumber: firstPage[0]?.sequenceNumber });

      expect(firstPage.map((m): unknown => m.body)).toEqual(['a', 'b']);
      expect(secondPage.map((m): unknown => m.body)).toEqual(['c']);
      expect(fromStart.map((m): unknown => m.body)).toEqual(['a', 'b', 'c']);
      expect(firstPage[0]?.lockToken).toBeUndefined();
      expect(await receiver.peekMessages(1)).toEqual([]);
      expect(sb.peekAll('orders').map((m) => m.locked)).toEqual([false, false, false]);
    });

    it('schedules messages, cancels one, and enqueues the other when due', async () => {
      const sender = client.createSender('orders');
      const dueAt = new Date(Date.now() + SCHEDULE_AHEAD_MS);

      const [keep, cancel] = await sender.scheduleMessages([{ body: 'keep' }, { body: 'cancel' }], dueAt);
      expect(sb.peekAll('orders').map((m) => [m.body, m.state])).toEqual([
        ['keep', 'scheduled'],
        ['cancel', 'scheduled'],
      ]);
      await sender.cancelScheduledMessages(cancel ?? []);

      const receiver = client.createReceiver('orders');
      expect((await receiver.peekMessages(5)).map((m) => m.state)).toEqual(['scheduled']);
      const message = await receiveOne(receiver);
      expect(message).toMatchObject({ body: 'keep' });
      expect(message.sequenceNumber?.toNumber()).toBe(keep?.toNumber());
      expect(Date.now()).toBeGreaterThanOrEqual(dueAt.getTime());
      expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: NOTHING_WAIT_MS })).toEqual([]);
    });

    it('treats a future scheduledEnqueueTimeUtc on send as a scheduled message', async () => {
      const sender = client.createSender('orders');
      await sender.sendMessages({
        body: 'soon',
        scheduledEnqueueTimeUtc: new Date(Date.now() + SCHEDULE_AHEAD_MS),
      });

      expect(sb.peekAll('orders')).toEqual([expect.objectContaining({ state: 'scheduled' })]);
      const receiver = client.createReceiver('orders');
      expect(await receiveOne(receiver)).toMatchObject({ body: 'soon' });
    });
  });

  describe('topics and duplicate detection', () => {
    it('gives every subscription its own copy', async () => {
      await send('events', { body: { kind: 'incident.opened' }, messageId: 'evt-1' });

      for (const subscription of ['audit', 'notify']) {
        const receiver = client.createReceiver('events', subscription);
        const message = await receiveOne(receiver);
        expect(message).toMatchObject({ body: { kind: 'incident.opened' }, messageId: 'evt-1' });
        await receiver.completeMessage(message);
      }

      expect(sb.peekAll('events/Subscriptions/audit')).toEqual([]);
      expect(sb.peekAll('events/Subscriptions/notify')).toEqual([]);
    });

    it('drops a repeated messageId within the window, across sends and inside one batch', async () => {
      await send('deduplicated', { body: 1, messageId: 'same' }, { body: 2, messageId: 'same' });
      await send('deduplicated', { body: 3, messageId: 'same' }, { body: 4, messageId: 'other' });

      expect(sb.peekAll('deduplicated').map((m): unknown => m.body)).toEqual([1, 4]);
      expect(sb.sendStats('deduplicated').messages).toBe(4);
    });

    it('accepts the messageId again once the window has passed', async () => {
      await send('short-dedup', { body: 1, messageId: 'same' });
      await delay(SHORT_DUPLICATE_WINDOW_MS + 50);
      await send('short-dedup', { body: 2, messageId: 'same' });

      expect(sb.peekAll('short-dedup').map((m): unknown => m.body)).toEqual([1, 2]);
    });

    it('keeps every copy on a queue without duplicate detection', async () => {
      await send('orders', { body: 1, messageId: 'same' }, { body: 2, messageId: 'same' });

      expect(sb.peekAll('orders').map((m): unknown => m.body)).toEqual([1, 2]);
    });
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls a condition the stand-in exposes instead of sleeping for a guessed time. */
async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time.');
    await delay(20);
  }
}
