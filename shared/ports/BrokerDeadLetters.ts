// Port: the messaging broker's dead-letter sub-queues (Service Bus in Azure, the embedded queue locally):
// messages dead-lettered past the max delivery count or on expiry, and what an operator can do with one.

export interface BrokerDeadLetter {
  /** The queue (or `topic/Subscriptions/name`) whose dead-letter sub-queue holds it. */
  readonly entity: string;
  /** Its position in the dead-letter sub-queue: what resubmit and discard find it by. */
  readonly sequenceNumber: number;
  readonly messageId: string;
  readonly reason: string;
  readonly description: string;
  readonly deliveryCount: number;
  readonly enqueuedAt?: string;
  /** The body as text, cut to a bounded length. */
  readonly bodyPreview: string;
  readonly bodyTruncated: boolean;
}

export interface BrokerDeadLetters {
  /** The oldest dead letters of `entity`, at most `limit`, without locking or removing them. */
  peek(entity: string, limit: number): Promise<BrokerDeadLetter[]>;
  /**
   * Sends the message back to `entity` as it was sent (body, properties) under `newMessageId` (its own id is
   * still in the duplicate-detection window), then removes it from the dead-letter sub-queue. False when it
   * is not (or no longer) there.
   */
  resubmit(entity: string, sequenceNumber: number, newMessageId: string): Promise<boolean>;
  /** Removes it from the dead-letter sub-queue for good. False when it is not (or no longer) there. */
  discard(entity: string, sequenceNumber: number): Promise<boolean>;
}
