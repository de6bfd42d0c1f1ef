// Both brokers' dead-letter adapters against the BrokerDeadLetters contract: the embedded queue, and
// Service Bus (the AMQP stand-in through the real SDK).
import { ServiceBusClient } from '@azure/service-bus';
import { ServiceBusBrokerDeadLetters } from '../../../shared/adapters/servicebus/ServiceBusBrokerDeadLetters';
import { EmbeddedBrokerDeadLetters } from '../../../shared/adapters/sqlite/EmbeddedBrokerDeadLetters';
import { EmbeddedQueue } from '../../../shared/adapters/sqlite/EmbeddedQueue';
import { openEmbeddedDatabase } from '../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { CONTRACT_QUEUE, describeBrokerDeadLettersContract } from '../../contracts/brokerDeadLettersContract';
import { removeDir, tempDataDir } from '../../local/support/testRuntime';
import { ServiceBusStandIn } from '../../standins/serviceBus/ServiceBusStandIn';

const MAX_DELIVERY_COUNT = 2;
const LOCK_MS = 60_000;

describeBrokerDeadLettersContract('EmbeddedBrokerDeadLetters', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  const queue = new EmbeddedQueue(db);
  queue.declareQueue(CONTRACT_QUEUE);
  return Promise.resolve({
    deadLetters: new EmbeddedBrokerDeadLetters(queue),
    deadLetter: (messages) => {
      queue.send(CONTRACT_QUEUE, messages);
      for (let delivery = 0; delivery < MAX_DELIVERY_COUNT; delivery++) {
        for (const received of queue.receive(CONTRACT_QUEUE, messages.length, LOCK_MS)) {
          queue.abandon(received, MAX_DELIVERY_COUNT, 'the handler failed');
        }
      }
      return Promise.resolve();
    },
    active: () =>
      Promise.resolve(
        queue.receive(CONTRACT_QUEUE, 100, LOCK_MS).map((m) => ({ messageId: m.messageId, body: m.body })),
      ),
    dispose: () => {
      db.close();
      removeDir(dir);
      return Promise.resolve();
    },
  });
});

describeBrokerDeadLettersContract('ServiceBusBrokerDeadLetters', async () => {
  const sb = await ServiceBusStandIn.start({
    queues: [
      { name: CONTRACT_QUEUE, maxDeliveryCount: MAX_DELIVERY_COUNT, duplicateDetectionWindowMs: 60_000 },
    ],
  });
  const client = new ServiceBusClient(sb.connectionString);
  const deadLetters = new ServiceBusBrokerDeadLetters({ connectionString: sb.connectionString });
  return {
    deadLetters,
    deadLetter: async (messages) => {
      const sender = client.createSender(CONTRACT_QUEUE);
      await sender.sendMessages(
        messages.map((m) => ({ messageId: m.messageId, body: Buffer.from(JSON.stringify(m.body)) })),
      );
      await sender.close();
      const receiver = client.createReceiver(CONTRACT_QUEUE, { maxAutoLockRenewalDurationInMs: 0 });
      while (sb.deadLetters(CONTRACT_QUEUE).length < messages.length) {
        for (const received of await receiver.receiveMessages(10, { maxWaitTimeInMs: 200 })) {
          await receiver.abandonMessage(received);
        }
      }
      await receiver.close();
    },
    active: () =>
      Promise.resolve(
        sb.peekAll(CONTRACT_QUEUE).map((m) => ({ messageId: m.messageId ?? '', body: m.body })),
      ),
    dispose: async () => {
      await deadLetters.close();
      await client.close();
      await sb.stop();
    },
  };
});
