// MessageSender over the embedded queue: the local counterpart of the Service Bus sender. Sends of one turn
// of the event loop share a commit (group commit); each resolves once its messages are durable.
import { NonRetryableError, NotFoundError, ensureErrorType } from '../../errors';
import type { MessageSender, OutboundMessage } from '../../ports/MessageSender';
import type { EmbeddedQueue } from './EmbeddedQueue';
import { asTransientStorageFailure } from './storageFailure';

export class EmbeddedMessageSender implements MessageSender {
  private closed = false;

  constructor(private readonly queue: EmbeddedQueue) {}

  async send(entity: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (this.closed) {
      throw new NonRetryableError(`The sender is closed; cannot send to '${entity}'.`);
    }
    try {
      await this.queue.sendInGroupCommit(entity, messages);
    } catch (err) {
      // A missing entity is a deployment fault, not a transient one: say so the way Service Bus does.
      if (err instanceof NotFoundError) {
        throw new NonRetryableError(err.message, { cause: err });
      }
      // A full disk or an I/O error passes: the caller may retry (the intake answers 503 with Retry-After).
      throw ensureErrorType(asTransientStorageFailure(err, `Sending to '${entity}' failed`));
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
