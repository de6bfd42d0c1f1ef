// MessageSender over the embedded queue: the local counterpart of the Service Bus sender.
import type { MessageSender, OutboundMessage } from '../../ports/MessageSender';
import type { EmbeddedQueue } from './EmbeddedQueue';

export class EmbeddedMessageSender implements MessageSender {
  constructor(private readonly queue: EmbeddedQueue) {}

  send(entity: string, messages: readonly OutboundMessage[]): Promise<void> {
    try {
      this.queue.send(entity, messages);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
