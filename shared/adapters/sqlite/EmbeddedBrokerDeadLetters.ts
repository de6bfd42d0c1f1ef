// BrokerDeadLetters over the embedded queue: the messages it dead-lettered (past the max delivery count).
import { bodyPreview } from '../../domain/deadLetters/deadLetterId';
import type { BrokerDeadLetter, BrokerDeadLetters } from '../../ports/BrokerDeadLetters';
import type { EmbeddedQueue } from './EmbeddedQueue';

export class EmbeddedBrokerDeadLetters implements BrokerDeadLetters {
  constructor(private readonly queue: EmbeddedQueue) {}

  peek(entity: string, limit: number): Promise<BrokerDeadLetter[]> {
    return Promise.resolve(
      this.queue.deadLetters(entity, limit).map((d) => ({
        entity: d.entity,
        sequenceNumber: d.sequenceNumber,
        messageId: d.messageId,
        reason: d.reason,
        description: d.description,
        deliveryCount: d.deliveryCount,
        enqueuedAt: new Date(d.enqueuedAt).toISOString(),
        ...bodyPreview(JSON.stringify(d.body)),
      })),
    );
  }

  resubmit(entity: string, sequenceNumber: number, newMessageId: string): Promise<boolean> {
    return Promise.resolve(this.queue.resubmitDeadLetter(entity, sequenceNumber, newMessageId));
  }

  discard(entity: string, sequenceNumber: number): Promise<boolean> {
    return Promise.resolve(this.queue.discardDeadLetter(entity, sequenceNumber));
  }
}
