// The local runtime's Service Bus triggers behave as the Functions host's, whether fed from the embedded
// queue or from a Service Bus namespace through the real @azure/service-bus SDK (the AMQP stand-in):
// complete on return, abandon on throw, redelivery with deliveryCount + 1, dead-letter past the entity's max
// delivery count, lock renewal for a handler slower than the lock, host.json maxConcurrentCalls, and the
// trigger metadata the host fills in.
import { ServiceBusClient } from '@azure/service-bus';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SystemClock } from '../../local/clock/Clock';
import type { LocalRuntime } from '../../local/LocalRuntime';
import type { OutboundMessage } from '../../shared/ports/MessageSender';
import { ServiceBusStandIn } from '../standins/serviceBus/ServiceBusStandIn';
import { seen, type Delivery } from './apps/serviceBusTriggerApp';
import { removeDir, startTestRuntime, tempDataDir, waitFor } from './support/testRuntime';

const MAX_DELIVERY_COUNT = 3;
/** Long enough for the SDK's renewer (which renews halfway through a lock of over a second). */
const LOCK_MS = 2000;
const MAX_CONCURRENT_CALLS = 3;
const QUEUES = ['sb-complete', 'sb-fails-once', 'sb-poison', 'sb-slow'];

interface DeadLetter {
  readonly messageId: string | undefined;
  readonly reason: string | undefined;
}

/** One way of feeding the triggers: how to start it, send to it and read its dead letters. */
interface Transport {
  readonly name: string;
  start(): Promise<Readonly<Record<string, string>>>;
  send(entity: string, messages: OutboundMessage[]): Promise<void>;
  deadLetters(entity: string): DeadLetter[];
  remaining(entity: string): number;
  stop(): Promise<void>;
}

function embeddedTransport(runtime: () => LocalRuntime): Transport {
  return {
    name: 'the embedded queue',
    start: () => Promise.resolve({}),
    send: (entity, messages) => Promise.resolve(runtime().queue.send(entity, messages)),
    deadLetters: (entity) =>
      runtime()
        .queue.deadLetters(entity)
        .map((d) => ({ messageId: d.messageId, reason: d.reason })),
    remaining: (entity) => runtime().queue.activeCount(entity),
    stop: () => Promise.resolve(),
  };
}

function standInTransport(): Transport {
  let sb: ServiceBusStandIn | undefined;
  let client: ServiceBusClient | undefined;
  const standIn = () => {
    if (!sb) throw new Error('The stand-in is not running');
    return sb;
  };
  return {
    name: 'the Service Bus stand-in through @azure/service-bus',
    async start() {
      sb = await ServiceBusStandIn.start({
        queues: QUEUES.map((name) => ({
          name,
          maxDeliveryCount: MAX_DELIVERY_COUNT,
          lockDurationMs: LOCK_MS,
        })),
        topics: [
          {
            name: 'sb-topic',
            subscriptions: [
              { name: 'conformance', maxDeliveryCount: MAX_DELIVERY_COUNT, lockDurationMs: LOCK_MS },
            ],
          },
        ],
      });
      client = new ServiceBusClient(sb.connectionString);
      return { ServiceBusConnection: sb.connectionString };
    },
    async send(entity, messages) {
      const sender = client?.createSender(entity);
      if (!sender) throw new Error('The stand-in is not running');
      await sender.sendMessages(
        messages.map((m) => ({
          messageId: m.messageId,
          body: Buffer.from(JSON.stringify(m.body)),
          contentType: 'application/json',
          ...(m.subject !== undefined ? { subject: m.subject } : {}),
          ...(m.correlationId !== undefined ? { correlationId: m.correlationId } : {}),
          ...(m.applicationProperties !== undefined
            ? { applicationProperties: { ...m.applicationProperties } }
            : {}),
        })),
      );
      await sender.close();
    },
    deadLetters: (entity) =>
      standIn()
        .deadLetters(entity)
        .map((d) => ({ messageId: d.messageId, reason: d.deadLetterReason })),
    remaining: (entity) => standIn().peekAll(entity).length,
    async stop() {
      await client?.close();
      await sb?.stop();
    },
  };
}

const loadApp = () => {
  require('./apps/serviceBusTriggerApp');
};

let runtime: LocalRuntime | undefined;
let dataDir: string;
const current = () => {
  if (!runtime) throw new Error('The runtime is not running');
  return runtime;
};

describe.each([{ make: () => embeddedTransport(current) }, { make: () => standInTransport() }])(
  'Service Bus triggers',
  ({ make }) => {
    const transport = make();

    beforeEach(async () => {
      seen.reset();
      dataDir = tempDataDir();
      const hostJsonPath = path.join(dataDir, 'host.json');
      writeFileSync(
        hostJsonPath,
        JSON.stringify({
          version: '2.0',
          extensions: { serviceBus: { maxConcurrentCalls: MAX_CONCURRENT_CALLS } },
        }),
      );
      const settings = await transport.start();
      ({ runtime } = await startTestRuntime({
        loadApp,
        dataDir,
        hostJsonPath,
        settings,
        clock: new SystemClock(),
        maxDeliveryCount: MAX_DELIVERY_COUNT,
        messageLockDurationMs: LOCK_MS,
      }));
    });

    afterEach(async () => {
      await runtime?.stop();
      runtime = undefined;
      await transport.stop();
      removeDir(dataDir);
    });

    const deliveriesOf = (fn: string): Delivery[] => seen.deliveries.filter((d) => d.fn === fn);

    describe(`fed from ${transport.name}`, () => {
      it('completes on return and fills triggerMetadata as the host does', async () => {
        await transport.send('sb-complete', [
          {
            messageId: 'm-1',
            body: { n: 1 },
            subject: 'alert',
            correlationId: 'corr-1',
            applicationProperties: { source: 'test' },
          },
        ]);
        const [delivery] = await waitFor('the delivery', () => {
          const got = deliveriesOf('sbComplete');
          return got.length > 0 ? got : undefined;
        });
        expect(delivery?.body).toEqual({ n: 1 });
        expect(delivery?.metadata).toMatchObject({
          messageId: 'm-1',
          deliveryCount: 1,
          subject: 'alert',
          label: 'alert',
          correlationId: 'corr-1',
          contentType: 'application/json',
          applicationProperties: { source: 'test' },
          userProperties: { source: 'test' },
        });
        expect(typeof delivery?.metadata.sequenceNumber).toBe('number');
        expect(typeof delivery?.metadata.lockToken).toBe('string');
        expect(Date.parse(String(delivery?.metadata.enqueuedTimeUtc))).toBeLessThanOrEqual(Date.now());
        expect(delivery?.metadata.enqueuedTime).toBe(delivery?.metadata.enqueuedTimeUtc);
        await waitFor('completion', () => (transport.remaining('sb-complete') === 0 ? true : undefined));
        expect(transport.deadLetters('sb-complete')).toEqual([]);
      });

      it('abandons on a throw and redelivers with deliveryCount + 1', async () => {
        await transport.send('sb-fails-once', [{ messageId: 'flaky-1', body: { flaky: true } }]);
        await waitFor('completion after the redelivery', () =>
          deliveriesOf('sbFailsOnce').length === 2 && transport.remaining('sb-fails-once') === 0
            ? true
            : undefined,
        );
        expect(deliveriesOf('sbFailsOnce').map((d) => d.metadata.deliveryCount)).toEqual([1, 2]);
        expect(deliveriesOf('sbFailsOnce').map((d) => d.metadata.messageId)).toEqual(['flaky-1', 'flaky-1']);
        expect(transport.deadLetters('sb-fails-once')).toEqual([]);
      });

      it('dead-letters past the max delivery count with the reason', async () => {
        await transport.send('sb-poison', [{ messageId: 'bad-1', body: { broken: true } }]);
        const letters = await waitFor('the dead letter', () => {
          const found = transport.deadLetters('sb-poison');
          return found.length > 0 ? found : undefined;
        });
        expect(letters).toEqual([{ messageId: 'bad-1', reason: 'MaxDeliveryCountExceeded' }]);
        expect(deliveriesOf('sbPoison').map((d) => d.metadata.deliveryCount)).toEqual([1, 2, 3]);
        expect(transport.remaining('sb-poison')).toBe(0);
      });

      it('renews the lock while a handler slower than the lock runs: one delivery, completed', async () => {
        await transport.send('sb-slow', [{ messageId: 'slow-1', body: { ms: LOCK_MS * 2.5 } }]);
        await waitFor('the slow handler to start', () => (seen.running === 1 ? true : undefined));
        await waitFor('the slow handler to finish', () => (seen.running === 0 ? true : undefined), 20_000);
        await waitFor('completion', () => (transport.remaining('sb-slow') === 0 ? true : undefined));
        // Past the original lock: a lost lock would have meant a second delivery by now.
        await new Promise((r) => setTimeout(r, LOCK_MS));
        expect(deliveriesOf('sbSlow').map((d) => d.metadata.deliveryCount)).toEqual([1]);
        expect(transport.deadLetters('sb-slow')).toEqual([]);
      });

      it('runs at most host.json serviceBus.maxConcurrentCalls handlers of a trigger at once', async () => {
        const count = MAX_CONCURRENT_CALLS * 3;
        await transport.send(
          'sb-slow',
          Array.from({ length: count }, (_, i) => ({ messageId: `c-${i}`, body: { ms: 400 } })),
        );
        await waitFor(
          'every message',
          () => (deliveriesOf('sbSlow').length === count && seen.running === 0 ? true : undefined),
          20_000,
        );
        expect(seen.maxRunning).toBe(MAX_CONCURRENT_CALLS);
        expect(new Set(deliveriesOf('sbSlow').map((d) => d.metadata.messageId)).size).toBe(count);
      });

      it('feeds a topic subscription trigger', async () => {
        await transport.send('sb-topic', [{ messageId: 'evt-1', body: { event: 1 } }]);
        const [delivery] = await waitFor('the delivery', () => {
          const got = deliveriesOf('sbTopicSubscriber');
          return got.length > 0 ? got : undefined;
        });
        expect(delivery).toMatchObject({
          body: { event: 1 },
          metadata: { messageId: 'evt-1', deliveryCount: 1 },
        });
      });
    });
  },
);
