// MessageSender over the embedded queue: the local counterpart of the Service Bus sender.
import { NonRetryableError, NotFoundError, ensureErrorType } from '../../errors';
import type { MessageSender, OutboundMessage } from '../../ports/MessageSender';
import type { EmbeddedQueue } from './EmbeddedQueue';

export class EmbeddedMessageSender implements MessageSender {
  private closed = false;

  constructor(private readonly queue: EmbeddedQueue) {}

  send(entity: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (this.closed) {
      return Promise.reject(new NonRetryableError(`The sender is closed; cannot send to '${entity}'.`));
    }
    try {
      this.queue.send(entity, messages);
      return Promise.resolve();
    } catch (err) {
      // A missing entity is a deployment fault, not a transient one: say so the way Service Bus does.
      if (err instanceof NotFoundError) {
        return Promise.reject(new NonRetryableError(err.message, { cause: err }));
      }
      return Promise.reject(ensureErrorType(err));
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
