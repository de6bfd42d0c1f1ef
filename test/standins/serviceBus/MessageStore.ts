// One queue-like store (a queue, a subscription or a dead-letter sub-queue): sequence numbers,
// peek-lock with expiry, delivery counts, dead-lettering, deferral and scheduled messages.
import { type Message } from 'rhea';
import { newLockToken } from './lockToken';

export type MessageState = 'active' | 'deferred' | 'scheduled';
export type ReceiveMode = 'peekLock' | 'receiveAndDelete';

export interface MessageLock {
  readonly token: string;
  lockedUntilMs: number;
  timer: NodeJS.Timeout;
}

export interface StoredMessage {
  readonly sequenceNumber: number;
  /** The message as the client sent it; broker annotations are added on the way out. */
  readonly amqp: Message;
  enqueuedAtMs: number;
  /** Failed deliveries so far (abandon, lock expiry); the AMQP header carries this value. */
  deliveryCount: number;
  state: MessageState;
  lock: MessageLock | undefined;
}

/** Something that takes messages as they become available: a receiver link. */
export interface Consumer {
  readonly mode: ReceiveMode;
  /** How many messages it can take right now (link credit not yet used, zero while draining). */
  capacity(): number;
  deliver(message: StoredMessage): void;
}

export interface MessageStoreOptions {
  readonly lockDurationMs: number;
  /** Infinity for dead-letter sub-queues, which never dead-letter again. */
  readonly maxDeliveryCount: number;
}

export type SettleResult = 'ok' | 'lockLost';

/** Thrown for requests the real service would refuse; the caller turns it into an AMQP error. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly condition: string,
    message: string,
  ) {
    super(message);
  }
}

export const MESSAGE_NOT_FOUND = 'com.microsoft:message-not-found';

export class MessageStore {
  private readonly messages = new Map<number, StoredMessage>();
  private readonly locks = new Map<string, StoredMessage>();
  private readonly scheduleTimers = new Map<number, NodeJS.Timeout>();
  private readonly consumers = new Set<Consumer>();
  private nextSequenceNumber = 1;
  private pumping = false;

  constructor(
    readonly path: string,
    private readonly options: MessageStoreOptions,
    readonly deadLetterQueue?: MessageStore,
  ) {}

  /** Adds a message; with `visibleAtMs` in the future it stays scheduled until then. */
  enqueue(amqp: Message, visibleAtMs?: number, deliveryCount = 0): StoredMessage {
    const now = Date.now();
    const scheduled = visibleAtMs !== undefined && visibleAtMs > now;
    const message: StoredMessage = {
      sequenceNumber: this.nextSequenceNumber++,
      amqp,
      enqueuedAtMs: now,
      deliveryCount,
      state: scheduled ? 'scheduled' : 'active',
      lock: undefined,
    };
    this.messages.set(message.sequenceNumber, message);
    if (scheduled) {
      const timer = setTimeout(() => this.activate(message), visibleAtMs - now);
      this.scheduleTimers.set(message.sequenceNumber, timer);
    } else {
      this.pump();
    }
    return message;
  }

  cancelScheduled(sequenceNumber: number): void {
    const message = this.messages.get(sequenceNumber);
    if (message?.state !== 'scheduled') {
      return; // The service ignores unknown or already enqueued sequence numbers too.
    }
    clearTimeout(this.scheduleTimers.get(sequenceNumber));
    this.scheduleTimers.delete(sequenceNumber);
    this.messages.delete(sequenceNumber);
  }

  addConsumer(consumer: Consumer): void {
    this.consumers.add(consumer);
    this.pump();
  }

  removeConsumer(consumer: Consumer): void {
    this.consumers.delete(consumer);
  }

  /** Hands available messages to consumers with capacity, oldest first. */
  pump(): void {
    if (this.pumping) {
      return;
    }
    this.pumping = true;
    try {
      for (const consumer of this.consumers) {
        while (consumer.capacity() > 0) {
          const next = this.nextAvailable();
          if (!next) {
            return;
          }
          if (consumer.mode === 'receiveAndDelete') {
            this.messages.delete(next.sequenceNumber);
          } else {
            this.lock(next);
          }
          consumer.deliver(next);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Active, deferred and scheduled messages from a sequence number on, locked or not. */
  peek(fromSequenceNumber: number, count: number): StoredMessage[] {
    const result: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (result.length >= count) {
        break;
      }
      if (message.sequenceNumber >= fromSequenceNumber) {
        result.push(message);
      }
    }
    return result;
  }

  all(): StoredMessage[] {
    return [...this.messages.values()];
  }

  complete(token: string): SettleResult {
    const message = this.locks.get(token);
    if (!message) {
      return 'lockLost';
    }
    this.unlock(message);
    this.messages.delete(message.sequenceNumber);
    return 'ok';
  }

  /** Returns the message for another attempt; `counted` is false for AMQP "released" (never processed). */
  abandon(token: string, propertiesToModify?: Record<string, unknown>, counted = true): SettleResult {
    const message = this.locks.get(token);
    if (!message) {
      return 'lockLost';
    }
    this.unlock(message);
    const updated = this.withProperties(message, propertiesToModify);
    if (counted) {
      updated.deliveryCount += 1;
      if (updated.deliveryCount >= this.options.maxDeliveryCount) {
        this.moveToDeadLetter(
          updated,
          'MaxDeliveryCountExceeded',
          `Message could not be consumed after ${this.options.maxDeliveryCount} delivery attempts.`,
        );
        return 'ok';
      }
    }
    this.pump();
    return 'ok';
  }

  defer(token: string, propertiesToModify?: Record<string, unknown>): SettleResult {
    const message = this.locks.get(token);
    if (!message) {
      return 'lockLost';
    }
    this.unlock(message);
    this.withProperties(message, propertiesToModify).state = 'deferred';
    return 'ok';
  }

  deadLetter(
    token: string,
    reason: string | undefined,
    description: string | undefined,
    propertiesToModify?: Record<string, unknown>,
  ): SettleResult {
    const message = this.locks.get(token);
    if (!message) {
      return 'lockLost';
    }
    this.unlock(message);
    this.moveToDeadLetter(this.withProperties(message, propertiesToModify), reason, description);
    return 'ok';
  }

  /** The new lock expiry, or undefined when the lock is gone. */
  renewLock(token: string): number | undefined {
    const message = this.locks.get(token);
    if (!message?.lock) {
      return undefined;
    }
    clearTimeout(message.lock.timer);
    message.lock.lockedUntilMs = Date.now() + this.options.lockDurationMs;
    message.lock.timer = setTimeout(() => this.expire(token), this.options.lockDurationMs);
    return message.lock.lockedUntilMs;
  }

  /** Deferred messages by sequence number; in peek-lock mode each is locked again. */
  receiveDeferred(sequenceNumbers: readonly number[], mode: ReceiveMode): StoredMessage[] {
    const found = sequenceNumbers.map((sequenceNumber) => {
      const message = this.messages.get(sequenceNumber);
      if (message?.state !== 'deferred') {
        throw new StoreError(
          MESSAGE_NOT_FOUND,
          `Failed to retrieve the deferred message with sequence number ${sequenceNumber} from '${this.path}'.`,
        );
      }
      return message;
    });
    for (const message of found) {
      this.unlock(message); // Receiving it again replaces any earlier lock.
      if (mode === 'receiveAndDelete') {
        this.messages.delete(message.sequenceNumber);
      } else {
        this.lock(message);
      }
    }
    return found;
  }

  dispose(): void {
    for (const timer of this.scheduleTimers.values()) {
      clearTimeout(timer);
    }
    this.scheduleTimers.clear();
    for (const message of this.locks.values()) {
      clearTimeout(message.lock?.timer);
    }
    this.locks.clear();
    this.consumers.clear();
  }

  private nextAvailable(): StoredMessage | undefined {
    for (const message of this.messages.values()) {
      if (message.state === 'active' && !message.lock) {
        return message;
      }
    }
    return undefined;
  }

  private lock(message: StoredMessage): void {
    const token = newLockToken();
    message.lock = {
      token,
      lockedUntilMs: Date.now() + this.options.lockDurationMs,
      timer: setTimeout(() => this.expire(token), this.options.lockDurationMs),
    };
    this.locks.set(token, message);
  }

  private unlock(message: StoredMessage): void {
    if (message.lock) {
      clearTimeout(message.lock.timer);
      this.locks.delete(message.lock.token);
      message.lock = undefined;
    }
  }

  /** Lock expiry counts as a failed delivery, like an abandon. */
  private expire(token: string): void {
    this.abandon(token);
  }

  private activate(message: StoredMessage): void {
    this.scheduleTimers.delete(message.sequenceNumber);
    if (this.messages.get(message.sequenceNumber) === message && message.state === 'scheduled') {
      message.state = 'active';
      message.enqueuedAtMs = Date.now();
      this.pump();
    }
  }

  /** Settlement may carry application properties to change; messages are immutable, so swap in a copy. */
  private withProperties(message: StoredMessage, properties?: Record<string, unknown>): StoredMessage {
    if (!properties || Object.keys(properties).length === 0) {
      return message;
    }
    const updated: StoredMessage = {
      ...message,
      amqp: {
        ...message.amqp,
        application_properties: { ...message.amqp.application_properties, ...properties },
      },
    };
    this.messages.set(message.sequenceNumber, updated);
    return updated;
  }

  private moveToDeadLetter(message: StoredMessage, reason?: string, description?: string): void {
    if (!this.deadLetterQueue) {
      // A dead-letter sub-queue has no dead-letter queue of its own; the message stays available.
      this.pump();
      return;
    }
    this.messages.delete(message.sequenceNumber);
    const deadLetterProperties: Record<string, unknown> = {};
    if (reason !== undefined) deadLetterProperties.DeadLetterReason = reason;
    if (description !== undefined) deadLetterProperties.DeadLetterErrorDescription = description;
    const amqp: Message = {
      ...message.amqp,
      application_properties: { ...message.amqp.application_properties, ...deadLetterProperties },
    };
    this.deadLetterQueue.enqueue(amqp, undefined, message.deliveryCount);
  }
}
