// The embedded MessageSender against the MessageSender contract, on a real embedded database file.
import { EmbeddedMessageSender } from '../../../../shared/adapters/sqlite/EmbeddedMessageSender';
import { EmbeddedQueue } from '../../../../shared/adapters/sqlite/EmbeddedQueue';
import { openEmbeddedDatabase } from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import {
  describeMessageSenderContract,
  MESSAGE_SENDER_CONTRACT_ENTITIES,
} from '../../../contracts/messageSenderContract';
import { tempDataDir } from '../../../local/support/testRuntime';

const LOCK_MS = 60_000;
const RECEIVE_ALL = 10_000;

describeMessageSenderContract('EmbeddedMessageSender', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  const queue = new EmbeddedQueue(db);
  queue.declareQueue(MESSAGE_SENDER_CONTRACT_ENTITIES.queue);
  return Promise.resolve({
    sender: new EmbeddedMessageSender(queue),
    received: (entity: string) =>
      Promise.resolve(
        queue.receive(entity, RECEIVE_ALL, LOCK_MS).map((m) => ({
          messageId: m.messageId,
          body: m.body,
          ...(m.subject === undefined ? {} : { subject: m.subject }),
          ...(m.correlationId === undefined ? {} : { correlationId: m.correlationId }),
          applicationProperties: m.applicationProperties,
        })),
      ),
    dispose: () => {
      db.close();
      return Promise.resolve();
    },
  });
});
